"""Database ids from untrusted input: chat buttons, web paths and forms, CLI arguments.

Every id column is an INTEGER. A number outside its range can name no row, and
PostgreSQL (or SQLite, above 2**63) refuses it with an error instead of "not
found", so such a number must never reach a query: it is treated like any
other id that names nothing. Only ASCII digits count: ``str.isdigit`` also
accepts "²" and other scripts' digits, which ``int`` then refuses or reads.
"""

from __future__ import annotations

from archiving.models import MAX_ID

__all__ = ["MAX_ID", "is_id", "parse_id"]

_MAX_DIGITS = len(str(MAX_ID))


def is_id(value: object) -> bool:
    """Whether ``value`` is an int (not a bool) that an id column can hold."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def parse_id(raw: object, *, allow_hash: bool = False) -> int | None:
    """``raw`` as an id (an int, or ASCII digits with optional surrounding spaces), or None.

    ``allow_hash`` also accepts a leading ``#`` ("#12"), as people write ticket and document numbers.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if is_id(raw) else None
    if not isinstance(raw, str) or len(raw) > _MAX_DIGITS + 40:
        return None
    text = raw.strip()
    if allow_hash and text.startswith("#"):
        text = text[1:]
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > _MAX_DIGITS:
        return None
    value = int(text)
    return value if is_id(value) else None
