"""The ``…_scrub_hetu`` migrations clean free text stored before them, on SQLite and PostgreSQL, and cover every marked column."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import random
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alembic import command
from sqlalchemy import Boolean, Date, Float, Integer, create_engine, make_url, select
from sqlalchemy.pool import NullPool

from archiving.db import make_engine, normalise_url
from archiving.free_text import JSON, scrub_table, stored_free_text
from archiving.types import UTCDateTime
from bot.database import VERSION_DIRS, alembic_config
from bot.schema import target_metadata
from hetu_corpus import corpus, survivors

BEFORE_SCRUB = ["a0001", "k0001", "b0003", "d0002"]
SPELLINGS = [s.text for s in corpus(seed=3, n_codes=2)]
CODES = sorted({s.code for s in corpus(seed=3, n_codes=2)})
ROWS = 7  # more than the batch size used below, so paging is exercised


def _scrub_migrations() -> dict[str, Any]:
    modules = {}
    for directory in VERSION_DIRS:
        for path in directory.glob("*_scrub_hetu.py"):
            spec = importlib.util.spec_from_file_location(path.stem, path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            modules[path.stem] = module
    return modules


def test_every_marked_free_text_column_has_a_scrub_migration() -> None:
    covered = {(table, column, kind) for m in _scrub_migrations().values() for table, (_, cols) in m.SCRUB.items() for column, kind in cols}
    marked = {(table, column, kind) for table, cols in stored_free_text(target_metadata().tables).items() for column, kind in cols}
    assert marked == covered
    assert len(_scrub_migrations()) == 4  # one per package branch


def _value(column: Any, i: int) -> Any:
    kind = type(column.type)
    if isinstance(column.type, UTCDateTime):
        return dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=i)
    if isinstance(column.type, Date):
        return dt.date(2026, 1, 1) + dt.timedelta(days=i)
    if isinstance(column.type, Boolean):
        return False
    if isinstance(column.type, Float):
        return 0.5
    if isinstance(column.type, Integer) or kind.__name__ == "BigInteger":
        return i + 1  # distinct: some integer pairs are unique
    return f"{column.name}-{i}"


def _fill(conn: Any, marked: dict[str, list[tuple[str, str]]]) -> None:
    """ROWS rows in every table with marked columns; foreign keys are not checked while filling."""
    rng = random.Random(5)
    for table in target_metadata().sorted_tables:
        if table.name not in marked:
            continue
        kinds = dict(marked[table.name])
        rows = []
        for i in range(ROWS):
            row: dict[str, Any] = {}
            for column in table.columns:
                if column.autoincrement is True or (column.primary_key and isinstance(column.type, Integer) and len(table.primary_key.columns) == 1):
                    continue
                if column.name in kinds:
                    spelled = " ja ".join(rng.sample(SPELLINGS, 3))
                    row[column.name] = (
                        json.dumps({"reason": spelled, "list": [spelled, 1]}, ensure_ascii=True)
                        if kinds[column.name] == JSON else f"asiakas {spelled} soitti"
                    )  # fmt: skip
                elif not column.nullable or column.primary_key:
                    row[column.name] = _value(column, i)
            rows.append(row)
        conn.execute(table.insert(), rows)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no migrations yet) on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server = os.environ.get("ARKISTOBOTTI_TEST_POSTGRES_URL")
    if not server:
        pytest.skip("ARKISTOBOTTI_TEST_POSTGRES_URL is not set")
    name = f"arkistobotti_scrub_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(normalise_url(server)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_scrub_migrations_clean_stored_rows_and_change_nothing_the_second_time(empty_db_url: str) -> None:
    db_url = empty_db_url
    engine = make_engine(db_url, pool=False)
    config = alembic_config()
    marked = stored_free_text(target_metadata().tables)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        for target in BEFORE_SCRUB:
            command.upgrade(config, target)
    # no foreign-key checks while filling: a plain SQLite connection has them off, PostgreSQL skips its triggers
    filler = create_engine(normalise_url(db_url), poolclass=NullPool) if db_url.startswith("sqlite") else engine
    with filler.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        _fill(conn, marked)
    filler.dispose()
    before = _stored(engine, marked)
    assert all(survivors(v, CODES) for v in before), "the rows must hold codes before the scrub"
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "heads")
    after = _stored(engine, marked)
    assert len(after) == len(before)
    assert [v for v in after if survivors(v, CODES)] == []
    assert all("[henkilötunnus]" in v for v in after)
    for value in after:
        if value.startswith("{"):
            assert isinstance(json.loads(value)["list"], list)  # JSON stays JSON
    with engine.begin() as conn:  # idempotent, and paging in small batches visits every row
        changed = sum(scrub_table(conn, table, _key(table), cols, batch_size=3) for table, cols in marked.items())
    assert changed == 0
    engine.dispose()


def _key(table: str) -> str:
    return next(c.name for c in target_metadata().tables[table].primary_key.columns)


def _stored(engine: Any, marked: dict[str, list[tuple[str, str]]]) -> list[str]:
    values = []
    with engine.connect() as conn:
        for table, cols in marked.items():
            t = target_metadata().tables[table]
            for row in conn.execute(select(*(t.c[name] for name, _ in cols))):
                values += [_readable(v) for v in row if v]
    return values


def _readable(value: str) -> str:
    """JSON with its escapes decoded (the rows were written with ``ensure_ascii``), as a reader of it would see it."""
    return json.dumps(json.loads(value), ensure_ascii=False) if value.startswith("{") else value


def test_the_migrations_live_beside_their_packages() -> None:
    names = sorted(p.name for d in VERSION_DIRS for p in Path(d).glob("*_scrub_hetu.py"))
    assert names == ["a0002_scrub_hetu.py", "b0004_scrub_hetu.py", "d0003_scrub_hetu.py", "k0002_scrub_hetu.py"]
