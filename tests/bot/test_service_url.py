"""Where replies may go: the serviceUrl rule (bot/channel/service_urls.py, bot/references.py).

Issue 9, finding 4: without an app id any http(s) serviceUrl was accepted, also from
unknown users, with credentials, link-local and private addresses; the bot POSTed
there and remembered it as where that worker's later messages go.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import select

from archiving.clock import FixedClock
from archiving.db import read_only, transaction
from bot.app import SERVICES, create_app
from bot.channel.service_urls import ServiceUrlPolicy, ServiceUrlRefused, without_credentials
from bot.devtools import ConnectorStandIn
from bot.models import ConversationRef
from bot.setting_values import parse_origins
from botkit import NOW, Conversation, District, RunningBot, bot_settings, eventually, start_bot
from knowledge.service import KnowledgeBase
from logcheck import LogRecords
from test_proactive import outbox_row, queue_message

REFUSED = [
    "http://169.254.169.254/latest/meta-data/",  # link-local: cloud metadata
    "http://[fe80::1]:8080/",
    "http://10.0.0.5:8080/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "https://smba.trafficmanager.net/emea/",  # fine with a token, not without one
    "http://2130706433/",  # 127.0.0.1 written as a number: not taken as loopback
    "http://localhost.evil.example/",
]


def stored_reference(bot: RunningBot, worker: str) -> ConversationRef | None:
    with read_only(bot.district.engine) as session:
        row = session.exec(select(ConversationRef).where(ConversationRef.worker_id == bot.district.workers[worker])).first()
        if row is not None:
            session.expunge(row)
        return row


@pytest.mark.parametrize("service_url", REFUSED)
async def test_without_an_app_id_only_loopback_service_urls_are_used(bot: RunningBot, service_url: str, server_log: LogRecords) -> None:
    for user in ("aad-anna", "aad-nobody"):  # a worker, and someone the bot does not know
        who = bot.conversation(user)
        activity = who.factory.message("hei") | {"serviceUrl": service_url}
        async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
            assert response.status == 400
            assert "serviceUrl" in (await response.json())["error"]
    assert bot.connector.activities == []
    assert stored_reference(bot, "anna") is None
    assert server_log.failures() == []


async def test_credentials_in_a_service_url_are_never_sent_or_stored(bot: RunningBot, anna: Conversation) -> None:
    with_password = bot.connector.service_url.replace("http://", "http://mallory:s3cret@")
    said = await anna.post(anna.factory.message("hei") | {"serviceUrl": with_password})
    assert said.status == 201 and said.activities
    assert all(a.authorization is None for a in said.activities)  # aiohttp would have sent them as Basic credentials
    ref = stored_reference(bot, "anna")
    assert ref is not None and ref.service_url == bot.connector.service_url and "s3cret" not in ref.reference_json


async def test_a_query_or_fragment_in_a_service_url_is_refused(anna: Conversation) -> None:
    for suffix in ("?x=1", "#frag", "?"):
        said = await anna.post(anna.factory.message("hei") | {"serviceUrl": anna.connector.service_url + suffix})
        assert said.status == 400 and said.activities == []


async def test_an_unvouched_turn_of_someone_else_does_not_move_a_workers_reference(bot: RunningBot, anna: Conversation) -> None:
    await anna.say("hei")
    other = ConnectorStandIn()
    await other.start()
    try:
        mallory = bot.conversation("aad-anna", "Anna Aalto")  # claims Anna's object id, from another Teams id
        mallory.factory.service_url = other.service_url
        activity = mallory.factory.message("hei")
        activity["from"]["id"] = "29:mallory"
        async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
            assert response.status == 201
        ref = stored_reference(bot, "anna")
        assert ref is not None and ref.service_url == bot.connector.service_url and ref.conversation_id == anna.id
        queue_message(bot, "anna", "Arkistointi onnistui.")
        await bot.connector.wait_for(anna.id, count=2)  # Anna's later messages still reach Anna
        assert [a.text for a in other.activities if a.text == "Arkistointi onnistui."] == []
    finally:
        await other.close()
    # Anna herself (same Teams id) in a new conversation moves it
    moved = bot.conversation("aad-anna", "Anna Aalto")
    await moved.say("hei")
    assert stored_reference(bot, "anna").conversation_id == moved.id  # type: ignore[union-attr]


@pytest.fixture
async def allowlisted_bot(bot_db_url: str, district: District, knowledge: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    settings = bot_settings(bot_db_url, tmp_path, service_url_allowlist="http://10.0.0.5:8080, https://emulator.example.invalid")
    app = create_app(settings, clock=FixedClock(NOW), rng=random.Random(5), knowledge=knowledge, background=False)
    runner, url = await start_bot(app)
    async with aiohttp.ClientSession() as session:
        yield RunningBot(url, app, ConnectorStandIn(), session, district, FixedClock(NOW), settings)
    await runner.cleanup()


async def test_the_allow_list_admits_exactly_its_origins(allowlisted_bot: RunningBot) -> None:
    bot = allowlisted_bot
    anna = bot.conversation("aad-anna", "Anna Aalto")

    async def status(service_url: str) -> int:
        activity = anna.factory.conversation_update(bot_added=False) | {"serviceUrl": service_url}  # needs no reply
        async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
            return response.status

    assert await status("http://10.0.0.5:8080/teams/") == 201
    assert stored_reference(bot, "anna").service_url == "http://10.0.0.5:8080/teams/"  # type: ignore[union-attr]
    assert await status("https://EMULATOR.example.invalid:443/") == 201
    for other in ("http://10.0.0.5:8081/", "https://10.0.0.5:8080/", "http://10.0.0.6:8080/", "http://emulator.example.invalid/"):
        assert await status(other) == 400, other


def test_the_policy_by_itself() -> None:
    policy = ServiceUrlPolicy(parse_origins("https://dev.example.invalid:3979"))
    for url in ("http://127.0.0.1:3979/", "http://127.8.9.1/", "http://localhost:1/", "http://[::1]:80/", "http://[::ffff:127.0.0.1]/",
                "https://dev.example.invalid:3979/x/"):  # fmt: skip
        assert policy.check(url, vouched=False) == url
    for url in REFUSED + ["https://dev.example.invalid/", "http://0.0.0.0/"]:
        with pytest.raises(ServiceUrlRefused):
            policy.check(url, vouched=False)
    assert policy.check("https://smba.trafficmanager.net/emea/", vouched=True) == "https://smba.trafficmanager.net/emea/"
    assert policy.check("https://u:p@smba.trafficmanager.net/emea/", vouched=True) == "https://smba.trafficmanager.net/emea/"
    assert without_credentials("http://a@b@127.0.0.1:5/") == "http://127.0.0.1:5/"
    with pytest.raises(ServiceUrlRefused):
        policy.check("https://smba.trafficmanager.net/emea/?a=1", vouched=True)


@pytest.mark.parametrize("bad", ["ftp://x.example", "https://x.example/path", "https://u:p@x.example", "https://x.example?q", "notaurl"])
def test_an_allow_list_entry_must_be_an_origin(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_origins(f"http://127.0.0.1:1, {bad}")


async def test_a_stored_reference_the_rule_no_longer_allows_is_not_followed(bot: RunningBot, anna: Conversation) -> None:
    """A reference kept before this rule (e.g. the link-local one of the attack run) gets no proactive message."""
    await anna.say("hei")
    with transaction(bot.district.engine) as session:
        row = session.get(ConversationRef, bot.district.workers["anna"])
        assert row is not None
        row.reference_json = row.reference_json.replace(bot.connector.service_url, "http://169.254.169.254/")
        row.service_url = "http://169.254.169.254/"
        session.add(row)
    bot.app[SERVICES].references._known.clear()  # noqa: SLF001 - as if another instance had written it
    message_id = queue_message(bot, "anna", "Arkistointi onnistui.")
    row = await eventually(lambda: (r := outbox_row(bot, message_id)).attempts >= 1 and r)
    assert row.sent_at is None and "ServiceUrlRefused" in (row.last_error or "")
