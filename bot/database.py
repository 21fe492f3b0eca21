"""Creating and upgrading the product database (alembic, all branches)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from archiving.db import make_engine, normalise_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")  # env.py and the script template
_ROOT = Path(__file__).resolve().parent.parent
# Each package owns its branch's migrations; alembic reads all of them.
VERSION_DIRS = (
    _ROOT / "archiving" / "migrations" / "versions",
    _ROOT / "knowledge" / "migrations" / "versions",
    MIGRATIONS_DIR / "versions",
    _ROOT / "bot" / "desk" / "migrations" / "versions",
)


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(d) for d in VERSION_DIRS))
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
