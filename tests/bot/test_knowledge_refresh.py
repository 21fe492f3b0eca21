"""A publication reaches the running bot's answers and instruction pages by itself (bot/background.py, bot/app.py)."""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
from pathlib import Path

import aiohttp

from archiving.clock import FixedClock
from bot.app import create_app
from bot.devtools import ConnectorStandIn
from bot.web.auth import make_login_link
from bot.web.context import WEB
from botkit import NOW, Conversation, District, bot_settings, start_bot, talk
from knowledge.publishing import publish_path
from knowledge.service import ARTICLES_DIR

SCRIPT = Path(sys.executable).with_name("arkistobotti")
NEWS = "Katko on siirretty perjantaille klo 16."
QUESTION = "milloin käyttökatko alkaa"


async def _page(http: aiohttp.ClientSession, url: str) -> str:
    async with http.get(f"{url}/ohjeet/kayttokatko") as response:
        assert response.status == 200
        return await response.text()


async def test_kb_publish_in_another_process_reaches_answers_and_the_instruction_page(
    bot_db_url: str, district: District, connector: ConnectorStandIn, tmp_path: Path
) -> None:
    publish_path(district.engine, ARTICLES_DIR, author="Viivi Viestijä", now=NOW)  # the district's published instructions
    settings = bot_settings(
        bot_db_url, tmp_path, knowledge_refresh_s=0.05, public_base_url="http://127.0.0.1:3978", web_secret="testisalaisuus-vain-testeihin-0123456789"
    )  # plain http: the login cookie is Secure only behind https
    clock = FixedClock(NOW)  # stands still: only the bot's own watch can notice the publication
    app = create_app(settings, clock=clock, rng=random.Random(8))  # loads the published instructions itself
    runner, url = await start_bot(app)
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            anna = Conversation(url, connector, http, "aad-anna", "Anna Aalto")
            await talk(anna, [(QUESTION, "Käyttökatko")])
            assert NEWS not in anna.last.text  # type: ignore[union-attr]
            token = make_login_link(district.engine, app[WEB].signer, worker_id=district.workers["anna"], now=clock(), base_url=url, minutes=10)
            async with http.post(f"{url}/kirjaudu", data={"t": token.split("t=", 1)[1]}, allow_redirects=False) as response:
                assert response.status == 303
            assert NEWS not in await _page(http, url)

            changed = tmp_path / "kayttokatko.md"
            original = (ARTICLES_DIR / "kayttokatko.md").read_text(encoding="utf-8")
            news = original.replace("summary: ", f"summary: {NEWS} ", 1).replace("chat: |\n  ", f"chat: |\n  {NEWS} ", 1)
            changed.write_text(news, encoding="utf-8")  # the page shows the summary, the chat answer its chat version
            env = {"ARKISTOBOTTI_DATABASE_URL": bot_db_url, "PATH": str(SCRIPT.parent), "HOME": str(tmp_path), "USER": "viestinta"}
            published = await asyncio.to_thread(
                subprocess.run, [str(SCRIPT), "kb", "publish", str(changed)], env=env, capture_output=True, text=True, timeout=60
            )
            assert published.returncode == 0, published.stderr
            assert "kayttokatko: updated (version 2, published)" in published.stdout

            for _ in range(100):  # the watch looks every 0.05 s; allow it a few seconds on a busy machine
                if NEWS in (await anna.say(QUESTION)).text:
                    break
                await asyncio.sleep(0.05)
            assert NEWS in anna.last.text  # type: ignore[union-attr]
            assert NEWS in await _page(http, url)
    finally:
        await runner.cleanup()
