"""Recognising questions whose answer is the worker's own live data, however they are phrased.

"koska se deski on auki?", "kuka on meidän arkistoyhteyshenkilö", "montako
lukitsematonta mulla on", "miks mun päätös ei menny kantaan": each names its
subject (the desk, the contact person, one's pending documents, a failure) and
asks for *the* value (a time, a name, a count, a reason), not how something
works. A how-to word ("miten", "mitä teen", "pitääkö") leaves the question to
the instructions. Words are folded (no ä/ö needed) and spoken forms read as written.
"""

from __future__ import annotations

import re
from enum import StrEnum

import re2

from knowledge.normalise import fold
from knowledge.spoken import spoken_word

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class LiveIntent(StrEnum):
    NEXT_DESK = "next_desk"
    CONTACT_PERSON = "contact_person"
    PENDING_COUNT = "pending_count"
    FAILURE_REASON = "failure_reason"


DESK = ("desk", "neuvontadesk", "arkistodesk", "neuvonta", "tukisessio", "neuvontasessio", "neuvontatuoki", "etadesk")
WHEN = frozenset(
    "milloin koska mihin aikaan kellonaika kello klo seuraava seuraavan seuraavaan seuraavaksi tanaan huomenna "
    "ylihuomenna auki aukeaa alkaa alkavat nyt ehdinko ehtiiko paasenko vielä viela aika ajat aikataulu "
    "aamupaivalla iltapaivalla aamupaivan iltapaivan aamulla maanantaina tiistaina keskiviikkona torstaina "
    "perjantaina ensi viikolla ollut ollu".split()
)
HOW_TO = frozenset(
    "miten kuinka mita mika mitka pitaako taytyyko tarvitseeko voiko saako onko_pakko mukaan tehdaan tarkoittaa "
    "toimii toimiiko kannattaako pakollinen vapaaehtoinen".split()
)
# the person, also as "arkistointivastaava", "arkistohenkilö" or in slang "arkistotyyppi"
CONTACT = ("yhteyshenkilo", "arkistointiyhteyshenkilo", "arkistoyhteyshenkilo", "yhdyshenkilo", "avainhenkilo",
           "arkistointivastaav", "arkistovastaav", "arkistohenkil", "arkistointihenkil", "arkistotyyp")
# "kehen otan yhteyttä arkistointiasioissa": whom to turn to about archiving, in one's own unit
REACH = frozenset("kehen kenelle kenelta keneen".split())
REACH_WHAT = ("arkistoin", "arkisto")
CONTACT_PARTS = frozenset({"arkisto", "arkistointi"})  # "arkisto yhteyshenkilö" written apart
OURS = frozenset(
    "meidan meilla meille meita mun minun minulla minulle oma omat oman omassa tiimin tiimissa tiimimme yksikon "
    "yksikossa yksikkomme palveluyksikon palveluyksikossa meiän".split()
)
WHO = frozenset("kuka ketka kehen kenelle kenelta kenen nimi nimen nimetty nimetyt yhteystiedot yhteystietoja hoitaa".split())
CONTACT_HOW_TO = ("tekee", "tehtav", "valitaan", "valitsee", "valittiin", "nimeaa", "nimitetaan", "nimettiin", "vastaa", "seuraa",
                  "pitaako", "onko_jokaisessa", "rooli", "odote", "kuuluuko", "mita")
FAILURE = ("epaonnist", "hylat", "hylka", "hylk", "virhe", "vikaan", "vika", "pieleen", "punaise", "punase", "kaatu", "failas",
           "palautu", "palautet", "palasi")
