"""Recognising what free text asks for, before it is taken as a question to the knowledge base.

Workers write without ä/ö, with typos and in spoken Finnish ("onko mulla…"),
so words are folded and compared by their beginnings with a little fuzz.
"Show me my unarchived documents" must reach the pending list, while "how do
I find unlocked documents" is a question for the instructions: a how-to word
turns a state word into a question (answered with a button to the list).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz, process

from knowledge.normalise import fold as fold_text

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

HELP_WORDS = frozenset(
    {"hei", "heippa", "moi", "moikka", "moro", "terve", "tere", "hello", "hi", "apua", "help", "huomenta",
     "paivaa", "iltaa", "botti", "arkistobotti", "osaat", "mita", "sina", "mika", "olet", "ohjeet"}
)  # fmt: skip
HELP_CORE = frozenset({"hei", "heippa", "moi", "moikka", "moro", "terve", "hello", "hi", "apua", "help", "huomenta", "paivaa", "osaat", "olet"})

# Beginnings of words that name the pending states of one's documents.
STATE_STEMS = (
    "arkistoimat", "arkistoimaton", "arkistoimattom", "lukitsemat", "lukitsematon", "lukitsemattom",
    "keskenera", "kesken", "odottav", "epaonnistun", "epaonnistu", "hylatty", "hylatt", "jonossa",
    "lahettamat", "kasittelemat", "avoimet", "avoimia", "valmiit", "tekemat",
)  # fmt: skip
# Words that, with a state word, say "mine / show me".
PERSONAL = frozenset(
    {"minulla", "mulla", "minun", "mun", "mulle", "minulle", "oma", "omat", "omia", "omani", "omista", "meilla",
     "nayta", "listaa", "luettele", "kerro", "onko", "paljonko", "montako", "mitka", "mita", "loytyyko"}
)  # fmt: skip
OWN_DOCUMENTS = ("asiakirjani", "dokumenttini", "kirjaukseni", "asiakirjojani", "dokumenttejani", "tilanteeni", "tilanne")
# Words that make the sentence a how-to or why question for the instructions.
HOW_TO = frozenset(
    {"miten", "miksi", "kuinka", "mista", "milla", "missa", "voinko", "voiko", "saako", "pitaako", "taytyyko",
     "tarkoittaa", "tarkoitetaan", "mika", "ohje", "ohjetta", "ohjeita", "loydan", "loytaa", "etsin", "etsia",
     "tehda", "teen", "kun", "jos", "haku", "hakeminen", "etsiminen", "loytaminen"}
)  # fmt: skip
COUNTING = ("kuinka monta", "kuinka paljon")
# "show my documents", "what must I still archive": personal words with a document or a duty to act.
STRONG_PERSONAL = frozenset({"minulla", "mulla", "minun", "mun", "minulle", "mulle", "oma", "omat", "omia", "omani", "nayta", "listaa", "luettele"})
DOCUMENT_NOUNS = ("asiakirj", "dokument", "kirjauks")
DUTY_WORDS = frozenset({"pitaa", "taytyy", "tarvitsee", "pitais", "pitaisi", "tulisi", "viela"})
ACTION_VERBS = ("arkistoi", "lukit")


class PendingIntent(StrEnum):
    LIST = "list"  # show the worker's pending documents
    QUESTION_ABOUT = "question_about"  # a how-to question about pending documents: answer, offer the list


@lru_cache(maxsize=16)
def fold(value: str) -> str:
    """Casefold and drop diacritics (ä → a, ö → o), as the knowledge base folds.

    Remembered for the last few texts: every intent of the router folds the same message.
    """
    return fold_text(value)


@lru_cache(maxsize=16)
def words(value: str) -> tuple[str, ...]:
    """The folded words of ``value`` (remembered like :func:`fold`)."""
    return tuple(_WORD.findall(fold(value)))


FUZZY_STEM_LENGTH = 8  # a stem this long also matches a word that begins with a near miss of it (a typo)
FUZZY_MIN_RATIO = 88
_FUZZY_STEMS: dict[int, list[str]] = {}  # by length: a word's beginning of that length is compared with all at once
for _stem in STATE_STEMS:
    if len(_stem) >= FUZZY_STEM_LENGTH:
        _FUZZY_STEMS.setdefault(len(_stem), []).append(_stem)


def _starts_like(word: str, stem: str) -> bool:
    if word.startswith(stem):
        return True
    if len(stem) < FUZZY_STEM_LENGTH or len(word) < len(stem):
        return False
    return fuzz.ratio(word[: len(stem)], stem) >= FUZZY_MIN_RATIO


def has_state_word(tokens: tuple[str, ...] | list[str]) -> bool:
    """Whether a word begins like a pending state (or names one's own documents); exact beginnings are checked first."""
    for word in tokens:
        if word.startswith(STATE_STEMS) or word in OWN_DOCUMENTS:
            return True
    return any(
        process.extractOne(word[:length], stems, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO) is not None
        for word in tokens
        for length, stems in _FUZZY_STEMS.items()
        if len(word) >= length
    )  # the same as any(_starts_like(word, stem)) over every long stem, in fewer calls


def is_help_request(value: str) -> bool:
    """A greeting or a plea for help on its own ("hei", "apua", "mitä osaat?"), not a question."""
    tokens = words(value)
    return 0 < len(tokens) <= 4 and all(t in HELP_WORDS for t in tokens) and any(t in HELP_CORE for t in tokens)


def _asks_for_own_work(tokens: tuple[str, ...] | list[str]) -> bool:
    if not any(t in STRONG_PERSONAL for t in tokens):
        return False
    if any(t.startswith(DOCUMENT_NOUNS) for t in tokens):
        return True
    return any(t in DUTY_WORDS for t in tokens) and any(t.startswith(ACTION_VERBS) for t in tokens)


def pending_intent(value: str) -> PendingIntent | None:
    """Whether ``value`` asks for the worker's own pending documents (or asks how to handle them)."""
    tokens = words(value)
    if not tokens or not (has_state_word(tokens) or _asks_for_own_work(tokens)):
        return None
    folded = " ".join(tokens)
    counting = any(phrase in folded for phrase in COUNTING)
    how_to = not counting and any(t in HOW_TO for t in tokens)
    personal = counting or any(t in PERSONAL or t in OWN_DOCUMENTS for t in tokens)
    if how_to:
        return PendingIntent.QUESTION_ABOUT
    if personal or len(tokens) <= 3:
        return PendingIntent.LIST
    return PendingIntent.QUESTION_ABOUT


# "lopeta tiedotteet" / "tilaa tiedotteet": announcements of new and changed instructions.
ANNOUNCEMENT_STEMS = ("tiedote", "tiedotte", "tiedotus", "tiedotuks")
STOP_WORDS = frozenset(
    {"lopeta", "lopetan", "lopettaa", "lopetetaan", "lopettaisin", "peru", "perun", "peruuta", "peruutan", "pois",
     "en", "ei", "ala", "esta", "hiljenna", "hiljaa", "poista"}
)  # fmt: skip
START_WORDS = frozenset(
    {"tilaa", "tilaan", "tilaisin", "tilaus", "aloita", "aloitan", "jatka", "jatkan", "palauta", "takaisin",
     "paalle", "haluan", "laita", "uudelleen"}
)  # fmt: skip
RECEIVE_WORDS = frozenset({"saa", "saan", "saada", "tule", "tulee", "tulevat", "tulla", "lahetat", "lahetetaan", "lahettaa"})
MAX_ANNOUNCEMENT_WORDS = 6


class AnnouncementIntent(StrEnum):
    STOP = "stop"  # no more announcements for me
    START = "start"  # announcements again
    STATUS = "status"  # a question about them ("miksi en saa tiedotteita?")


def announcement_intent(value: str) -> AnnouncementIntent | None:
    """Whether ``value`` asks to stop or start instruction announcements (or asks about them)."""
    tokens = words(value)
    if not 0 < len(tokens) <= MAX_ANNOUNCEMENT_WORDS or not any(t.startswith(ANNOUNCEMENT_STEMS) for t in tokens):
        return None
    if any(t in HOW_TO for t in tokens):
        # "miksi en saa tiedotteita?": the state and the commands, nothing changed; "mikä on tiedote?" is for the instructions
        about_receiving = any(t in STOP_WORDS or t in START_WORDS or t in RECEIVE_WORDS for t in tokens)
        return AnnouncementIntent.STATUS if about_receiving else None
    if any(t in STOP_WORDS for t in tokens):
        return AnnouncementIntent.STOP
    if any(t in START_WORDS for t in tokens):
        return AnnouncementIntent.START
    return AnnouncementIntent.STATUS if len(tokens) == 1 else None
