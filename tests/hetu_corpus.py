"""A generated corpus of henkilötunnus spellings, and a check, independent of the product's detector, that none survived.

Every spelling is of a valid synthetic code (test range 900–999): the century sign
replaced by every dash, space and "space-dash-space" variant or left out, digits of
other scripts, look-alike letters from other scripts for some digits, invisible
and format characters inside, the parts split by HTML or markdown, entities,
lower-case letters, the 2023 century signs, glued to words, spaced date parts.

:func:`survivors` says which codes can still be read from a text: it keeps only the
digits (any script, NFKC, look-alike letters read as digits) and looks for each
code's nine digits in a row. Redaction that removes the whole code passes; one that
leaves the date and the individual number anywhere in a row does not.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from archiving import hetu

DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63", "\uff0d", "\u2043", "\u02d7"]
SPACES = [" ", "\u00a0", "\u2009", "\u202f", "\u2002", "\u2007", "\u3000", "\t", "  "]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u2062", "\u0301", "\u0336", "\ufe0f", "\u180e", "\u034f"]
DIGIT_ZEROS = [0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE, 0x1D7D8, 0x1D7F6, 0x0AE6, 0x1040]
LOOKALIKES = {"0": ["O", "o", "\u041e", "\u043e", "\u039f"], "1": ["I", "\u0406", "\u0399", "|"], "3": ["\u0417"], "6": ["\u0431"]}
SIGN_SPLITS = ["<b>{}</b>", "**{}**", "`{}`", "<span class=\"x\">{}</span>", "_{}_", "~~{}~~", "<abbr title=\"t\">{}</abbr>"]
DASH_ENTITIES = ["&#45;", "&ndash;", "&#x2013;", "&minus;", "&#8208;"]
WORDS_BEFORE = ["asiakas", "hetu:", "Asiakkaan", "nro", "(", "\""]
WORDS_AFTER = ["asiakkaalla", ".", ",", ")", "\"", "!"]

_LOOKALIKE_DIGITS = {ch: d for d, chars in LOOKALIKES.items() for ch in chars}


@dataclass(frozen=True)
class Spelling:
    code: str  # the canonical code
    text: str  # how it was written
    how: str  # what was done to it


def _digits_of_script(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


def spellings_of(code: str, rng: random.Random) -> list[Spelling]:
    """Many spellings of one valid code."""
    date, sign, individual, check = code[:6], code[6], code[7:10], code[10]
    out: list[Spelling] = [Spelling(code, code, "canonical"), Spelling(code, code.lower(), "lower case")]

    def add(text: str, how: str) -> None:
        out.append(Spelling(code, text, how))

    for dash in DASHES:
        add(f"{date}{dash}{individual}{check}", f"sign as U+{ord(dash[0]):04X}")
        add(f"{date} {dash} {individual}{check}", f"sign as ' U+{ord(dash[0]):04X} '")
    for space in SPACES:
        add(f"{date}{space}{individual}{check}", f"sign as space U+{ord(space[0]):04X}")
    add(f"{date}{individual}{check}", "no sign")
    add(f"{date}{individual}{check.lower()}", "no sign, lower-case check")
    add(f"{date}.{individual}{check}", "sign as a dot")
    add(f"{date[:2]} {date[2:4]} {date[4:]}{sign}{individual}{check}", "date parts spaced")
    add(f"{date}{sign}{individual} {check}", "space before the check character")
    for letter in "ABCDEFYXWVU":
        add(f"{date}{letter}{individual}{check}", f"century sign {letter}")
        add(f"{date}{letter.lower()}{individual}{check.lower()}", f"century sign {letter.lower()}")
    for zero in DIGIT_ZEROS:
        add(_digits_of_script(code, zero), f"digits from U+{zero:04X}")
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in code)
    add(fullwidth, "fullwidth throughout")
    for invisible in INVISIBLE:
        at = rng.randrange(1, len(code))
        add(code[:at] + invisible + code[at:], f"U+{ord(invisible):04X} at {at}")
        add("".join(c + invisible for c in code), f"U+{ord(invisible):04X} after every character")
    for i, char in enumerate(code[:10]):
        for lookalike in LOOKALIKES.get(char, []):
            add(code[:i] + lookalike + code[i + 1 :], f"look-alike U+{ord(lookalike):04X} for digit {i}")
    for split in SIGN_SPLITS:
        add(date + split.format(sign) + individual + check, f"sign split by {split}")
        add(date[:3] + split.format(date[3:]) + sign + individual + check, f"date split by {split}")
    if sign == "-":
        for entity in DASH_ENTITIES:
            add(f"{date}{entity}{individual}{check}", f"sign as {entity}")
    for before in WORDS_BEFORE:
        add(before + code, f"glued after {before!r}")
    for after in WORDS_AFTER:
        add(code + after, f"glued before {after!r}")
    mixed = _digits_of_script(date, 0xFF10) + "\u200b" + "\u2013" + "\u2060" + individual + check.lower()
    add(mixed, "fullwidth date, zero-width space, en dash, word joiner, lower-case check")
    return out


def codes(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct valid synthetic codes over the centuries (every sign, the 2023 ones too)."""
    found: set[str] = set()
    while len(found) < n:
        born = dt.date(1890, 1, 1) + dt.timedelta(days=rng.randrange(0, 50_000))
        found.add(hetu.synthetic(rng, born))
    return sorted(found)


def corpus(seed: int = 9, n_codes: int = 6) -> list[Spelling]:
    """The whole generated corpus: every spelling of ``n_codes`` codes."""
    rng = random.Random(seed)
    return [s for code in codes(rng, n_codes) for s in spellings_of(code, rng)]


def _projection(text: str) -> str:
    digits = []
    for char in text:
        normal = unicodedata.normalize("NFKC", char)
        for c in normal:
            value = unicodedata.digit(c, None)
            if value is not None:
                digits.append(str(value))
            elif c in _LOOKALIKE_DIGITS:
                digits.append(_LOOKALIKE_DIGITS[c])
    return "".join(digits)


def survivors(text: str, all_codes: list[str]) -> list[str]:
    """The codes whose nine digits can still be read, in a row, from ``text``."""
    projected = _projection(text)
    return [code for code in all_codes if code[:6] + code[7:10] in projected]
