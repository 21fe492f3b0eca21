"""Alembic environment shared by every package's migration branch.

Branches, each in its own package (one file prefix each): ``archiving``
(``archiving/migrations/versions``), ``knowledge`` (``knowledge/migrations/versions``),
``bot`` (``bot/migrations/versions``) and ``desk`` (``bot/desk/migrations/versions``).
``upgrade heads`` brings all of them up to date.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from archiving.db import make_engine
from bot.schema import target_metadata

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata(),
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url"), pool=False)
    assert isinstance(engine.pool, pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
