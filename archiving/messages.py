"""Every Finnish user-facing string of the archiving core, in one place for review.

Plain Finnish for social-care workers: say what is wrong and what to do next.
Placeholders use ``str.format`` names. No text here may ever show a henkilötunnus.
"""

from __future__ import annotations

from archiving.plural import Plural

# --- document states (labels for lists and cards) ------------------------------------
STATUS_LABELS = {
    "draft": "Luonnos",
    "completed": "Valmis, lukitsematta",
    "locked": "Lukittu, arkistoimatta",
    "queued": "Jonossa arkistoon",
    "archived": "Arkistoitu",
    "failed": "Arkistointi epäonnistui",
    "corrected": "Korjattu, korjaus lähettämättä",
    "invalidated": "Mitätöity",
}

# What the worker should do next, per state (shown beside each pending document).
NEXT_STEPS = {
    "draft": "Viimeistele asiakirja ja merkitse se valmiiksi asiakasjärjestelmässä.",
    "completed": "Lukitse ja arkistoi asiakirja.",
    "locked": "Arkistoi asiakirja.",
    "queued": "Ei toimenpiteitä: asiakirja odottaa arkistointia.",
    "archived": "Ei toimenpiteitä.",
    "failed": "Korjaa virhe ja lähetä asiakirja uudelleen.",
    "failed_retryable": "Lähetä asiakirja uudelleen; jos virhe toistuu, ota yhteys neuvontadeskiin.",
    "corrected": "Lähetä korjaus arkistoon.",
    # with a blocking problem the problem comes first: nothing can be locked or sent before it is fixed
    "completed_blocked": "Korjaa ensin asiakirjan tiedot; sen jälkeen voit lukita ja arkistoida sen.",
    "locked_blocked": "Korjaa ensin asiakirjan tiedot; sen jälkeen voit lähettää sen arkistoon.",
    "corrected_blocked": "Korjaa ensin korjauksen tiedot; sen jälkeen voit lähettää sen arkistoon.",
    "failed_retryable_blocked": "Korjaa ensin asiakirjan tiedot ja lähetä se sitten uudelleen.",
    "invalidated": "Ei toimenpiteitä.",
}

# Headings of the pending-documents list, in the order the bot shows them.
PENDING_GROUPS = {
    "completed": "Valmiit, lukitsemattomat asiakirjat",
    "locked": "Lukitut, arkistoimattomat asiakirjat",
    "queued": "Jonossa arkistoon",
    "failed": "Arkistointi epäonnistui",
    "corrected": "Korjaukset, joita ei ole vielä lähetetty",
}

KIND_LABELS = {
    "relationship": "Asiakkuusasiakirja",
    "case": "Asia-asiakirja",
    "client": "Asiakasasiakirja",
}

RELATIONSHIP_LEVEL_LABELS = {
    "social_welfare": "Sosiaalihuollon asiakkuus",
    "service_task": "Palvelutehtävän asiakkuus",
    "service_unit": "Palveluyksikön asiakkuus",
}

CODE_SYSTEM_LABELS = {
    "1.2.246.537.6.1221": "palvelutehtävä",
    "1.2.246.537.6.1222": "sosiaalipalvelu",
    "1.2.246.537.6.1506": "asiakirjatyyppi",
    "1.2.246.537.6.1505": "asiakirjatyyppi",
}

