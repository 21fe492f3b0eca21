"""The real bot app (``bot.app.create_app``) on a free port with the web pages, a desk day, and logins.

Browser tests drive Debian's Chromium through Playwright (never a downloaded
browser) and are skipped only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy.engine import Engine

from archiving.clock import FixedClock
from archiving.db import make_engine
from bot.app import create_app
from bot.desk import queue, sessions, tickets
from bot.desk.config import DeskConfig
from bot.settings import Settings, load_settings
from bot.web.auth import make_login_link
from bot.web.context import WEB
from desk.support import People, add_people

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
NOW = dt.datetime(2026, 3, 16, 6, 55, tzinfo=dt.UTC)  # Monday 08:55 in Helsinki, just before the morning desk


@dataclass
class Site:
    url: str
    app: web.Application
    engine: Engine
    people: People
    clock: FixedClock
    settings: Settings
    config: DeskConfig

    def login_link(self, worker_id: int) -> str:
        ctx = self.app[WEB]
        return make_login_link(self.engine, ctx.signer, worker_id=worker_id, now=self.clock(), base_url=self.url, minutes=10)

    async def client(self, worker_id: int | None = None) -> aiohttp.ClientSession:
        """An HTTP client with its own cookie jar, logged in as ``worker_id`` when given."""
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        if worker_id is not None:
            token = self.login_link(worker_id).split("t=", 1)[1]
            async with session.post(f"{self.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
                assert response.status == 303, await response.text()
        return session


def seed_desk_day(engine: Engine, people: People, config: DeskConfig, clock: FixedClock) -> None:
    """A week of sessions, two workers in the morning queue, a ticket with the bot's guesses."""
    sessions.generate(engine, config, now=clock(), weeks=1)
    queue.join_queue(engine, people.actor(people.kalle), "Sosiaalipalvelun valinta", now=clock(), config=config)
    clock.advance(seconds=30)
    queue.join_queue(engine, people.actor(people.liisa), "Lukitseminen <b>ei</b> onnistu", now=clock(), config=config)
    tickets.open_ticket(
        engine, people.actor(people.liisa), "Miten korjaan palvelutehtävän arkistoidusta asiakirjasta?", now=clock(),
        guesses=[{"slug": "metatietojen-korjaaminen", "score": 0.58}, {"slug": "palvelutehtavan-valinta", "score": 0.41}],
    )  # fmt: skip


@asynccontextmanager
async def running_site(database_url: str, tmp_path: Path, *, clock: FixedClock | None = None, seed: bool = True) -> AsyncIterator[Site]:
    """The bot app with its web pages on a free port over ``database_url`` (seeded with people and a desk day)."""
    settings = load_settings(
        {},
        database_url=database_url,
        kanta_sim_database_url=f"sqlite:///{tmp_path / 'kanta-sim.db'}",
        web_secret="testisalaisuus-vain-testeihin-0123456789",
        desk_meeting_url="https://teams.example.invalid/l/meetup-join/arkistodeski",
    )
    clock = clock or FixedClock(NOW)
    engine = make_engine(database_url)
    config = DeskConfig.from_settings(settings)
    people = add_people(engine) if seed else None
    if people is not None:
        seed_desk_day(engine, people, config, clock)
    app = create_app(settings, clock=clock, rng=random.Random(7), background=False)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site_ = web.TCPSite(runner, "127.0.0.1", 0)
    await site_.start()
    port = site_._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield Site(f"http://127.0.0.1:{port}", app, engine, people, clock, settings, config)  # type: ignore[arg-type]
    finally:
        await runner.cleanup()
        engine.dispose()


@pytest.fixture
async def site(sqlite_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    async with running_site(sqlite_url, tmp_path) as running:
        yield running


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()
