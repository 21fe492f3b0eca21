"""Helpers for the bot tests: the synthetic district, conversations with the running bot, the script runner.

A separate module (not conftest) so that tests can import ``talk`` and friends by name.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy.engine import Engine

from archiving.actors import Actor
from archiving.authoring import create_document
from archiving.clock import FixedClock
from archiving.codesets.loader import load_packaged
from archiving.db import make_engine, transaction
from archiving.documents import submit
from archiving.enums import DocumentKind, DocumentStatus, Role
from archiving.kanta.catalog import CachedCatalog, catalog_from_database
from archiving.kanta.factory import make_gateway
from archiving.queue.worker import drain
from bot.cardtext import RenderedCard, render
from bot.devtools import ActivityFactory, ConnectorStandIn, ReceivedActivity
from bot.settings import Settings, load_settings
from synthetic import CLIENTS, add_client, add_organisation, add_worker

NOW = dt.datetime(2026, 11, 23, 7, 30, tzinfo=dt.UTC)  # a Monday morning in Helsinki
UNIT_A, UNIT_B = "2.999.20.1", "2.999.20.2"
FIXTURES = Path(__file__).with_name("fixtures")


@dataclass
class District:
    """Ids of the synthetic district; ``document(...)`` writes a document as the client system would."""

    engine: Engine
    units: dict[str, int] = field(default_factory=dict)
    workers: dict[str, int] = field(default_factory=dict)
    clients: dict[str, int] = field(default_factory=dict)
    hetus: list[str] = field(default_factory=list)

    def document(self, status: DocumentStatus = DocumentStatus.COMPLETED, *, author: str = "anna", client: str = "c1", **values: Any) -> int:
        fields: dict[str, Any] = {
            "title": "Vammaispalvelupäätös",
            "document_type_code": "11053",
            "service_task_code": "20",
            "social_services": ["37"],
            "service_unit_id": self.units[UNIT_A],
        }
        fields.update(values)
        with transaction(self.engine) as session:
            document = create_document(
                session, Actor.system("seed"), author_id=self.workers[author], client_id=self.clients[client],
                status=status, now=NOW - dt.timedelta(days=2), **fields,
            )  # fmt: skip
            if status in (DocumentStatus.LOCKED, DocumentStatus.FAILED, DocumentStatus.ARCHIVED):
                document.locked_at = NOW - dt.timedelta(days=1)
            if status == DocumentStatus.ARCHIVED:
                document.archived_at = NOW - dt.timedelta(days=1)
            assert document.id is not None
            return document.id


def _worker(session: Any, name: str, unit_id: int, channel_user_id: str | None) -> int:
    return add_worker(session, name, unit_id, [Role.WORKER], channel_user_id, email=f"{name.split()[0].lower()}@example.invalid")


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite file whose WAL has been folded in (a copy is then complete)."""
    with sqlite3.connect(source) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)


def build_district(url: str, kanta_sim_url: str) -> District:
    """Two units, three workers, two clients (synthetic hetus) whose relationship data is in the archive."""
    engine = make_engine(url, pool=False)
    district = District(engine)
    rng = random.Random(4)
    records = []
    with transaction(engine) as session:
        load_packaged(session)
        district.units.update(
            add_organisation(session, "2.999.20", ((UNIT_A, "Vammaispalvelut, Keskusta", True), (UNIT_B, "Lastensuojelu, Pohjoinen", True)))
        )
        district.workers["anna"] = _worker(session, "Anna Aalto", district.units[UNIT_A], "aad-anna")
        district.workers["bertta"] = _worker(session, "Bertta Berg", district.units[UNIT_B], "aad-bertta")
        district.workers["olli"] = _worker(session, "Olli Oton", district.units[UNIT_A], None)
        for key, name, born in CLIENTS:
            district.clients[key], code, relationship_id = add_client(session, rng, name, born)
            district.hetus.append(code)
            record = create_document(
                session, Actor.system("seed"), kind=DocumentKind.RELATIONSHIP, author_id=district.workers["olli"],
                client_id=district.clients[key], title="Asiakkuus", document_type_code="1", relationship_id=relationship_id,
                service_unit_id=district.units[UNIT_A], status=DocumentStatus.LOCKED, now=NOW - dt.timedelta(days=30),
            )  # fmt: skip
            records.append(record.id)
        submit(session, Actor.system("seed"), records, now=NOW - dt.timedelta(days=30))
    # the relationship data goes through the real queue into the embedded archive, as in production
    gateway = make_gateway(None, kanta_sim_url, 0.0, 0, 5.0, random.Random(5), catalog=CachedCatalog(lambda: catalog_from_database(engine)))
    try:
        stats = drain(engine, gateway, FixedClock(NOW - dt.timedelta(days=30)), random.Random(6))
    finally:
        gateway.close()
    assert stats.remaining == 0
    return district


