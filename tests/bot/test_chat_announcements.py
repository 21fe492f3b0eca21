"""Instruction announcements reach workers through the outbox; "lopeta tiedotteet" / "tilaa tiedotteet" (bot/announcements.py, bot/turns/announcements.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving.clock import FixedClock
from archiving.db import read_only, transaction
from archiving.models import Worker
from bot.announcements import deliver_due
from bot.app import create_app
from bot.cardtext import render
from bot.devtools import ConnectorStandIn
from bot.models import ConversationRef, OutboxMessage
from botkit import NOW, Conversation, RunningBot, bot_settings, eventually, start_bot, talk
from knowledge.announcements import announce
from knowledge.models import KbAnnouncement
from knowledge.publishing import publish_path
from knowledge.service import ARTICLES_DIR, KnowledgeBase

COMMS = "Viivi Viestijä"
BASE = "https://arkistobotti.example.invalid"


def publish_and_announce(engine: Engine, slug: str, *, now: dt.datetime, message: str | None = None) -> int:
    """What the communications team does: ``kb publish`` the file, then ``kb announce`` it."""
    publish_path(engine, ARTICLES_DIR / f"{slug}.md", author=COMMS, now=now)
    return announce(engine, slug, author=COMMS, now=now, message=message).id


def announcements_in(connector: ConnectorStandIn, conversation: Conversation) -> list[str]:
    """The announcement cards a conversation received, as text."""
    rendered = [render(card) for a in connector.for_conversation(conversation.id) for card in a.cards]
    return [r.text for r in rendered if "Tiedote ohjeista" in r.text]


def announcement_rows(engine: Engine) -> list[OutboxMessage]:
    with read_only(engine) as session:
        return list(session.exec(select(OutboxMessage).where(col(OutboxMessage.dedupe_key).startswith("announcement:"))).all())


def delivered(engine: Engine, announcement_id: int) -> bool:
    with read_only(engine) as session:
        row = session.get(KbAnnouncement, announcement_id)
        return row is not None and row.delivered_at is not None


async def test_an_announcement_reaches_subscribed_workers_once_and_not_those_who_opted_out(bot: RunningBot, anna: Conversation) -> None:
    bertta = bot.conversation("aad-bertta", "Bertta Berg")
    await talk(anna, [("hei", "Olen Arkistobotti")])
    await talk(bertta, [("hei", "Olen Arkistobotti"), ("lopeta tiedotteet", "en lähetä sinulle enää tiedotteita")])
    engine = bot.district.engine
    announcement = await asyncio.to_thread(
        publish_and_announce, engine, "kayttokatko", now=NOW, message="Katko on siirretty: lue uusi aikataulu."
    )
    await eventually(lambda: announcements_in(bot.connector, anna))
    await eventually(lambda: all(r.sent_at is not None for r in announcement_rows(engine)))
    (card,) = announcements_in(bot.connector, anna)
    assert "Uusi ohje: Käyttökatko" in card
    assert "Katkon aikana järjestelmään ei voi kirjautua" in card  # the instruction's summary
    assert "Katko on siirretty: lue uusi aikataulu." in card  # the communications team's own words
    assert f"Avaa ohje <{BASE}/ohjeet/kayttokatko>" in card
    assert "Lopeta tiedotteet" in card
    assert delivered(engine, announcement)
    # Bertta opted out; Olli has never opened the bot, so there is nowhere to send it
    rows = announcement_rows(engine)
    assert [r.worker_id for r in rows] == [bot.district.workers["anna"]]
    assert rows[0].dedupe_key == f"announcement:{announcement}:{bot.district.workers['anna']}"
    assert announcements_in(bot.connector, bertta) == []
    await asyncio.sleep(bot.settings.outbox_poll_s * 5)  # more rounds change nothing
    assert len(announcements_in(bot.connector, anna)) == 1 and len(announcement_rows(engine)) == 1


async def test_the_cards_stop_button_and_tilaa_tiedotteet(bot: RunningBot, anna: Conversation) -> None:
    await anna.say("hei")
    engine = bot.district.engine
    await asyncio.to_thread(publish_and_announce, engine, "kayttokatko", now=NOW)
    await eventually(lambda: announcements_in(bot.connector, anna))
    received = bot.connector.for_conversation(anna.id)[-1]
    stop = render(received.cards[0]).button("Lopeta tiedotteet").data
    assert stop is not None
    await talk(anna, [
        (stop, "en lähetä sinulle enää tiedotteita"),
        ("Lopeta tiedotteet!", "ovat jo pois päältä"),
        ("miksi en saa tiedotteita?", "pois päältä"),
        ("[Tilaa tiedotteet]", "Kerron sinulle jatkossa uusista ja muuttuneista ohjeista"),
        ("tilaa tiedotteet", "ovat jo päällä"),
        ("mikä on tiedote asiakkaalle", ""),  # a question for the instructions, not a command
    ])  # fmt: skip
    assert anna.last is not None and "tiedotteet" not in anna.last.text.casefold()
    await asyncio.to_thread(publish_and_announce, engine, "pin-koodi", now=NOW)  # after "tilaa tiedotteet" they come again
    await eventually(lambda: len(announcements_in(bot.connector, anna)) == 2)


async def test_the_help_card_tells_how_to_stop_announcements(anna: Conversation) -> None:
    await talk(anna, [("apua", ["lopeta tiedotteet", "tilaa tiedotteet"])])


@pytest.fixture
def settings_for(bot_db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return lambda: bot_settings(bot_db_url, tmp_path)


async def _instance(settings_for, knowledge: KnowledgeBase, seed: int) -> tuple[object, str]:  # type: ignore[no-untyped-def]
    app = create_app(settings_for(), clock=FixedClock(NOW), rng=random.Random(seed), knowledge=knowledge)
    return await start_bot(app)


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def test_a_restart_does_not_deliver_an_announcement_twice(
    settings_for, district, connector: ConnectorStandIn, knowledge: KnowledgeBase, http: aiohttp.ClientSession  # type: ignore[no-untyped-def]
) -> None:
    runner, url = await _instance(settings_for, knowledge, 1)
    anna = Conversation(url, connector, http, "aad-anna", "Anna Aalto")
    await anna.say("hei")
    first = await asyncio.to_thread(publish_and_announce, district.engine, "kayttokatko", now=NOW)
    await eventually(lambda: announcements_in(connector, anna))
    await runner.cleanup()  # type: ignore[attr-defined]
    # the bot restarts (a new process on the same database) and a second instruction is announced
    runner, url = await _instance(settings_for, knowledge, 2)
    try:
        second = await asyncio.to_thread(publish_and_announce, district.engine, "pin-koodi", now=NOW + dt.timedelta(hours=1))
        await eventually(lambda: len(announcements_in(connector, anna)) >= 2)
        await eventually(lambda: all(r.sent_at is not None for r in announcement_rows(district.engine)))
        await asyncio.sleep(0.3)  # a few more rounds of the new instance
    finally:
        await runner.cleanup()  # type: ignore[attr-defined]
    cards = announcements_in(connector, anna)
    assert len(cards) == 2 and "Käyttökatko" in cards[0] and "PIN" in cards[1].upper()
    keys = sorted(r.dedupe_key or "" for r in announcement_rows(district.engine))
    worker = district.workers["anna"]
    assert keys == sorted([f"announcement:{first}:{worker}", f"announcement:{second}:{worker}"])


# --- several instances at once, on SQLite and PostgreSQL -------------------------------------------


def _reachable_workers(engine: Engine, count: int) -> list[int]:
    """Workers who have talked to the bot (a stored reference), one of them inactive."""
    ids = []
    with transaction(engine) as session:
        for number in range(count):
            worker = Worker(name=f"Työntekijä {number}", channel_user_id=f"aad-t{number}", active=number != 0)
            session.add(worker)
            session.flush()
            assert worker.id is not None
            ids.append(worker.id)
            reference = {"channelId": "msteams", "serviceUrl": "https://smba.example.invalid", "conversation": {"id": f"c{number}"}}
            session.add(ConversationRef(
                worker_id=worker.id, channel_id="msteams", conversation_id=f"c{number}", service_url="https://smba.example.invalid",
                reference_json=json.dumps(reference), updated_at=NOW,
            ))  # fmt: skip
    return ids


def test_two_instances_delivering_at_once_queue_each_message_once(engine: Engine) -> None:
    workers = _reachable_workers(engine, 12)
    announcement = publish_and_announce(engine, "kayttokatko", now=NOW)
    start = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def deliver() -> None:
        start.wait()
        try:
            counts.append(deliver_due(engine, now=NOW, base_url=BASE))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == [] and sorted(counts) == [0, 11]  # the inactive worker gets nothing
    rows = announcement_rows(engine)
    assert sorted(r.worker_id for r in rows) == workers[1:]
    assert delivered(engine, announcement)
    card = render(json.loads(rows[0].card_json or "{}")).text
    assert card.count("Käyttökatko") == 1  # the default message (title and summary) is not repeated under the summary
    assert deliver_due(engine, now=NOW, base_url=BASE) == 0
