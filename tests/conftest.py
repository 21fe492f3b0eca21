"""Shared fixtures: real databases (a SQLite file per test; PostgreSQL when configured).

``db_url`` runs a test on SQLite and, when ``ARKISTOBOTTI_TEST_POSTGRES_URL`` points
at a server, on PostgreSQL as well. Each test gets its own freshly migrated database,
copied from a template migrated once per session, so tests stay fast and isolated.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from archiving.db import make_engine, normalise_url
from bot.database import upgrade
from logcheck import LogRecords, captured_logs

pytest_plugins = ["hetu_guard"]  # suite-wide check: no henkilötunnus in outgoing activities or log lines
POSTGRES_URL = os.environ.get("ARKISTOBOTTI_TEST_POSTGRES_URL", "")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests keep what a person may want to look at afterwards (screenshots)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}", pool=False)
    upgrade(engine)
    engine.dispose()
    with sqlite3.connect(path) as raw:  # fold the WAL into the file so that a copy is complete
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _fresh_sqlite(template: Path, tmp_path: Path) -> str:
    target = tmp_path / f"test-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def _postgres_template() -> Iterator[str | None]:
    if not POSTGRES_URL:
        yield None
        return
    admin = _pg_admin_engine()
    name = f"arkistobotti_tmpl_{os.getpid()}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = _pg_url(name)
    engine = make_engine(url, pool=False)
    upgrade(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def _pg_admin_engine() -> Engine:
    return create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT", poolclass=None)


def _pg_url(database: str) -> str:
    return make_url(normalise_url(POSTGRES_URL)).set(database=database).render_as_string(hide_password=False)


@pytest.fixture
def sqlite_url(_sqlite_template: Path, tmp_path: Path) -> str:
    """A freshly migrated SQLite file for this test."""
    return _fresh_sqlite(_sqlite_template, tmp_path)


@pytest.fixture
def postgres_url(_postgres_template: str | None) -> Iterator[str]:
    """A freshly migrated PostgreSQL database for this test (skipped without a server)."""
    if _postgres_template is None:
        pytest.skip("ARKISTOBOTTI_TEST_POSTGRES_URL is not set")
    name = f"arkistobotti_t_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_postgres_template}"'))
    try:
        yield _pg_url(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A freshly migrated database; the test runs once per backend."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on ``db_url``, disposed after the test."""
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def server_log() -> Iterator[LogRecords]:
    """The log records of this test (the servers it starts run in its process): ``failures()`` lists tracebacks."""
    with captured_logs() as records:
        yield records
