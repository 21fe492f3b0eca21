"""Finnish personal identity codes (henkilötunnus): validation, synthetic test codes, and the one detector.

Format ``DDMMYYCNNNT``: birth date, century sign, individual number, check character.
Century signs include the 2023 additions (Y X W V U for the 1900s, B C D E F for the 2000s).
Individual numbers 900–999 are the range for temporary and test codes, so every
synthetic code made here stays out of the real population.

Detection (:func:`find`, :func:`redact`, :func:`contains_hetu`) is the only hetu
detector of the product: storage, logs, chat, pages, CLI output and the question
log all use it. It reads the text's skeleton (``archiving.hetu_skeleton``: NFKC,
digits of any script, every dash and space variant, invisible characters, markup,
escapes and digit look-alikes) and decides per candidate:

* **Canonical shape** — real digits, a century sign (any dash, ``+`` or a letter
  sign written next to the digits; spaces around a dash are fine, as in
  ``080890 - 123A``), not run together with other digits: redacted when the date
  part could be a date (day 01–31, month 01–12), whatever the check character.
  A code with a typo in it is still a person's code.
* **Unusual shape** — a space, dot, slash or nothing instead of the sign, spaces
  or dots inside the date, a space before the check character, a letter sign
  glued to other letters or digits, a look-alike letter for a digit, digits right
  before or after: redacted only when the check character is also right.

The false-positive policy follows: dates, times, phone numbers, order and
reference numbers, OIDs, UUIDs and hex tokens are left alone unless they happen
to form a whole code with a correct check character (about 1 in 31 of the
ten-digit numbers whose first six digits could be a date); a code spelled only
with look-alike letters, with its digits spaced one by one, or cut short is not
detected. Scanning is linear: the skeleton is one ``str.translate`` plus one pass
for escapes, and the candidate pattern has bounded quantifiers only, so each
start position costs at most a few dozen steps.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from itertools import compress, count, repeat
from operator import ne
from typing import Any

from archiving.hetu_skeleton import IGNORED, LOOKALIKE_MARKERS, skeleton

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS = {
    "+": 1800,
    "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
    "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000,
}  # fmt: skip
TEST_RANGE = range(900, 1000)
REDACTED = "[henkilötunnus]"
SAFE_CUT_MARGIN = 256  # characters a code (with markup inside) may reach across a cut

_STRICT = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+ABCDEFYXWVU])(\d{3})([0-9ABCDEFHJKLMNPRSTUVWXY])$")

# Text that may hold a digit: any script's digits, NFKC digits (superscripts, circled), escaped digits.
_MAYBE_DIGIT = re.compile(
    r"[\d\u00b2\u00b3\u00b9\u2070-\u209f\u2150-\u218f\u2460-\u24ff\u2776-\u2793\U0001f100-\U0001f10c]"
    r"|&#|%3[0-9]|\\u00|\\x3[0-9]"
)
_D = "[0-9a-j]"  # a digit or a look-alike letter, in the skeleton
_CANDIDATE = re.compile(
    # The first character is a plain class, so the scan skips to possible starts at C speed.
    r"(?P<dd>[0-3a-d](?:(?<![0-9].)|(?=[0-9]{5} {0,3}[-+]))"  # digits before: only the canonical shape (then checked)
    r"[0-9a-j](?<=[0a][1-9b-j]|[12bc][0-9a-j]|[3d][01ab]))(?P<s1>[ ./-]?)"  # day 01-31
    r"(?P<mm>[0a][1-9b-j]|[1b][0-2a-c])(?P<s2>[ ./-]?)"  # month 01-12
    rf"(?P<yy>{_D}{_D})"
    r"(?:(?P<dash> {0,3}[-+] {0,3})|(?P<letter> ?[A-FU-Y] ?)|(?P<weak>[ ./]{0,2}))"
    rf"(?P<ind>{_D}{_D}{_D})(?P<s3> ?)(?P<chk>[0-9a-jA-FHJ-NPR-Y])"
    r"(?:(?![0-9])|(?<=[A-Z]))"  # digits after: only after a check letter (then checked)
)
_UUID = re.compile(r"(?<![0-9A-Z])[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}(?![0-9A-Z])")
_MARKER_DIGITS = str.maketrans(LOOKALIKE_MARKERS, "0123456789")
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij")


# --- valid codes ---------------------------------------------------------------------------


def check_character(birth_ddmmyy: str, individual: str) -> str:
    """The check character: the nine digits as one number, modulo 31."""
    return CHECK_CHARS[int(birth_ddmmyy + individual) % 31]


def birth_date(hetu: str) -> dt.date | None:
    """The birth date encoded in a valid code, or None when the code is not valid."""
    match = _STRICT.match(hetu)
    if not match:
        return None
    dd, mm, yy, sign, individual, check = match.groups()
    if int(individual) < 2 or check_character(dd + mm + yy, individual) != check:
        return None
    try:
        return dt.date(CENTURY_SIGNS[sign] + int(yy), int(mm), int(dd))
    except ValueError:
        return None


def is_valid(hetu: str) -> bool:
    """Whether ``hetu`` is a well-formed code with a real date and the right check character."""
    return birth_date(hetu) is not None


def is_test_code(hetu: str) -> bool:
    """Whether ``hetu`` is valid and in the 900–999 test range."""
    return is_valid(hetu) and int(hetu[7:10]) in TEST_RANGE


def century_sign(year: int, rng: random.Random | None = None) -> str:
    """A sign for ``year``'s century; with ``rng`` also the 2023 alternative signs."""
    century = year - year % 100
    signs = [s for s, c in CENTURY_SIGNS.items() if c == century]
    if not signs:
        raise ValueError(f"no century sign for year {year}")
    return rng.choice(signs) if rng is not None else signs[0]


