"""The "skeleton" of a text: what a henkilötunnus detector should see, one character for each of the text's.

People (and attackers) write a code in many spellings: fullwidth or Arabic-Indic
digits, an en dash, U+2010 or U+2212 for the century sign, a no-break or thin
space, a zero-width space or a combining mark inside, a Cyrillic "О" for a zero,
HTML tags, entities, markdown or escape sequences between the parts. The skeleton
maps each character (NFKC first) to a small alphabet:

======================  ====================================================
``0``–``9``             a digit of any script (Unicode ``Nd``, NFKC digits)
``a``–``j``             a letter that looks like digit 0–9 (``O``, ``I``, Cyrillic ``З``...)
``A``–``Z``             a letter, Latin or a Cyrillic/Greek look-alike, upper-cased
``-`` / ``+``           any dash, hyphen or minus / any plus sign
space                   any white space
``\\0``                  nothing: invisible and format characters, combining marks,
                        markdown emphasis, and every character of a tag, an entity,
                        a %-escape or a backslash escape (its decoded character
                        stands at the escape's first position instead)
``#``                   anything else (kept out of every pattern)
======================  ====================================================

Because the skeleton is as long as the text, a match in it maps straight back
to the characters to redact. Mapping is per character through ``str.translate``
(C speed), plus one linear pass for the multi-character escapes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache

IGNORED = "\0"
OTHER = "#"
LOOKALIKE_MARKERS = "abcdefghij"  # marker for digit d is LOOKALIKE_MARKERS[d]

# Letters read as digits when they stand where a digit should (mixed scripts, O for 0, I for 1).
_DIGIT_LOOKALIKES = {
    0: "Oo\u041e\u043e\u039f\u03bf\u3007\u0555\u0585",  # Latin, Cyrillic, Greek O; ideographic zero; Armenian oh
    1: "I|\u0399\u0406\u0456\u04c0\u04cf\u01c0",  # Latin I, bar, Greek iota, Cyrillic I, palochka, dental click
    3: "\u0417\u0437\u01b7\u0292",  # Cyrillic Ze, ezh
    6: "\u0431",  # Cyrillic be
}
# Cyrillic and Greek capitals (and a few lower-case forms) that look like Latin letters.
_CONFUSABLE_LETTERS = dict(
    zip(
        "\u0410\u0412\u0421\u0415\u041d\u041a\u041c\u0420\u0422\u0425\u0423\u04ae\u0430\u0441\u0435\u0440\u0445\u0443"
        "\u0391\u0392\u0395\u0396\u0397\u039a\u039c\u039d\u03a1\u03a4\u03a5\u03a7",
        "ABCEHKMPTXYYACEPXYABEZHKMNPTYX",
    )
)
_DASHES = "\u2212\u2043\u02d7\u2796\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d\u2e3a\u2e3b\u30fc\u2500"
_MARKDOWN = "*_`~\\"  # emphasis, code and escape characters that render as nothing
_INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"  # Hangul fillers and the braille blank: letters that show nothing


def _char(ch: str) -> str:
    """The skeleton character of one character of text."""
    for digit, lookalikes in _DIGIT_LOOKALIKES.items():
        if ch in lookalikes:
            return LOOKALIKE_MARKERS[digit]
    if ch in _INVISIBLE_LETTERS:
        return IGNORED
    if ch.isspace():
        return " "
    if ch in _MARKDOWN:
        return IGNORED
    category = unicodedata.category(ch)
    if category in ("Cf", "Cc", "Mn", "Me", "Mc", "Cs", "Co"):
        return IGNORED
    decimal = unicodedata.decimal(ch, None)
    if decimal is not None:
        return str(decimal)
    if ch in _DASHES or category == "Pd":
        return "-"
    normal = unicodedata.normalize("NFKC", ch)
    if len(normal) != 1:
        return OTHER
    if normal != ch:
        return _char(normal)
    if ch in _CONFUSABLE_LETTERS:
        return _CONFUSABLE_LETTERS[ch]
    if ch.isascii():
        return ch.upper() if ch.isalpha() else ch
    return OTHER


class _Table(dict[int, str]):
    """``str.translate`` table filled on first sight of each character (the BMP at most)."""

    def __missing__(self, code: int) -> str:
        mapped = _char(chr(code))
        if code < 0x10000:  # text from anywhere must not grow it without end
            self[code] = mapped
        return mapped


_TABLE = _Table()
for _code in range(128):  # ASCII up front: translate's fast path caches it
    _TABLE[_code] = _char(chr(_code))

# Multi-character spellings of one character; each is at most 100 characters long.
_ESCAPES = re.compile(
    r"<[^<>]{0,98}>"  # a tag: nothing
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"  # an HTML entity
    r"|%[0-9A-Fa-f]{2}"  # a URL %-escape
    r"|\\(?:u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|U[0-9a-fA-F]{8})"  # a JSON or Python escape (as in a logged repr)
)
_ESCAPE_STARTS = ("<", "&", "%", "\\")
_NULS = [IGNORED * n for n in range(101)]


def _escape(match: re.Match[str]) -> str:
    return _escaped(match.group())


@lru_cache(maxsize=4096)
def _escaped(token: str) -> str:
    size = len(token)
    first = token[0]
    if first == "<":
        return _NULS[size]
    if first == "&":
        decoded = html.unescape(token)
    elif first == "%":
        decoded = chr(int(token[1:], 16))
    else:
        try:
            decoded = chr(int(token[2:], 16))
        except ValueError:  # beyond U+10FFFF
            return _NULS[size]
    mapped = decoded.translate(_TABLE) if len(decoded) == 1 else OTHER
    return mapped + _NULS[size - 1]


@cache
def _meaningful() -> re.Pattern[str]:
    """Runs of non-ASCII characters whose skeleton is not ``#`` (every astral character, to be safe).

    Built on first use (about 0.1 s over the BMP): with it, text in Finnish or any
    other script costs two C-speed passes, and only these characters go one by one.
    """
    ranges: list[list[int]] = []
    for code in range(0x80, 0x10000):
        if _char(chr(code)) != OTHER:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    parts = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{parts}\U00010000-\U0010ffff]+")


def skeleton(text: str) -> str:
    """The skeleton of ``text``: as long as ``text``, character for character."""
    if text.isascii() or len(text.encode("utf-8")) > 1.25 * len(text):
        out = text.translate(_TABLE)  # C speed for ASCII; about 50 ns a character for mostly non-ASCII text
    else:  # mostly ASCII: the rest are "?" (skeleton "?", as good as "#") unless they mean something
        out = text.encode("ascii", "replace").decode("ascii").translate(_TABLE)
        pieces, last = [], 0
        for match in _meaningful().finditer(text):
            pieces += (out[last : match.start()], match.group().translate(_TABLE))
            last = match.end()
        if pieces:
            pieces.append(out[last:])
            out = "".join(pieces)
    if any(start in text for start in _ESCAPE_STARTS):
        out = _mask_from(text, out)
    return out


def _mask_from(text: str, skel: str) -> str:
    """Escapes are recognised in the text itself; their skeleton replaces the mapped characters."""
    pieces, last = [], 0
    for match in _ESCAPES.finditer(text):
        pieces.append(skel[last : match.start()])
        pieces.append(_escape(match))
        last = match.end()
    if not pieces:
        return skel
    pieces.append(skel[last:])
    return "".join(pieces)
