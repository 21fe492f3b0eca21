"""The desk in chat, through the real endpoint: Bot Framework activity JSON in, replies on a connector stand-in.

Each test reads as a conversation: what the worker says or presses, and what
the bot must answer. The queue reminder goes out through the real outbox deliverer.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlmodel import select

from archiving.clock import FixedClock
from archiving.db import make_engine, read_only
from bot.app import create_app
from bot.cardtext import render
from bot.desk import sessions, tickets
from bot.desk.config import DeskConfig
from bot.desk.models import DeskQueueEntry, Ticket
from bot.devtools import ActivityFactory, ConnectorStandIn
from bot.settings import load_settings
from cardcheck import CardCheck

from .support import People, add_people

NOW = dt.datetime(2026, 3, 16, 6, 0, tzinfo=dt.UTC)  # Monday 08:00 in Helsinki
HETU = "131052-308T"  # a well-known example code, never a real person's


@dataclass
class Chat:
    url: str
    connector: ConnectorStandIn
    http: aiohttp.ClientSession
    factory: ActivityFactory
    last: list[Any] | None = None

    async def post(self, activity: dict[str, Any]) -> str:
        before = len(self.connector.for_conversation(self.factory.conversation_id))
        async with self.http.post(f"{self.url}/api/messages", json=activity) as response:
            assert response.status in (200, 201), await response.text()
        self.last = self.connector.for_conversation(self.factory.conversation_id)[before:]
        parts = [a.text for a in self.last if a.text] + [render(c).text for a in self.last for c in a.cards]
        return "\n".join(parts)

    async def say(self, text: str) -> str:
        return await self.post(self.factory.message(text))

    async def press(self, value: dict[str, Any]) -> str:
        return await self.post(self.factory.submit(value))

    def button(self, title: str) -> dict[str, Any]:
        for activity in self.last or []:
            for card in activity.cards:
                try:
                    data = render(card).button(title).data
                except KeyError:
                    continue
                if data is not None:
                    return dict(data)
        raise AssertionError(f"no button {title!r}")


@dataclass
class Bot:
    url: str
    app: web.Application
    connector: ConnectorStandIn
    http: aiohttp.ClientSession
    people: People
    clock: FixedClock
    engine: Any

    def chat(self, key: str, name: str) -> Chat:
        return Chat(self.url, self.connector, self.http, ActivityFactory(service_url=self.connector.service_url, user_id=f"aad-{key}", user_name=name))


async def start(sqlite_url: str, tmp_path: Path, hetu_store: Any, *, background: bool) -> AsyncIterator[Bot]:
    settings = load_settings(
        {}, database_url=sqlite_url, kanta_sim_database_url=f"sqlite:///{tmp_path / 'kanta.db'}",
        public_base_url="https://arkistobotti.example.invalid", web_secret="chat-testien-salaisuus-0123456789",
        desk_meeting_url="https://teams.example.invalid/l/meetup-join/arkistodeski", outbox_poll_s=0.05,
    )  # fmt: skip
    engine = make_engine(sqlite_url)
    people = add_people(engine)
    clock = FixedClock(NOW)
    sessions.generate(engine, DeskConfig.from_settings(settings), now=clock(), weeks=1)
    check = CardCheck()

    def received(activity: Any) -> None:
        hetu_store.add_activity(activity.activity)
        check.add(activity.activity)

    connector = ConnectorStandIn(on_activity=received)
    await connector.start()
    app = create_app(settings, clock=clock, rng=random.Random(3), background=background)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    async with aiohttp.ClientSession() as http:
        yield Bot(f"http://127.0.0.1:{port}", app, connector, http, people, clock, engine)
    await runner.cleanup()
    await connector.close()
    engine.dispose()
    check.assert_clean()


@pytest.fixture
async def bot(sqlite_url: str, tmp_path: Path, hetu_store: Any) -> AsyncIterator[Bot]:
    async for running in start(sqlite_url, tmp_path, hetu_store, background=False):
        yield running


async def test_joining_position_next_session_and_leaving(bot: Bot) -> None:
    kalle = bot.chat("kalle", "Kalle Sosiaalityöntekijä")
    assert "Mihin tarvitset apua deskissä?" in await kalle.say("Haluan deskiin")
    answer = await kalle.press(kalle.button("Jonota deskiin") | {"topic": "metatietojen korjaus"})
    assert "Lisäsin sinut jonoon deskiin maanantaina 16.3. klo 9.00–9.30" in answer and "sijalla 1" in answer
    assert "Muistutan sinua 10 minuuttia ennen" in answer
    liisa = bot.chat("liisa", "Liisa Ohjaaja")
    assert "sijalla 2" in await liisa.say("haluan deskiin: lukitseminen ei onnistu")
    assert "Olet jo jonossa" in await liisa.say("jonoon: toinen asia")
    assert "sijalla 2. Aihe: lukitseminen ei onnistu" in await liisa.say("monesko olen jonossa?")
    assert "Seuraava deski on maanantaina 16.3. klo 9.00–9.30, isäntänä Aino Neuvoja" in await kalle.say("milloin on seuraava deski")
    assert "Poistin sinut deskin" in await kalle.say("poistu jonosta")
    assert "sijalla 1" in await liisa.say("monesko olen jonossa")
    assert "Et ole minkään deskin jonossa." in await kalle.say("poistu jonosta")


async def test_no_answer_card_opens_a_ticket_or_joins_the_queue(bot: Bot) -> None:
    kalle = bot.chat("kalle", "Kalle Sosiaalityöntekijä")
    answer = await kalle.say("Miten saan kahvinkeittimen korjattua toimistolla?")
    assert "Jätä tukipyyntö" in answer and "Jonota deskiin" in answer
    ticket_button, join_button = kalle.button("Jätä tukipyyntö"), kalle.button("Jonota deskiin")
    assert "Avasin tiketin #1" in await kalle.press(ticket_button)
    with read_only(bot.engine) as session:
        ticket = session.exec(select(Ticket)).one()
    assert ticket.question == "Miten saan kahvinkeittimen korjattua toimistolla?" and ticket.source == "no_answer"
    assert all(set(g) == {"slug", "score"} for g in json.loads(ticket.guesses_json))
    assert "Lisäsin sinut jonoon" in await kalle.press(join_button)
    with read_only(bot.engine) as session:
        assert session.exec(select(DeskQueueEntry.topic)).one() == "Miten saan kahvinkeittimen korjattua toimistolla?"


async def test_asking_for_a_person_masks_the_henkilotunnus(bot: Bot) -> None:
    kalle = bot.chat("kalle", "Kalle Sosiaalityöntekijä")
    assert "Mitä tarvitset?" in await kalle.say("Haluan puhua ihmiselle")
    answer = await kalle.press(kalle.button("Lähetä tiketti") | {"question": f"Asiakkaan {HETU} päätös ei arkistoidu"})
    assert "Avasin tiketin #1" in answer and HETU not in answer and "[henkilötunnus]" in answer
    with read_only(bot.engine) as session:
        assert HETU not in session.exec(select(Ticket.question)).one()


async def test_asking_for_a_person_asks_what_is_needed_and_titles_the_ticket_with_it(bot: Bot) -> None:
    kalle = bot.chat("kalle", "Kalle Sosiaalityöntekijä")
    assert "Auttoiko tämä?" in await kalle.say("miten lukitsen asiakirjan?")  # answered
    asked = await kalle.say("haluan puhua ihmiselle")
    assert "Mitä tarvitset?" in asked and "Avasin tiketin" not in asked
    card = kalle.last[0].cards[0]  # type: ignore[index]
    (field,) = [e for e in card["body"] if e["type"] == "Input.Text"]
    assert field["isRequired"] and field["errorMessage"] == "Kirjoita kysymyksesi ennen lähettämistä."
    with read_only(bot.engine) as session:
        assert session.exec(select(Ticket)).all() == []  # nothing opened before the worker says what they need
    need = "Asiakkaan päätöksen palveluyksikkö on lakkautettu, mihin yksikköön se kuuluu nyt?"
    assert f"Avasin tiketin #1: ”{need}”" in await kalle.say(need)
    with read_only(bot.engine) as session:
        ticket = session.exec(select(Ticket)).one()
        assert ticket.question == need and ticket.source == "person"
    assert "Avasin tiketin" not in await kalle.say("miten lukitsen asiakirjan?")  # the next question is a question again


async def test_ticket_messages_rating_and_someone_elses_ticket(bot: Bot) -> None:
    p = bot.people
    kalle, liisa = bot.chat("kalle", "Kalle"), bot.chat("liisa", "Liisa")
    await kalle.say("haluan puhua ihmiselle: miten valitsen palveluyksikön?")
    assert "Lisäsin viestisi tikettiin #1" in await kalle.say("tiketti 1: koskee lastensuojelua")
    assert "Tikettiä #1 ei löydy, tai se ei ole sinun." in await liisa.say("tiketti 1: kurkistan")
    assert "Tikettiä #1 ei löydy" in await liisa.press({"action": "ticket.rate", "ticket": 1, "rating": 1})
    assert "Tiketin #1 voi arvioida, kun deski on ratkaissut sen." in await kalle.press({"action": "ticket.rate", "ticket": 1, "rating": 5})
    aino = p.actor(p.aino)
    tickets.assign(bot.engine, aino, 1, now=bot.clock())
    tickets.resolve(bot.engine, aino, 1, now=bot.clock())
    assert "Arvio annetaan numerolla 1–5." in await kalle.press({"action": "ticket.rate", "ticket": 1, "rating": 9})
    assert "Painikkeen tiedot olivat puutteelliset" in await kalle.press({"action": "ticket.rate", "ticket": "yksi", "rating": 5})
    assert "Kiitos arviostasi (5/5)! Tiketti #1 on nyt suljettu." in await kalle.press({"action": "ticket.rate", "ticket": 1, "rating": 5})
    assert "Olet jo arvioinut tiketin #1" in await kalle.press({"action": "ticket.rate", "ticket": 1, "rating": 4})
    assert "#1 – suljettu – miten valitsen palveluyksikön?" in await kalle.say("näytä omat tiketit")
    assert "Sinulla ei ole tikettejä." in await liisa.say("omat tiketit")


async def test_console_login_link_from_chat(bot: Bot) -> None:
    aino = bot.chat("aino", "Aino Neuvoja")
    answer = await aino.say("avaa deskikonsoli")
    assert "toimii kerran ja on voimassa 10 minuuttia" in answer
    link = answer.split(": ", 1)[1].strip()
    assert link.startswith("https://arkistobotti.example.invalid/kirjaudu?t=")
    token = link.split("t=", 1)[1]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
        async with browser.post(f"{bot.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
            assert response.status == 303
            cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "Secure" in cookie  # the public address is https
        async with browser.post(f"{bot.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
            assert response.status == 400  # single use


async def test_the_reminder_reaches_the_chat_ten_minutes_before(sqlite_url: str, tmp_path: Path, hetu_store: Any) -> None:
    async for bot in start(sqlite_url, tmp_path, hetu_store, background=True):
        kalle = bot.chat("kalle", "Kalle Sosiaalityöntekijä")
        await kalle.say("haluan deskiin: sosiaalipalvelun valinta")
        conversation = kalle.factory.conversation_id
        seen = len(bot.connector.for_conversation(conversation))
        await _quiet(0.3)
        assert len(bot.connector.for_conversation(conversation)) == seen  # 08:00: not yet
        bot.clock.now = dt.datetime(2026, 3, 16, 6, 50, tzinfo=dt.UTC)  # 08:50 in Helsinki
        received = await bot.connector.wait_for(conversation, count=seen + 1, timeout=10)
        reminder = received[seen].text
        assert reminder.startswith("Muistutus: deski alkaa 10 minuutin kuluttua (maanantaina 16.3. klo 9.00–9.30)")
        assert "sosiaalipalvelun valinta" in reminder and "teams.example.invalid" in reminder


async def _quiet(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)
