"""Synthetic names and places for the demo district: common Finnish names, combined at random.

Nothing here describes a real person or unit; OIDs live under the example arc
``2.999`` so no demo identifier can be mistaken for a registry OID.
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Aino", "Eino", "Helmi", "Väinö", "Sofia", "Leo", "Olivia", "Elias", "Venla", "Onni",
    "Aada", "Oliver", "Lilja", "Eetu", "Emma", "Niilo", "Ella", "Toivo", "Iida", "Veeti",
    "Pihla", "Aatu", "Kerttu", "Lenni", "Siiri", "Otto", "Hilla", "Rasmus", "Isla", "Eemil",
    "Matti", "Liisa", "Pekka", "Anneli", "Juha", "Tuula", "Kari", "Päivi", "Jari", "Sirpa",
)  # fmt: skip

SURNAMES = (
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
    "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen",
    "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen", "Ahonen",
)  # fmt: skip

ORGANISATION = ("2.999.1", "Demon hyvinvointialue (synteettinen)")

# (OID, name, service task, active, registered in the SOTE register)
SERVICE_UNITS = (
    ("2.999.1.10.1", "Lastensuojelun avohuolto", "10", True, True),
    ("2.999.1.10.2", "Sijaishuolto ja perhehoito", "10", True, True),
    ("2.999.1.10.3", "Vammaispalvelut, asumisen tuki", "20", True, True),
    ("2.999.1.10.4", "Vammaispalvelut, päivä- ja työtoiminta", "20", True, True),
    ("2.999.1.10.5", "Päihdepalvelut", "15", True, True),
    # registered locally but not yet in the SOTE register: the archive refuses its documents
    ("2.999.1.10.6", "Perhekeskus Aamurusko (rekisteröinti kesken)", "10", True, False),
    # closed down: still on old documents, no longer a valid choice
    ("2.999.1.10.9", "Entinen sosiaaliasema (lakkautettu)", "20", False, True),
)

# Document types (1.2.246.537.6.1506 codes of the packaged list) written under each service task.
DOCUMENT_TYPES = {
    "10": ("1006", "4009", "11002", "15009", "15026", "5002", "19003", "19005", "19005", "19007"),
    "15": ("1008", "3002", "11003", "15015", "15016", "19003", "19005", "19005"),
    "20": ("1013", "3013", "11053", "15023", "15024", "19005", "19005", "19007"),
}

CASE_TITLES = {
    "10": ("Lastensuojeluasia", "Lapsen tukitoimet", "Sijaishuollon järjestäminen"),
    "15": ("Päihdekuntoutus", "Päihdepalvelujen tarpeen selvitys"),
    "20": ("Asumisen tuki", "Päivätoiminta", "Vammaispalvelujen tarpeen selvitys"),
}


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def email_for(name: str, number: int) -> str:
    """A clearly fake address (``.invalid`` never resolves)."""
    ascii_name = name.lower().replace("ä", "a").replace("ö", "o").replace("å", "a").replace(" ", ".")
    return f"{ascii_name}.{number}@demo.invalid"
