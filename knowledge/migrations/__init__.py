"""Alembic migrations of this package's branch (applied with every other branch by ``bot.database.upgrade``)."""
