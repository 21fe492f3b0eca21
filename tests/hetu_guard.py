"""A suite-wide guard: no henkilötunnus in any outgoing chat activity or any log line.

Registered from ``tests/conftest.py``. During the whole session it scans every
log record as it is created (raw: before ``archiving.hetu``'s redaction, which
some tests install process-wide, can hide it; code must not log one in the first
place) and every activity the connector stand-in receives (tests hand them to
the ``hetu_store`` fixture). A final item, appended after every other test,
fails when anything was found. Tests that plant a henkilötunnus on purpose mark
themselves ``allows_hetu_in_logs``; their log records are not counted.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

# DDMMYY, century sign (incl. the 2023 signs), individual number, check character.
HETU_PATTERN = re.compile(
    r"(?<![0-9A-Za-z])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y](?![0-9A-Za-z])",
    re.IGNORECASE,
)
STORE_KEY = pytest.StashKey["HetuStore"]()
MARKER = "allows_hetu_in_logs"


# Spellings folded before the scan (the guard's own, simpler than the product's detector):
# NFKC (fullwidth digits and signs), dashes to "-", invisible characters dropped.
_FOLD = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043"} | {
    ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202c"
}


def find_hetus(text: str) -> list[str]:
    """Everything in ``text`` shaped like a henkilötunnus (after folding the common other spellings)."""
    return HETU_PATTERN.findall(unicodedata.normalize("NFKC", text).translate(_FOLD))


@dataclass
class HetuStore:
    """What was scanned and what was found; one per test session."""

    activities: int = 0
    log_lines: int = 0
    findings: list[str] = field(default_factory=list)
    current_test: str = "(collection)"
    exempt: bool = False

    def add_activity(self, activity: dict[str, Any], where: str = "connector") -> list[str]:
        self.activities += 1
        found = find_hetus(json.dumps(activity, ensure_ascii=False))
        self.findings += [f"{self.current_test}: {where} activity contains {_mask(h)}" for h in found]
        return found

    def add_log_line(self, line: str, logger_name: str) -> list[str]:
        if self.exempt:
            return []
        self.log_lines += 1
        found = find_hetus(line)
        self.findings += [f"{self.current_test}: log line of {logger_name!r} contains {_mask(h)}" for h in found]
        return found


def _mask(found: str) -> str:
    return found[:2] + "…" + found[-1:]  # enough to locate it, not enough to repeat it


_FORMATTER = logging.Formatter()


def record_text(record: logging.LogRecord) -> str:
    """The line a handler would write for ``record``: its message, and its traceback if any."""
    try:
        text = f"{record.name} {record.levelname} {record.getMessage()}"
    except Exception:  # a broken format string: scan the raw parts
        text = f"{record.name} {record.msg} {record.args}"
    if record.exc_info:
        text += "\n" + _FORMATTER.formatException(record.exc_info)
    if record.stack_info:
        text += "\n" + record.stack_info
    return text


class ScanningHandler(logging.Handler):
    """A handler that scans what it is given (for tests of the scanner itself)."""

    def __init__(self, store: HetuStore) -> None:
        super().__init__(level=logging.DEBUG)
        self.store = store

    def emit(self, record: logging.LogRecord) -> None:
        self.store.add_log_line(record_text(record), record.name)


class HetuCheckItem(pytest.Item):
    """The last item of every run: fails if any henkilötunnus was seen."""

    def runtest(self) -> None:
        store = self.config.stash[STORE_KEY]
        assert store.log_lines > 0, "the guard saw not even its own start line: is its record factory installed?"
        assert not store.findings, "henkilötunnus found:\n" + "\n".join(store.findings[:50])

    def reportinfo(self) -> tuple[str, int, str]:
        return (__file__, 0, f"hetu guard ({self.config.stash[STORE_KEY].activities} activities scanned)")


_previous_factory: Callable[..., logging.LogRecord] | None = None
_scanning_factory: Callable[..., logging.LogRecord] | None = None
_previous_level: int | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _previous_factory, _scanning_factory, _previous_level
    config.addinivalue_line("markers", f"{MARKER}: the test plants a henkilötunnus in log lines on purpose")
    store = HetuStore()
    config.stash[STORE_KEY] = store
    previous = _previous_factory = logging.getLogRecordFactory()

    def scanning_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        store.add_log_line(record_text(record), record.name)  # before any redaction installed later wraps us
        return record

    _scanning_factory = scanning_factory
    logging.setLogRecordFactory(scanning_factory)
    root = logging.getLogger()
    if root.level > logging.INFO or root.level == logging.NOTSET:
        _previous_level = root.level
        root.setLevel(logging.INFO)  # INFO lines are what production writes; scan them too
    logging.getLogger("hetu_guard").info("scanning every log record and outgoing activity for henkilötunnus")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _scanning_factory is not None and logging.getLogRecordFactory() is _scanning_factory and _previous_factory:
        logging.setLogRecordFactory(_previous_factory)
    if _previous_level is not None:
        logging.getLogger().setLevel(_previous_level)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    items.append(HetuCheckItem.from_parent(session, name="hetu_guard"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    store = item.config.stash[STORE_KEY]
    store.current_test = item.nodeid
    store.exempt = item.get_closest_marker(MARKER) is not None


@pytest.fixture(scope="session")
def hetu_store(pytestconfig: pytest.Config) -> HetuStore:
    """The session's store; give it every activity a stand-in receives."""
    return pytestconfig.stash[STORE_KEY]
