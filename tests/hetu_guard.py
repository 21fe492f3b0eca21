"""A suite-wide guard: no henkilötunnus in any outgoing chat activity or any log line.

Registered from ``tests/conftest.py``. During the whole session it scans every
log record (raw, before any production redaction: code must not log one in the
first place) and every activity the connector stand-in receives (tests hand them
to the ``hetu_store`` fixture). A final item, appended after every other test,
fails when anything was found. Tests that plant a henkilötunnus on purpose mark
themselves ``allows_hetu_in_logs``; their log records are not counted.
"""

from __future__ import annotations

import json
import logging
import re
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


def find_hetus(text: str) -> list[str]:
    """Everything in ``text`` shaped like a henkilötunnus."""
    return HETU_PATTERN.findall(text)


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


class ScanningHandler(logging.Handler):
    """Formats every record (message and traceback) and scans it."""

    def __init__(self, store: HetuStore) -> None:
        super().__init__(level=logging.DEBUG)
        self.store = store
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # a broken format string: scan the raw parts
            line = f"{record.msg} {record.args}"
        self.store.add_log_line(line, record.name)


class HetuCheckItem(pytest.Item):
    """The last item of every run: fails if any henkilötunnus was seen."""

    def runtest(self) -> None:
        store = self.config.stash[STORE_KEY]
        assert store.log_lines > 0, "the guard's log handler saw not even its own start line: is it installed?"
        assert not store.findings, "henkilötunnus found:\n" + "\n".join(store.findings[:50])

    def reportinfo(self) -> tuple[str, int, str]:
        return (__file__, 0, f"hetu guard ({self.config.stash[STORE_KEY].activities} activities scanned)")


_handler: ScanningHandler | None = None
_previous_level: int | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _handler, _previous_level
    config.addinivalue_line("markers", f"{MARKER}: the test plants a henkilötunnus in log lines on purpose")
    store = HetuStore()
    config.stash[STORE_KEY] = store
    _handler = ScanningHandler(store)
    root = logging.getLogger()
    root.addHandler(_handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        _previous_level = root.level
        root.setLevel(logging.INFO)  # INFO lines are what production writes; scan them too
    logging.getLogger("hetu_guard").info("scanning every log line and outgoing activity for henkilötunnus")


def pytest_unconfigure(config: pytest.Config) -> None:
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    if _previous_level is not None:
        root.setLevel(_previous_level)


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
