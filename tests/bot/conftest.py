"""Fixtures: the real bot on a real port, a temp SQLite database with a small synthetic district, a connector stand-in.

Tests talk to the bot like Teams does: they POST Bot Framework activity JSON to
``/api/messages`` and read the replies the bot sent to the connector stand-in
(the activity's ``serviceUrl``). Every activity the stand-in receives is also
handed to the suite-wide henkilötunnus guard (``tests/hetu_guard.py``).
"""

from __future__ import annotations

import copy
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from archiving.clock import FixedClock
from archiving.db import make_engine
from bot.app import create_app
from bot.devtools import ConnectorStandIn
from cardcheck import CardCheck
from botkit import NOW, Conversation, District, RunningBot, bot_settings, build_district, copy_sqlite, start_bot
from knowledge.service import KnowledgeBase

# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _district_template(_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, District]:
    """The district is built once (through the real queue and archive stand-in) and copied for each test."""
    folder = tmp_path_factory.mktemp("district")
    database, archive = folder / "district.db", folder / "kanta-sim.db"
    copy_sqlite(_sqlite_template, database)
    built = build_district(f"sqlite:///{database}", f"sqlite:///{archive}")
    built.engine.dispose()
    return database, archive, built


@pytest.fixture
def bot_db_url(_district_template: tuple[Path, Path, District], tmp_path: Path) -> str:
    """For the bot tests, a fresh copy of the district database (and of its archive beside it)."""
    database, archive, _ = _district_template
    target = tmp_path / "bot.db"
    copy_sqlite(database, target)
    copy_sqlite(archive, tmp_path / "kanta-sim.db")
    return f"sqlite:///{target}"


@pytest.fixture
def district(_district_template: tuple[Path, Path, District], bot_db_url: str) -> Iterator[District]:
    template = _district_template[2]
    copy = District(make_engine(bot_db_url), dict(template.units), dict(template.workers), dict(template.clients), list(template.hetus))
    yield copy
    copy.engine.dispose()


@pytest.fixture(scope="session")
def _knowledge_base() -> KnowledgeBase:
    """The packaged instructions, indexed once per session (indexing is the slow part)."""
    return KnowledgeBase.load(None)


@pytest.fixture
def knowledge(_knowledge_base: KnowledgeBase, district: District) -> KnowledgeBase:
    """The shared index, logging questions and feedback into this test's database."""
    kb = copy.copy(_knowledge_base)
    kb.engine = district.engine
    return kb


@pytest.fixture
async def connector(hetu_store: Any) -> AsyncIterator[ConnectorStandIn]:
    """The connector stand-in; every message the bot sends through it is also checked as Teams needs it (tests/cardcheck.py)."""
    check = CardCheck()

    def received(activity: Any) -> None:
        hetu_store.add_activity(activity.activity)
        check.add(activity.activity)

    standin = ConnectorStandIn(on_activity=received)
    await standin.start()
    yield standin
    await standin.close()
    check.assert_clean()


@pytest.fixture
async def bot(bot_db_url: str, district: District, connector: ConnectorStandIn, knowledge: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    settings = bot_settings(bot_db_url, tmp_path)
    clock = FixedClock(NOW)
    app = create_app(settings, clock=clock, rng=random.Random(11), knowledge=knowledge)
    runner, url = await start_bot(app)
    async with aiohttp.ClientSession() as session:
        yield RunningBot(url, app, connector, session, district, clock, settings)
    await runner.cleanup()


@pytest.fixture
def anna(bot: RunningBot) -> Conversation:
    return bot.conversation("aad-anna", "Anna Aalto")
