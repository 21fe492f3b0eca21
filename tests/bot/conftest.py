"""Fixtures: the real bot on a real port, a temp SQLite database with a small synthetic district, a connector stand-in.

Tests talk to the bot like Teams does: they POST Bot Framework activity JSON to
``/api/messages`` and read the replies the bot sent to the connector stand-in
(the activity's ``serviceUrl``). Every activity the stand-in receives is also
handed to the suite-wide henkilötunnus guard (``tests/hetu_guard.py``).
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from archiving.clock import FixedClock
from bot.app import create_app
from bot.devtools import ConnectorStandIn
from botkit import NOW, Conversation, District, RunningBot, bot_settings, build_district, start_bot

# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def district(sqlite_url: str, tmp_path: Path) -> Iterator[District]:
    built = build_district(sqlite_url, f"sqlite:///{tmp_path / 'kanta-sim.db'}")
    yield built
    built.engine.dispose()


@pytest.fixture
async def connector(hetu_store: Any) -> AsyncIterator[ConnectorStandIn]:
    standin = ConnectorStandIn(on_activity=lambda received: hetu_store.add_activity(received.activity))
    await standin.start()
    yield standin
    await standin.close()


@pytest.fixture
async def bot(sqlite_url: str, district: District, connector: ConnectorStandIn, tmp_path: Path) -> AsyncIterator[RunningBot]:
    settings = bot_settings(sqlite_url, tmp_path)
    clock = FixedClock(NOW)
    app = create_app(settings, clock=clock, rng=random.Random(11))
    runner, url = await start_bot(app)
    async with aiohttp.ClientSession() as session:
        yield RunningBot(url, app, connector, session, district, clock, settings)
    await runner.cleanup()


@pytest.fixture
def anna(bot: RunningBot) -> Conversation:
    return bot.conversation("aad-anna", "Anna Aalto")
