"""Log redaction: every log record of the process passes the henkilötunnus detector before any handler sees it.

Installed by the edges (``bot.logging``, the queue CLI) with :func:`install_log_redaction`.
Records are redacted as they are created (a record factory), so loggers and handlers
added later are covered too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from archiving.hetu import redact


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