# --- metadata problems (validation) --------------------------------------------------
PROBLEMS = {
    "missing_service_task": "Palvelutehtävä puuttuu. Valitse palvelutehtävä, jota asiakirja koskee.",
    "unknown_service_task": "Palvelutehtävää {code} ei ole koodistossa. Valitse palvelutehtävä listalta.",
    "inactive_service_task": "Palvelutehtävä {name} ({code}) ei ole enää voimassa. Valitse voimassa oleva palvelutehtävä.",
    "unknown_social_service": "Sosiaalipalvelua {code} ei ole koodistossa. Valitse sosiaalipalvelu listalta.",
    "inactive_social_service": "Sosiaalipalvelu {name} ({code}) ei ole enää voimassa. Valitse voimassa oleva sosiaalipalvelu.",
    "social_service_not_for_task": (
        "Sosiaalipalvelu {name} ({code}) ei kuulu palvelutehtävään {task_name}. "
        "Valitse palvelutehtävään kuuluva sosiaalipalvelu tai vaihda palvelutehtävä."
    ),
    "missing_social_service": (
        "Asiakirjalle ({type_name}) on valittava vähintään yksi sosiaalipalvelu. "
        "Valitse palvelu, jota asiakirja todella koskee."
    ),
    "social_service_not_allowed": (
        "Asiakkuus- ja asia-asiakirjoihin ei merkitä sosiaalipalvelua. Poista valitut sosiaalipalvelut."
    ),
    "missing_service_unit": "Palveluyksikkö puuttuu. Valitse palveluyksikkö, joka on tuottanut palvelun.",
    "unknown_service_unit": (
        "Palveluyksikköä {oid} ei löydy. Valitse palveluyksikkö listalta; "
        "jos yksikkösi puuttuu, ota yhteys arkistointiyhteyshenkilöösi."
    ),
    "inactive_service_unit": "Palveluyksikkö {name} ei ole enää toiminnassa. Valitse nykyinen palveluyksikkö.",
    "unknown_document_type": (
        "Asiakirjatyyppiä {code} ei ole koodistossa, joten asiakirjaa ei voi arkistoida. "
        "Ota yhteys sovellustukeen."
    ),
    "relationship_not_archived": (
        "Asiakkaan asiakkuustiedot eivät ole vielä arkistossa. Asiakirja odottaa jonossa, "
        "kunnes ne on arkistoitu; sinun ei tarvitse tehdä mitään."
    ),
    "archive_error": "Arkiston vastaus: {error}",
    "archive_error_retryable": "{error}",
}

# --- state transitions ------------------------------------------------------------------
DOCUMENT_PREFIX = "Asiakirja {id}: "

_TRANSITIONS = {
    ("complete", "*"): "Vain luonnoksen voi merkitä valmiiksi. Asiakirja on jo tilassa: {label}.",
    ("lock", "draft"): "Luonnosta ei voi lukita. Viimeistele asiakirja ja merkitse se ensin valmiiksi asiakasjärjestelmässä.",
    ("lock", "*"): "Asiakirja on jo lukittu (tila: {label}).",
    ("submit", "draft"): (
        "Luonnosta ei voi arkistoida. Viimeistele asiakirja ja merkitse se valmiiksi "
        "asiakasjärjestelmässä; sen jälkeen voit lukita ja arkistoida sen."
    ),
    ("submit", "queued"): "Asiakirja on jo jonossa arkistoon. Sinun ei tarvitse tehdä mitään.",
    ("submit", "archived"): (
        "Asiakirja on jo arkistoitu. Jos sen tiedoissa on virhe, korjaa metatiedot: "
        "korjaus lähtee arkistoon uutena versiona."
    ),
    ("submit", "invalidated"): "Asiakirja on mitätöity, eikä sitä voi enää arkistoida.",
    ("submit", "failed"): (
        "Arkisto hylkäsi asiakirjan, joten sama lähetys epäonnistuisi uudelleen. "
        "Korjaa ensin metatiedot; korjattu asiakirja lähtee arkistoon automaattisesti."
    ),
    ("submit", "*"): "Asiakirjaa ei voi arkistoida tilassa: {label}.",
    ("fix", "queued"): (
        "Asiakirja on parhaillaan jonossa arkistoon, joten sen tietoja ei voi nyt muuttaa. "
        "Odota, että arkistointi valmistuu, ja korjaa tiedot sen jälkeen: korjaus lähtee arkistoon uutena versiona."
    ),
    ("fix", "invalidated"): "Mitätöidyn asiakirjan tietoja ei voi muuttaa.",
    ("fix", "*"): "Asiakirjan tietoja ei voi muuttaa tilassa: {label}.",
    ("correct", "queued"): "Asiakirja on jonossa arkistoon. Tee korjaus vasta, kun arkistointi on valmis.",
    ("correct", "*"): "Korjausversion voi tehdä vain arkistoidusta asiakirjasta (tila nyt: {label}).",
    ("invalidate", "invalidated"): "Asiakirja on jo mitätöity.",
    ("invalidate", "queued"): "Asiakirja on jonossa arkistoon. Mitätöinnin voi tehdä vasta, kun arkistointi on valmis.",
    ("invalidate", "corrected"): (
        "Asiakirjasta on lähettämätön korjaus. Lähetä korjaus ensin arkistoon, sitten voit mitätöidä asiakirjan."
    ),
    ("invalidate", "*"): (
        "Vain arkistoidun asiakirjan voi mitätöidä. Arkistoimatonta asiakirjaa ei tarvitse mitätöidä: "
        "korjaa se asiakasjärjestelmässä."
    ),
    ("archive_result", "*"): "Arkiston vastausta ei voitu kirjata, koska asiakirja ei ole jonossa (tila: {label}).",
}


