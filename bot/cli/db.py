"""``arkistobotti db``: schema management."""

from __future__ import annotations

import argparse

from bot.cli.common import add_command, command_group, emit, settings
from bot.database import is_current, open_database


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = command_group(subparsers, "db", "database schema management")
    add_command(sub, "upgrade", _upgrade, "apply all pending migrations (safe to repeat)")


def _upgrade(args: argparse.Namespace) -> int:
    engine = open_database(settings().database_url)
    emit(args, {"current": is_current(engine)}, "database schema is up to date")
    engine.dispose()
    return 0