# --- the conversation helper ---------------------------------------------------------------


@dataclass
class Said:
    """What the bot answered to one thing the worker did."""

    status: int
    activities: list[ReceivedActivity]

    @property
    def rendered(self) -> list[RenderedCard]:
        return [render(card) for a in self.activities for card in a.cards]

    @property
    def text(self) -> str:
        """Everything the worker sees, text and cards, as one string."""
        parts = [a.text for a in self.activities if a.text]
        parts += [r.text for r in self.rendered]
        return "\n".join(parts)

    def button(self, title: str) -> dict[str, Any]:
        for card in self.rendered:
            try:
                data = card.button(title).data
            except KeyError:
                continue
            assert data is not None, f"{title!r} is a link, not a button"
            return data
        raise AssertionError(f"no button {title!r} in:\n{self.text}")

    def inputs(self) -> dict[str, Any]:
        return {i.id: i for card in self.rendered for i in card.inputs}


class Conversation:
    """One worker's personal chat with the bot, as Teams would carry it."""

    def __init__(self, bot_url: str, connector: ConnectorStandIn, session: aiohttp.ClientSession, user_id: str, name: str) -> None:
        self.bot_url = bot_url
        self.connector = connector
        self.session = session
        self.factory = ActivityFactory(service_url=connector.service_url, user_id=user_id, user_name=name)
        self.last: Said | None = None

    @property
    def id(self) -> str:
        return self.factory.conversation_id

    async def post(self, activity: dict[str, Any] | str | bytes, headers: dict[str, str] | None = None) -> Said:
        """POST raw activity JSON; the replies of the turn have arrived when the POST returns."""
        before = len(self.connector.for_conversation(self.id))
        body = activity if isinstance(activity, str | bytes) else json.dumps(activity)
        async with self.session.post(
            f"{self.bot_url}/api/messages", data=body, headers={"Content-Type": "application/json", **(headers or {})}
        ) as response:
            status = response.status
            await response.read()
        self.last = Said(status, self.connector.for_conversation(self.id)[before:])
        return self.last

    async def say(self, text: str) -> Said:
        return await self.post(self.factory.message(text))

    async def press(self, title_or_value: str | dict[str, Any], **inputs: Any) -> Said:
        """Press a button of the last answer (by title) or post a submit value; ``inputs`` fill the card's inputs."""
        if isinstance(title_or_value, str):
            assert self.last is not None, "nothing to press yet"
            value = dict(self.last.button(title_or_value))
        else:
            value = dict(title_or_value)
        value.update(inputs)
        return await self.post(self.factory.submit(value))


async def talk(conversation: Conversation, script: list[tuple[str | dict[str, Any], str | list[str]]]) -> list[Said]:
    """Run a conversation: each step is (what the worker says or presses, text the answer must contain)."""
    answers = []
    for utterance, expected in script:
        if isinstance(utterance, dict):
            said = await conversation.press(utterance)
        elif utterance.startswith("[") and utterance.endswith("]"):
            said = await conversation.press(utterance[1:-1])
        else:
            said = await conversation.say(utterance)
        assert said.status == 201, f"{utterance!r}: HTTP {said.status}"
        for fragment in [expected] if isinstance(expected, str) else expected:
            assert fragment.casefold() in said.text.casefold(), f"after {utterance!r} expected {fragment!r} in:\n{said.text}"
        answers.append(said)
    return answers


@dataclass
class RunningBot:
    url: str
    app: web.Application
    connector: ConnectorStandIn
    session: aiohttp.ClientSession
    district: District
    clock: FixedClock
    settings: Settings

    def conversation(self, user_id: str = "aad-anna", name: str = "Anna Aalto") -> Conversation:
        return Conversation(self.url, self.connector, self.session, user_id, name)




def bot_settings(database_url: str, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "kanta_sim_database_url": f"sqlite:///{tmp_path / 'kanta-sim.db'}",
        "public_base_url": "https://arkistobotti.example.invalid",
        "outbox_poll_s": 0.05,
        "send_backoff_base_s": 0.02,
        "desk_upkeep": False,  # the daily desk job writes sessions at startup; its own tests switch it on
    }
    values.update(overrides)
    return load_settings({}, **values)


async def start_bot(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def eventually(check: Any, timeout: float = 5.0) -> Any:
    """Poll ``check()`` (run in a thread: it may use the database) until it returns something truthy."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await asyncio.to_thread(check)
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s: {check}")
        await asyncio.sleep(0.02)


def fixture_activity(name: str, conversation: Conversation, **changes: Any) -> dict[str, Any]:
    """A recorded Teams activity from ``fixtures/``, addressed to this test's connector and conversation."""
    activity = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    activity["serviceUrl"] = conversation.connector.service_url
    activity["conversation"]["id"] = conversation.id
    activity.update(changes)
    return activity
