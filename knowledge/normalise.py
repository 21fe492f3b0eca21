"""Finnish text normalisation shared by articles and questions.

Both sides go through the same steps, so that "näyttö", "naytto" and "NÄYTÖLLÄ"
meet: casefold, fold diacritics (ä→a, ö→o, å→a), split into words, drop stop
words (also with a question clitic: "onkohan", "mitäs"), and stem with the
Snowball Finnish stemmer, whose split families :mod:`knowledge.morphology` joins.
Stemming runs on the folded word, because users write without diacritics as
often as with them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from knowledge import messages
from knowledge.morphology import CLITICS, NOUN_KO, LemmaFamilies, regular_stem, without_clitics
from knowledge.spoken import readings

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("finnish")

# A word's first letters stand in for the forms the stemmer does not unify
# (lukita / lukitsen / lukittui); only words at least this long get one.
PREFIX_LENGTH = 5
MIN_WORD_LENGTH = 2


def _fold_slowly(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLD_TABLE_MAX = 8192


class _FoldTable(dict[int, str]):
    """``str.translate`` table: each character's fold, worked out the first time it is seen.

    Folding is per character (case folding has no context, and the combining marks
    that NFKD might reorder across characters are all dropped), so a table gives the
    same result as folding the whole text, at a fraction of the cost.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_slowly(chr(code))
        if len(self) < _FOLD_TABLE_MAX:  # text from anywhere must not grow it without end
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Casefold and strip diacritics, so that ä/a, ö/o and å/a compare equal."""
    return text.translate(_FOLD_TABLE)


def words(text: str) -> list[str]:
    """The folded words of ``text``; digits and one-letter words are dropped."""
    return [w for w in _WORD.findall(fold(text)) if len(w) >= MIN_WORD_LENGTH]


def snowball_stem(word: str) -> str:
    """Snowball's stem with the regular consonant-stem endings rewritten (no family table)."""
    if word.endswith(NOUN_KO):  # Snowball reads käyttökatko's -ko as the question clitic: stem it as "käyttökatkon"
        return regular_stem(_STEMMER.stemWord(word + "n"))
    return regular_stem(_STEMMER.stemWord(word))


_FAMILIES = LemmaFamilies.load(snowball_stem)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of an already folded word: Snowball's, joined with the other forms of its family."""
    return _FAMILIES.family(word, snowball_stem(word))


def prefix(word: str) -> str | None:
    """The prefix feature of a folded word, or None when the word is too short."""
    if len(word) <= PREFIX_LENGTH:
        return None
    return word[:PREFIX_LENGTH]


def _folded(words_: frozenset[str] | list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words_)


STOP_WORDS = _folded(messages.STOP_WORDS)
GREETING_WORDS = _folded(messages.GREETING_WORDS)
THANKS_WORDS = _folded(messages.THANKS_WORDS)
COURTESY_WORDS = _folded(messages.COURTESY_WORDS)
_SOCIAL_WORDS = GREETING_WORDS | THANKS_WORDS | COURTESY_WORDS
WISH_OPENERS = _folded(list(messages.WISH_OPENERS))
WISHES = _folded(list(messages.WISHES))
NON_TOPIC_WORDS = STOP_WORDS | GREETING_WORDS | THANKS_WORDS | COURTESY_WORDS
_PARTICLES = _folded(list(CLITICS))


# Long stop words are also recognised inflected ("jokaisen", "kysymyksen"); short ones
# ("ole", "saa") share their stems with too many topic words.
MIN_INFLECTED_STOP = 6
_STOP_STEMS = {stem(w): w for w in STOP_WORDS if len(w) >= MIN_INFLECTED_STOP}


@lru_cache(maxsize=50_000)
def bare(word: str) -> str:
    """The listed non-topic word that ``word`` is with clitics ("onkohan" → "on") or inflected ("jokaisen"), else the word."""
    if word in NON_TOPIC_WORDS:
        return word
    for shorter in without_clitics(word):
        if shorter in NON_TOPIC_WORDS and shorter not in _PARTICLES:
            return shorter
    for written in readings(word):  # spoken forms: "mä", "onks", "pitäiskö", "jotenki"
        if written in NON_TOPIC_WORDS:
            return written
    if len(word) >= MIN_INFLECTED_STOP:
        return _STOP_STEMS.get(stem(word), word)
    return word


def content_words(text: str | list[str]) -> list[str]:
    """The folded words that can carry a topic: no stop, greeting or courtesy words (of a text, or of its ``words``)."""
    return [w for w in (words(text) if isinstance(text, str) else text) if bare(w) not in NON_TOPIC_WORDS]


def phrasing_words(text: str | list[str]) -> list[str]:
    """The folded words that shape a question, question words included ("kuka", "miten", also "kukahan" as "kuka"); a text or its ``words``."""
    all_words = [bare(w) for w in (words(text) if isinstance(text, str) else text)]
    return [w for w in all_words if w not in _SOCIAL_WORDS]


GENERIC_HEADS = _folded(messages.GENERIC_HEADS)
WEAK_WORDS = GENERIC_HEADS | _folded(messages.WEAK_VERBS) | _folded(messages.WEAK_MODIFIERS)
_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_HEADS)
_WEAK_STEMS = frozenset(stem(w) for w in WEAK_WORDS)


_DOCUMENT_TYPE_STEMS = frozenset(stem(w) for w in _folded(messages.DOCUMENT_TYPES))


def is_document_type(word: str) -> bool:
    """A folded word that names a kind of document ("päätös", "palvelutarpeen", "muistioon"), any inflection."""
    return stem(word) in _DOCUMENT_TYPE_STEMS


def is_generic_head(word: str) -> bool:
    """A folded word that names a part or aspect of something ("kenttä", "aikataulu"), any inflection."""
    return word in GENERIC_HEADS or stem(word) in _GENERIC_STEMS


def is_weak(word: str) -> bool:
    """A folded word that never tells topics apart: a generic head or a common verb ("sain", "kuuluu")."""
    return word in WEAK_WORDS or stem(word) in _WEAK_STEMS


def small_talk_kind(text: str | list[str]) -> str | None:
    """``"thanks"``, ``"farewell"``, ``"greeting"`` or ``"empty"`` when ``text`` (or its ``words``) has no topic words at all."""
    all_words = [bare(w) for w in (words(text) if isinstance(text, str) else text)]
    if any(w not in NON_TOPIC_WORDS for w in all_words):
        if any(w in WISH_OPENERS for w in all_words) and all(w in NON_TOPIC_WORDS or w in WISHES or w in WISH_OPENERS for w in all_words):
            return "farewell"  # the wished words count only after an opener: "miten haen lomaa" is a question
        return None
    if any(w in THANKS_WORDS for w in all_words):
        return "thanks"
    if any(w in GREETING_WORDS for w in all_words):
        return "greeting"
    return "empty"
