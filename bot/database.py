"""Creating and upgrading the product database (alembic, all branches)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from archiving.db import make_engine, normalise_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(MIGRATIONS_DIR / "versions"))
    if url:
        config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring every migration branch to its head; safe to run on every start."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # several instances may start at once; one migrates, the others wait
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")


def is_current(engine: Engine) -> bool:
    """Whether the database already stands at every branch's head."""
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    # a head reached through another branch's depends_on is not stored in the version table
    applied = {rev.revision for rev in script.revision_map.iterate_revisions(current, "base", select_for_downgrade=True)}
    return set(script.get_heads()) <= applied


def open_database(url: str, *, migrate: bool = True, pool: bool = True) -> Engine:
    """An engine for ``url``, migrated to the latest schema unless told otherwise."""
    engine = make_engine(url, pool=pool)
    if migrate and not is_current(engine):
        upgrade(engine)
    return engine
