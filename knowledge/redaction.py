"""Removing personal data from a question before it is stored.

Workers sometimes paste a henkilötunnus, a phone number, an e-mail address or a
client's name into a question. The question log keeps the question for the
communications team, so these are replaced by placeholders first. Henkilötunnus
codes are found by the product's one detector (``archiving.hetu``, every spelling
it knows); the text is NFKC-normalised, so fullwidth digits and odd spaces do not
hide a phone number either. Names are found four ways: a capitalised word from a
list of common Finnish names, such a name in lowercase that the knowledge base
does not use, a capitalised word in mid sentence that the knowledge base does not
know, and a lowercase name next to one.

Every pattern here runs in linear time: e-mail, phone and number patterns are
RE2 (google-re2: no backtracking, whatever the text), and callers bound the text
first (``MAX_TEXT``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import re2

from archiving.hetu import bounded, redact as redact_hetu
from knowledge import messages
from knowledge.normalise import STOP_WORDS, fold

NAMES_FILE = Path(__file__).with_name("data") / "names.txt"
MAX_TEXT = 2000  # a question is read up to here (the question log keeps as much)

EMAIL = re2.compile(r"[\pL\pN_.+-]+@[\pL\pN_-]+(?:\.[\pL\pN_-]+)+")
PHONE = re2.compile(r"(?:^|[^\pL\pN_+])((?:\+\s?358|00\s?358|0)(?:[\s-]?\d){6,11})\b")
NUMBER = re2.compile(r"\b\d[\d\s-]{5,}\d\b")  # client numbers, card numbers, a hetu without its separator
WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*", re.UNICODE)  # one class, then a star of another: linear
SENTENCE_ENDS = (".", "!", "?", ":")


@lru_cache(maxsize=1)
def common_names() -> frozenset[str]:
    """Folded first names and surnames from the packaged list."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w) for line in lines if not line.startswith("#") for w in line.split())


def is_common_name(word: str) -> bool:
    """Whether a folded word is a listed name or an inflected ``-nen`` surname."""
    names = common_names()
    if word in names:
        return True
    for cut in range(2, 6):  # Virtasen, Virtaselle, Virtasta → virtanen
        base = word[: len(word) - cut] if len(word) > cut + 3 else ""
        if base.endswith("s") and base[:-1] + "nen" in names:
            return True
    # a listed name of 4+ letters with up to 3 letters of ending: Mattia, Annalle
    return any(word[:length] in names for length in range(max(4, len(word) - 3), len(word) + 1))


def _replace(pattern: re2._Regexp, placeholder: str, text: str, group: int = 0) -> str:
    """Replace ``group`` of every match (the pattern's own boundary characters outside it stay).

    By hand rather than ``re2.sub``, which mangles a non-ASCII replacement.
    """
    pieces, last = [], 0
    for match in pattern.finditer(text):
        start, end = match.span(group)
        pieces += (text[last:start], placeholder)
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def redact(text: str, known_word: Callable[[str], bool] = lambda w: False) -> str:
    """``text`` (its first ``MAX_TEXT`` characters) with hetus, e-mail addresses, phone and other long numbers and names replaced.

    ``known_word`` tells which folded words the knowledge base itself uses
    (such as "Kanta" or "Effica"), so that they are not mistaken for names.
    """
    text = redact_hetu(bounded(text, MAX_TEXT), messages.REDACTED_HETU)
    text = unicodedata.normalize("NFKC", text)
    text = _replace(EMAIL, messages.REDACTED_EMAIL, text)
    text = _replace(PHONE, messages.REDACTED_PHONE, text, group=1)
    text = _replace(NUMBER, messages.REDACTED_NUMBER, text)
    matches = list(WORD.finditer(text))
    flagged = [False] * len(matches)
    for i, match in enumerate(matches):
        word = match.group(0)
        folded = fold(word)
        capital = word[:1].isupper() and not word.isupper()
        gap = text[matches[i - 1].end() : match.start()].rstrip() if i else ""
        sentence_start = i == 0 or gap.endswith(SENTENCE_ENDS)
        if folded in STOP_WORDS and (not capital or (sentence_start and word.casefold() != folded)):
            continue  # "mikä", "Mikä on…" fold to the name Mika: question words ("Mika" with a capital stays a name)
        if capital and is_common_name(folded):
            flagged[i] = True
        elif folded in common_names() and not known_word(folded):
            flagged[i] = True
        elif capital and not sentence_start and not known_word(folded) and len(word) > 2:
            flagged[i] = True
    for i, match in enumerate(matches):  # a lowercase name beside a name: "matti virtasen"
        if not flagged[i] and is_common_name(fold(match.group(0))):
            if (i > 0 and flagged[i - 1]) or (i + 1 < len(matches) and flagged[i + 1]):
                flagged[i] = True
            elif fold(match.group(0)) in STOP_WORDS:
                continue
            elif i + 1 < len(matches) and is_common_name(fold(matches[i + 1].group(0))):
                flagged[i] = flagged[i + 1] = True
    out, last = [], 0
    for i, match in enumerate(matches):
        if not flagged[i]:
            continue
        gap = text[last : match.start()]
        if not (out and gap.strip() == ""):  # a run of names becomes one placeholder
            out.extend((gap, messages.REDACTED_NAME))
        last = match.end()
    out.append(text[last:])
    return "".join(out)