def status_label(status: str) -> str:
    """The Finnish label of a document state, or the raw value for an unknown one."""
    return STATUS_LABELS.get(status, status)


def transition_error(action: str, status: str) -> str:
    """The Finnish explanation of why ``action`` is not possible in ``status`` and what to do."""
    template = _TRANSITIONS.get((action, status)) or _TRANSITIONS.get((action, "*"))
    if template is None:
        template = "Toimintoa ei voi tehdä asiakirjalle tilassa: {label}."
    return template.format(label=status_label(status))


# --- other refusals ------------------------------------------------------------------------
DOCUMENT_NOT_FOUND = (
    "Asiakirjaa {id} ei löytynyt. Tarkista numero; näet vain asiakirjat, joihin sinulla on oikeus."
)
FOLLOWUP_BAD_FILTER = "Valitse asiakirjojen tila tai jonkin viikon luku seurannan taulukosta."
FOLLOWUP_BAD_STATUS = "Tuntematon asiakirjan tila."
UNIT_NOT_FOUND = "Palveluyksikköä ei löytynyt. Näet vain oman yksikkösi tiedot (arkistonhoitaja näkee kaikki)."
WORKER_NOT_FOUND = "Käyttäjää ei löytynyt. Ota yhteys neuvontadeskiin, jotta sinut lisätään Arkistobottiin."
OTHER_WORKERS_LIST_DENIED = "Voit katsoa vain omia asiakirjojasi."
INVALIDATE_DENIED = "Asiakirjan voi mitätöidä vain sen kirjoittaja tai arkistonhoitaja."
INVALID_METADATA_HEAD = "Metatiedoissa on korjattavaa:"
SUBMIT_REFUSED_HEAD = "Mitään ei lähetetty arkistoon, koska osassa asiakirjoista on korjattavaa:"
UNKNOWN_CODE = "Koodia {code} ei löydy koodistosta ({system})."
NO_CHANGES = "Et muuttanut mitään. Valitse uusi palvelutehtävä, sosiaalipalvelu tai palveluyksikkö."
EMPTY_CODE = "Koodi puuttuu ({field}). Valitse koodi; tyhjä koodi ei poista valintaa."
NO_DOCUMENTS_GIVEN = "Valitse vähintään yksi asiakirja."
BAD_DOCUMENT_ID = "Asiakirjan numero {id} ei kelpaa. Anna numero, esimerkiksi 1234."
REASON_REQUIRED = Plural(
    "Kirjoita mitätöinnin syy (vähintään {min} merkki), esimerkiksi ”väärä asiakas”.",
    "Kirjoita mitätöinnin syy (vähintään {min} merkkiä), esimerkiksi ”väärä asiakas”.",
    key="min",
)
REASON_HAS_HETU = "Älä kirjoita henkilötunnusta mitätöinnin syyhyn. Kirjoita syy ilman henkilötietoja."
CODE_IMPORT_FAILED = "Koodiston tuonti epäonnistui, eikä mitään muutettu."
CLIENT_LABEL = "Asiakas {initials} (nro {id})"
UNKNOWN_CODE_NAME = "tuntematon koodi"
DEMO_DATABASE_NOT_EMPTY = "Tietokannassa on jo tietoja, joten demoaluetta ei luotu."
DEMO_ARCHIVE_NOT_EMPTY = "Arkiston simulaattorissa on jo aiemman demon tietoja, joten demoaluetta ei luotu."
