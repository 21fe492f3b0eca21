"""Finnish text normalisation shared by articles and questions.

Both sides go through the same steps, so that "näyttö", "naytto" and "NÄYTÖLLÄ"
meet: casefold, fold diacritics (ä→a, ö→o, å→a), split into words, drop stop
words, and stem with the Snowball Finnish stemmer. Stemming runs on the folded
word, because users write without diacritics as often as with them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from knowledge import messages

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


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Finnish stem of an already folded word."""
    return _STEMMER.stemWord(word)


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
NON_TOPIC_WORDS = STOP_WORDS | GREETING_WORDS | THANKS_WORDS | COURTESY_WORDS


def content_words(text: str | list[str]) -> list[str]:
    """The folded words that can carry a topic: no stop, greeting or courtesy words (of a text, or of its ``words``)."""
    return [w for w in (words(text) if isinstance(text, str) else text) if w not in NON_TOPIC_WORDS]


def phrasing_words(text: str | list[str]) -> list[str]:
    """The folded words that shape a question, question words included ("kuka", "miten"); a text or its ``words``."""
    all_words = words(text) if isinstance(text, str) else text
    return [w for w in all_words if w not in GREETING_WORDS and w not in THANKS_WORDS and w not in COURTESY_WORDS]


def small_talk_kind(text: str | list[str]) -> str | None:
    """``"thanks"``, ``"greeting"`` or ``"empty"`` when ``text`` (or its ``words``) has no topic words at all."""
    all_words = words(text) if isinstance(text, str) else text
    if any(w not in NON_TOPIC_WORDS for w in all_words):
        return None
    if any(w in THANKS_WORDS for w in all_words):
        return "thanks"
    if any(w in GREETING_WORDS for w in all_words):
        return "greeting"
    return "empty"
