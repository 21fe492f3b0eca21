"""The migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from archiving.db import make_engine
from bot.database import alembic_config, is_current, open_database, upgrade
from bot.schema import target_metadata


def test_models_and_migrations_agree(engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, target_metadata())
    assert diff == [], f"models differ from migrations: {diff}"


def test_every_branch_has_one_head() -> None:
    """Two migrations written against the same parent would fork a branch."""
    script = ScriptDirectory.from_config(alembic_config())
    labels = {label for rev in script.walk_revisions() for label in rev.branch_labels or ()}
    assert "archiving" in labels
    for rev in script.walk_revisions():
        assert rev.branch_labels or rev.down_revision, f"{rev.revision} starts a branch without a label"
    for label in labels:
        heads = script.get_revisions(f"{label}@heads")
        assert len(heads) == 1, f"branch {label} has heads {[h.revision for h in heads]}"
    assert len(script.get_heads()) == len(labels)


def test_sqlite_is_in_wal_mode_and_upgrade_is_idempotent(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    engine = open_database(url)
    assert is_current(engine)
    upgrade(engine)  # a second upgrade is a no-op, not an error
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert "document" in inspect(engine).get_table_names()
    engine.dispose()


def test_upgrade_keeps_existing_rows(tmp_path) -> None:
    """Re-running migrations on a database with data must not lose anything."""
    url = f"sqlite:///{tmp_path / 'keep.db'}"
    engine = open_database(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO organisation (oid, name) VALUES ('2.999.1', 'Testi')")
    engine.dispose()
    engine = make_engine(url)
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM organisation").scalar() == "Testi"
    engine.dispose()
