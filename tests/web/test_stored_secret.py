"""Without ARKISTOBOTTI_WEB_SECRET the server and the CLI share a secret kept in the database."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import aiohttp
from aiohttp import web

from archiving.clock import FixedClock
from archiving.db import make_engine
from bot.app import create_app
from bot.cli.main import main
from bot.settings import load_settings
from bot.stored_secrets import stored_secret
from desk.support import add_people

NOW = dt.datetime(2026, 3, 16, 6, 55, tzinfo=dt.UTC)


async def test_a_cli_login_link_opens_a_server_without_a_configured_secret(
    sqlite_url: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    engine = make_engine(sqlite_url)
    people = add_people(engine)
    settings = load_settings({}, database_url=sqlite_url, kanta_sim_database_url=f"sqlite:///{tmp_path / 'sim.db'}")
    assert settings.web_secret is None
    app = create_app(settings, clock=FixedClock(NOW), rng=random.Random(1), background=False)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    try:
        monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", sqlite_url)
        monkeypatch.setenv("ARKISTOBOTTI_PUBLIC_BASE_URL", url)
        monkeypatch.delenv("ARKISTOBOTTI_WEB_SECRET", raising=False)
        assert main(["web", "login-link", "--worker", str(people.aino)]) == 0
        link = capsys.readouterr().out.strip()
        token = link.split("t=", 1)[1]
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
            async with client.post(f"{url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
                assert response.status == 303, await response.text()
            async with client.get(f"{url}/deski") as response:
                assert response.status == 200
    finally:
        await runner.cleanup()
    # one secret, created once, whoever asked first
    assert stored_secret(engine, "web", now=NOW) == stored_secret(engine, "web", now=NOW)
    engine.dispose()
