"""Shared resources of the bot (bot/services.py): how many worker threads turns get."""

from __future__ import annotations

from archiving.db import make_engine
from bot.services import NETWORK_DB_TURN_THREADS, SQLITE_TURN_THREADS, turn_threads
from bot.settings import load_settings


def test_turn_threads_suit_the_database_unless_configured(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sqlite = make_engine(f"sqlite:///{tmp_path / 'bot.db'}", pool=False)
    postgres = make_engine("postgresql://bot@db.invalid/arkistobotti", pool=False)  # never connected
    unset = load_settings({})
    assert turn_threads(unset, sqlite) == SQLITE_TURN_THREADS < turn_threads(unset, postgres) == NETWORK_DB_TURN_THREADS
    configured = load_settings({"ARKISTOBOTTI_TURN_THREADS": "5"})
    assert turn_threads(configured, sqlite) == turn_threads(configured, postgres) == 5
