"""Capturing the server's log records in a test, to show that bad input leaves no traceback behind."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class LogRecords(logging.Handler):
    """Every record of every logger while installed on the root logger."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def failures(self) -> list[str]:
        """Records that show something broke: a traceback, or an ERROR (or worse)."""
        from hetu_guard import record_text  # the plugin module; imported late so pytest registers it first

        return [record_text(r) for r in self.records if r.exc_info or r.levelno >= logging.ERROR or "Traceback" in r.getMessage()]

    def clear(self) -> None:
        self.records.clear()


@contextmanager
def captured_logs() -> Iterator[LogRecords]:
    handler = LogRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
