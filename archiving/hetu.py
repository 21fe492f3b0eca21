"""Finnish personal identity codes (henkilötunnus): validation, synthetic test codes, redaction.

Format ``DDMMYYCNNNT``: birth date, century sign, individual number, check character.
Century signs include the 2023 additions (Y X W V U for the 1900s, B C D E F for the 2000s).
Individual numbers 900–999 are the range for temporary and test codes, so every
synthetic code made here stays out of the real population. :func:`redact` removes
anything shaped like a henkilötunnus from text; :func:`install_log_redaction` makes
every log record pass through it.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_SIGNS = {
    "+": 1800,
    "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
    "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000,
}  # fmt: skip
TEST_RANGE = range(900, 1000)
REDACTED = "[henkilötunnus]"

_SHAPE = re.compile(r"(?<![0-9A-Za-z])(\d{6})([-+ABCDEFYXWVU])(\d{3})([0-9A-Y])(?![0-9A-Za-z])", re.IGNORECASE)
_STRICT = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+ABCDEFYXWVU])(\d{3})([0-9ABCDEFHJKLMNPRSTUVWXY])$")


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


def contains_hetu(text: str) -> bool:
    return bool(_SHAPE.search(text))


def redact(text: str) -> str:
    """Replace anything shaped like a henkilötunnus (valid or not) with a placeholder."""
    return _SHAPE.sub(REDACTED, text) if text else text


# --- logging ------------------------------------------------------------------------------


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack so that no henkilötunnus survives."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def redact_record(record: logging.LogRecord) -> None:
    """Format the record's message now and redact it, together with any traceback."""
    if getattr(record, "_hetu_redacted", False) or _suspended.get():
        return
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep the raw parts, redacted
        message = f"{record.msg} {record.args}"
    record.msg = redact(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = RedactingFilter._formatter.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record._hetu_redacted = True  # type: ignore[attr-defined]


_installed = False
_suspended: ContextVar[bool] = ContextVar("hetu_redaction_suspended", default=False)


@contextmanager
def log_redaction_suspended() -> Iterator[None]:
    """Let records pass unredacted inside the block: only for tests that check a leak scanner."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def install_log_redaction() -> None:
    """Redact every log record of the process, whichever logger or handler it goes through.

    Installs a record factory (covers all loggers, including handlers added later)
    and a filter on the root logger's current handlers. Safe to call repeatedly.
    """
    global _installed
    if not _installed:
        previous = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            redact_record(record)
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
