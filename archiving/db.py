"""Database engines and transactions shared by every package.

SQLite (a file, WAL mode) is the embedded default; PostgreSQL is used when
several instances share one database. Callers get an engine from
:func:`make_engine` and run each state change inside one :func:`transaction`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine

SQLITE_BUSY_TIMEOUT_MS = 30_000


def normalise_url(url: str) -> str:
    """Map the plain ``postgresql://`` spelling to the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url if isinstance(engine_or_url, str) else str(engine_or_url.url)
    return url.startswith("sqlite")


def make_engine(url: str, *, echo: bool = False, pool: bool = True) -> Engine:
    """Create an engine; for SQLite, create the file's folder and switch on WAL.

    ``pool=False`` gives a NullPool engine, for short-lived CLI processes and
    for tests that must not keep connections open after they finish.
    """
    url = normalise_url(url)
    kwargs: dict[str, object] = {"echo": echo}
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        kwargs["pool_pre_ping"] = True
    if not pool:
        kwargs["poolclass"] = NullPool
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # pysqlite's own transaction handling is switched off so that "begin" below
    # decides: BEGIN IMMEDIATE takes the write lock up front, which avoids
    # deadlocks between readers that later want to write.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin_immediate(connection) -> None:  # type: ignore[no-untyped-def]
    readonly = connection.get_execution_options().get("sqlite_readonly", False)
    connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def dbapi_transaction(engine: Engine, *, write: bool = True) -> Iterator[Any]:
    """A DBAPI cursor on a pooled connection, in one transaction: commit on success, roll back on any error.

    For the few statements every chat turn runs, where SQLAlchemy's per-statement work costs more
    than the statement. SQL is the driver's own (``named_params`` renders ``:name`` / ``%(name)s``);
    ``write=False`` is a read (rolled back; on SQLite it takes no lock).
    """
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        if write and engine.dialect.name == "sqlite":
            cursor.execute("BEGIN IMMEDIATE")  # pysqlite's own transaction handling is off (see _sqlite_pragmas)
        yield cursor
        if write:
            connection.commit()
        else:
            connection.rollback()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


def named_params(engine: Engine, sql: str) -> str:
    """``sql`` with ``{name}`` placeholders in the driver's named style (``:name`` for SQLite, ``%(name)s`` for psycopg)."""
    style = ":{}" if engine.dialect.name == "sqlite" else "%({})s"
    return re.sub(r"\{(\w+)\}", lambda m: style.format(m.group(1)), sql)


@contextmanager
def read_only(engine: Engine) -> Iterator[Session]:
    """A session for reads; on SQLite it does not take the write lock."""
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={"sqlite_readonly": True})
        try:
            yield session
        finally:
            session.expunge_all()  # rows read here stay readable after the rollback below
            session.rollback()