CAME_BACK = re.compile(r"\b(tuli|tulee|palasi|tullut|tullu)\s+(\w+\s+)?takaisin")  # "se tuli takaisin"
# "ei mennyt arkistoon", "ei oo kannassa", "ei arkistoitunut", "ei onnistunut": a document that did not get through
NOT_THROUGH = re2.compile(  # RE2, like every pattern over chat text: linear time
    r"\b(ei|eika|miksei)\b(\s+\w+){0,3}?\s+(mene\w*|menn\w*|oo|ole|lahte\w*|siirty\w*|paase\w*)(\s+\w+)?\s+(arkisto|kanta|lapi)\w*"
    r"|\b(ei|eika|miksei)\b(\s+\w+){0,3}?\s+(arkistoitu\w*|arkistoidu\w*|onnistu\w*)"
)
WHY = frozenset("miksi miksei mika syy syyna syysta mista vikaa".split())
MINE = frozenset("mun minun mulla minulla multa minulta mulle minulle oma omat omani asiakirjani dokumenttini".split())
FAILURE_HOW_TO = frozenset(
    "teen tehda pitaa pitaako voiko saako katoaako kenelle soitan miten yritan uudestaan uudelleen otan ottaa yhteytta nyt".split()
)
MEANS = frozenset("tarkoittaa tarkoittanee tarkottaa".split())  # "mitä virheilmoitus tarkoittaa": how-to, unless it is one's own document's
COUNT = frozenset("montako monta paljonko paljon kpl lkm maara lukumaara yhtaan jotain mitaan".split())
COUNT_ONLY = frozenset("montako monta paljonko lukumaara".split())  # "kuinka monta ei ole arkistoitu": a count, not a reason
WAITING = ("arkistoimat", "lukitsemat", "odotta", "odottav", "jonossa", "rastissa", "keskenera", "arkistoitava", "lahettamat")
# asking to be shown or checked one's own: "näytä mun…", "jäikö minulta…", "voisitko katsoa…"
SHOW = frozenset("nayta listaa luettele jaiko jaako onko onks katso katsoa katsotko tarkista tarkistaisitko tarkistatko".split())
PENDING_HOW_TO = frozenset("miten mista loydan etsin teen tehda pitaa pitaako".split())  # how to find them, or what to do
SHORT = 4  # "mun odottavat asiakirjat": a few words naming one's own waiting documents


def tokens(text: str) -> list[str]:
    """Folded words with spoken pronouns and particles read as written ("mä" → "mina", "mun" → "minun")."""
    words = [spoken_word(w) for w in _WORD.findall(fold(text))]
    folded = " ".join(words)
    if "onko pakko" in folded:
        words.append("onko_pakko")
    if "onko jokaisessa" in folded:
        words.append("onko_jokaisessa")
    return words


def live_intent(text: str) -> LiveIntent | None:
    """Which live value the text asks for, if any."""
    words = tokens(text)
    if not words or len(words) > 60:
        return None
    for intent, test in ((LiveIntent.CONTACT_PERSON, _contact), (LiveIntent.FAILURE_REASON, _failure),
                         (LiveIntent.PENDING_COUNT, _count), (LiveIntent.NEXT_DESK, _desk)):  # fmt: skip
        if test(words):
            return intent
    return None


def _desk(words: list[str]) -> bool:
    if not any(w.startswith(DESK) for w in words):
        return False
    return any(w in WHEN for w in words) and not any(w in HOW_TO for w in words)


def _contact(words: list[str]) -> bool:
    named = any(w.startswith(CONTACT) or (w.startswith("yhteyshenkil") and i and words[i - 1] in CONTACT_PARTS) for i, w in enumerate(words))
    if any(w.startswith(CONTACT_HOW_TO) for w in words):
        return False
    if not named:  # "kehen otan yhteyttä meidän yksikössä arkistointiasioissa"
        return any(w in REACH for w in words) and any(w.startswith(REACH_WHAT) for w in words) and any(w in OURS for w in words)
    return len(words) <= 2 or any(w in OURS or w in WHO for w in words)


def _failure(words: list[str]) -> bool:
    joined = " ".join(words)
    failed = any(w.startswith(FAILURE) for w in words) or bool(NOT_THROUGH.search(joined) or CAME_BACK.search(joined))
    if not failed or any(w in FAILURE_HOW_TO or w in COUNT_ONLY for w in words):
        return False
    if any(w in MEANS for w in words) and not any(w in MINE for w in words):
        return False
    return any(w in WHY for w in words) or any(w in MINE for w in words)


def _count(words: list[str]) -> bool:
    waiting = (
        any(w.startswith(WAITING) for w in words)
        or ("kannassa" in words and "viela" in words)
        or bool(re.search(r"\b(ei|en|eika|enka)\b(\s+\w+){0,3}\s+arkistoi", " ".join(words)))
        or ("kaikki" in words and any(w.startswith("arkistoitu") for w in words))  # "onko mun asiakirjat kaikki arkistoitu"
    )
    if not waiting or any(w in PENDING_HOW_TO or w.startswith("komen") for w in words):
        return False
    mine = any(w in MINE for w in words)
    return any(w in COUNT for w in words) or (mine and (any(w in SHOW for w in words) or len(words) <= SHORT))