def synthetic(rng: random.Random, born: dt.date) -> str:
    """A valid code for ``born`` with an individual number in the test range (900–999)."""
    ddmmyy = born.strftime("%d%m") + f"{born.year % 100:02d}"
    individual = f"{rng.choice(TEST_RANGE):03d}"
    return ddmmyy + century_sign(born.year, rng) + individual + check_character(ddmmyy, individual)


def mask(hetu: str | None) -> str:
    """What every output shows instead of a code: nothing of it."""
    return "******-****" if hetu else ""


# --- detection -----------------------------------------------------------------------------


def _accepted(match: re.Match[str], compact: str) -> bool:
    """Whether a candidate is a code by the policy of the module docstring."""
    dd, s1, mm, s2, yy, dash, letter, weak, ind, s3, chk = match.groups()
    digits = dd + mm + yy + ind
    if (digits + chk).isalpha():
        return False  # look-alike letters only: a word, not a code
    start, end = match.span()
    before = compact[start - 1] if start else " "
    after = compact[end] if end < len(compact) else " "
    canonical = digits.isdigit() and chk not in LOOKALIKE_MARKERS and not (s1 or s2 or s3) and weak is None
    if canonical and dash is not None:
        canonical = not before.isdigit() and not after.isdigit()
    elif canonical:
        canonical = len(letter) == 1 and before not in _ALNUM and after not in _ALNUM
    if canonical:
        return True
    return CHECK_CHARS[int(digits.translate(_MARKER_DIGITS)) % 31] == chk.translate(_MARKER_DIGITS)


def _compact(skel: str) -> tuple[str, list[int] | None]:
    """The skeleton without ignorable characters, and where each remaining one stands in the text."""
    if IGNORED not in skel:
        return skel, None
    return skel.replace(IGNORED, ""), list(compress(count(), map(ne, skel, repeat(IGNORED))))


def _candidates(compact: str, position: int = 0) -> Iterator[re.Match[str]]:
    """Every candidate match from ``position`` on, overlapping ones included (each start is tried once)."""
    search = _CANDIDATE.search
    while (match := search(compact, position)) is not None:
        yield match
        position = match.start() + 1


def _maybe_digit(text: str) -> bool:
    """A quick no for text that cannot hold a code: no digit in any spelling (memchr speed for ASCII)."""
    if any(digit in text for digit in "0123456789"):
        return True
    if text.isascii():
        return "&#" in text or "%3" in text or "\\u00" in text or "\\x3" in text
    return _MAYBE_DIGIT.search(text) is not None


def find(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` that are henkilötunnus codes, in order, not overlapping."""
    if not text or not _maybe_digit(text):
        return []
    compact, where = _compact(skeleton(text))
    uuids = [m.span() for m in _UUID.finditer(compact)] if compact.count("-") >= 4 else []
    spans: list[tuple[int, int]] = []
    search, position = _CANDIDATE.search, 0
    while (match := search(compact, position)) is not None:
        start, end = match.span()
        if _accepted(match, compact) and not any(a <= start < b for a, b in uuids):
            spans.append((start, end))
            position = end
        else:
            position = start + 1
    if where is None:
        return spans
    return [(where[start], where[end - 1] + 1) for start, end in spans]


def contains_hetu(text: str) -> bool:
    return bool(find(text))


def redact(text: str, placeholder: str = REDACTED) -> str:
    """``text`` with every henkilötunnus (in any spelling the detector knows) replaced by ``placeholder``."""
    spans = find(text) if text else []
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces += (text[last:start], placeholder)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def bounded(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, cut before any code the cut would split (so no half code remains)."""
    if len(text) <= limit:
        return text
    base = max(0, limit - SAFE_CUT_MARGIN)
    window = text[base : limit + SAFE_CUT_MARGIN]
    compact, where = _compact(skeleton(window))
    cut = limit
    for match in _candidates(compact):
        start, end = match.span()
        if where is not None:
            start, end = where[start], where[end - 1] + 1
        if base + start < cut < base + end:
            cut = base + start
            break
    return text[:cut]


def redact_json(value: Any) -> Any:
    """A JSON-shaped value with every string in it (keys too) redacted; a new value, the given one is not changed."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [redact_json(item) for item in value]
    if isinstance(value, dict):
        return {redact(k) if isinstance(k, str) else k: redact_json(v) for k, v in value.items()}
    return value


def redact_json_text(text: str) -> str:
    """Stored JSON with its strings redacted (escapes decoded first); text that is not JSON is redacted as text."""
    if not text or not _maybe_digit(text):
        return text
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return redact(text)
    try:
        cleaned = redact_json(data)
    except RecursionError:
        return redact(text)
    return text if cleaned == data else json.dumps(cleaned, ensure_ascii=False)
