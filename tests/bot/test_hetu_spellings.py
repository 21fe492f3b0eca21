"""Every spelling of the generated henkilötunnus corpus, sent the ways people really send text, is gone everywhere.

Workers post the spellings as Bot Framework activities through ``/api/messages``
(questions, "haluan puhua ihmiselle: …", "tiketti N: …", "haluan deskiin: …", card
submits), desk staff write notes and ticket replies through the desk pages, and the
CLI is asked for tickets and needs as ``--json``. Then every string column of every
table, every log line, every activity the bot sent, the desk pages and the CLI
output are read with ``hetu_corpus.survivors``, which does not use the product's
detector: no code may be readable from any of them.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from sqlalchemy import String, Text, select as sa_select
from sqlmodel.sql.sqltypes import AutoString

from archiving.db import read_only, transaction
from archiving.enums import DocumentStatus, Role
from archiving.log_redaction import install_log_redaction
from bot.cli.main import main as cli_main
from bot.desk import sessions
from bot.desk.config import DeskConfig
from bot.desk.models import DeskQueueEntry, Ticket
from bot.schema import target_metadata
from bot.web.auth import COOKIE_NAME, make_login_link
from bot.web.context import WEB
from botkit import NOW, UNIT_A, Conversation, RunningBot, eventually
from hetu_corpus import corpus, survivors
from synthetic import add_worker

CORPUS = corpus(seed=9, n_codes=2)
CODES = sorted({s.code for s in CORPUS})
NOT_FREE_TEXT = {("client", "hetu"), ("document", "content")}  # kept for the archive, never shown


def groups(texts: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(texts), size):
        yield texts[i : i + size]


def _is_text(column: Any) -> bool:
    return isinstance(column.type, String | Text | AutoString)


def stored_strings(engine) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(table.column, value) of every string column of every table."""
    with engine.connect() as conn:
        for table in target_metadata().sorted_tables:
            columns = [c for c in table.columns if _is_text(c) and (table.name, c.name) not in NOT_FREE_TEXT]
            if not columns:
                continue
            for row in conn.execute(sa_select(*columns)):
                for column, value in zip(columns, row):
                    if value:
                        yield f"{table.name}.{column.name}", str(value)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


async def test_no_spelling_of_the_corpus_survives_anywhere(
    bot: RunningBot, anna: Conversation, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    install_log_redaction()  # as the server's and the CLI's logging set-up does
    caplog.set_level(logging.INFO)
    engine = bot.district.engine
    config = DeskConfig.from_settings(bot.settings)
    sessions.generate(engine, config, now=NOW, weeks=1)
    with transaction(engine) as session:
        dora = add_worker(session, "Dora Deski", bot.district.units[UNIT_A], [Role.DESK, Role.COMMUNICATIONS], "aad-dora", email="dora@example.invalid")
    texts = [s.text for s in CORPUS]
    assert len(texts) > 250
    sent: list[str] = []

    async def say(conversation: Conversation, text: str) -> None:
        said = await conversation.say(text)
        assert said.status == 201, text
        sent.append(text)

    # questions to the instructions (question log), and a ticket from the "no answer" card
    for group in groups(texts[0::4], 6):
        await say(anna, "Miten arkistoin asiakkaan " + " ja ".join(group) + " asiakirjan?")
        if "Jätä tukipyyntö" in anna.last.text:  # type: ignore[union-attr]
            await anna.press("Jätä tukipyyntö")
    # tickets with what follows the colon, then messages to them as text and as card submits
    for group in groups(texts[1::4], 6):
        await say(anna, "haluan puhua ihmiselle: asiakas " + " ja ".join(group) + " ei näy")
    with read_only(engine) as session:
        ticket_ids = list(session.execute(sa_select(Ticket.id).where(Ticket.worker_id == bot.district.workers["anna"])).scalars())
    assert ticket_ids
    for i, group in enumerate(groups(texts[2::4], 6)):
        ticket = ticket_ids[i % len(ticket_ids)]
        if i % 2:
            await say(anna, f"tiketti {ticket}: lisätietoa " + " ja ".join(group))
        else:
            said = await anna.press({"action": "ticket.reply", "ticket": ticket, "message": "liite " + " ".join(group)})
            assert said.status == 201
    for group in groups(texts[3::4][:40], 4):
        said = await anna.press({"action": "ticket.open", "question": "kortilla " + " / ".join(group)})
        assert said.status == 201
    # desk queue topics (the reminder in the outbox repeats the topic)
    for group in groups(texts[3::4][40:], 5):
        await say(anna, "haluan deskiin: " + " ".join(group)[:180])
        assert "Lisäsin sinut jonoon" in anna.last.text, anna.last.text  # type: ignore[union-attr]
        await say(anna, "poistu jonosta")
    await say(anna, "haluan deskiin: viimeinen " + texts[-1])

    # desk staff: a note filed as an instruction need, and replies that reach the worker through the outbox
    signer = bot.app[WEB].signer
    token = make_login_link(engine, signer, worker_id=dora, now=bot.clock(), base_url=bot.url, minutes=10).split("t=", 1)[1]
    async with bot.session.post(f"{bot.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
        assert response.status == 303
        cookie = response.cookies[COOKIE_NAME].value  # a Secure cookie (the public URL is https): sent by hand here
    web = aiohttp.ClientSession(headers={"Cookie": f"{COOKIE_NAME}={cookie}"})
    with read_only(engine) as session:
        entry_id = session.execute(sa_select(DeskQueueEntry.id).order_by(DeskQueueEntry.id.desc())).scalars().first()
    pages: list[str] = []
    async with web.get(f"{bot.url}/deski") as response:
        console = await response.text()
    for group in groups(texts[0::7][:24], 6):
        data = {"csrf": csrf_of(console), "note": "huom " + " ".join(group), "needs_instruction": "1"}
        async with web.post(f"{bot.url}/deski/jono/{entry_id}/muistiinpano", data=data) as response:
            pages.append(await response.text())
    for i, group in enumerate(groups(texts[1::7][:24], 6)):
        ticket = ticket_ids[i % len(ticket_ids)]
        await web.post(f"{bot.url}/deski/tiketit/{ticket}/ota", data={"csrf": csrf_of(console)})
        async with web.post(f"{bot.url}/deski/tiketit/{ticket}/vastaa", data={"csrf": csrf_of(console), "message": "vastaus " + " ".join(group)}) as response:
            pages.append(await response.text())
        async with web.post(f"{bot.url}/deski/tiketit/{ticket}/ohjetarve", data={"csrf": csrf_of(console)}) as response:
            pages.append(await response.text())
    for path in ["/deski", "/julkaisu/tarpeet", *(f"/deski/tiketit/{t}" for t in ticket_ids)]:
        async with web.get(f"{bot.url}{path}") as response:
            assert response.status == 200, path
            pages.append(await response.text())
    await web.close()
    await eventually(lambda: len([a for a in bot.connector.for_conversation(anna.id) if "vastaus" in a.text]) >= 1)

    # the CLI, as desk staff and an operator would run it
    for key in [k for k in __import__("os").environ if k.startswith("ARKISTOBOTTI_") and k != "ARKISTOBOTTI_TEST_POSTGRES_URL"]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", str(engine.url))
    document = bot.district.document(DocumentStatus.ARCHIVED)
    outputs: list[str] = []
    commands = [["desk", "tickets", "list", "--json"], ["desk", "needs", "list", "--all", "--json"], ["kb", "gaps", "--json"]]
    commands += [["desk", "tickets", "show", str(t), "--json"] for t in ticket_ids]
    commands += [["archive", "invalidate", "--worker", "aad-anna", str(document), "--reason", f"väärä asiakas {text} korjattu", "--json"] for text in texts[::25]]
    for argv in commands:
        code = cli_main(argv)
        out, err = capsys.readouterr()
        outputs.append(out + err)
        assert code in (0, 2), (argv, out, err)
        if argv[0] == "archive":
            assert code == 2 and "personal identity code" in err  # refused: nothing stored

    found = [
        (where, survivors(value, CODES)) for where, value in [
            *stored_strings(engine),
            *(("log", record.getMessage()) for record in caplog.records),
            *(("activity", json.dumps(a.activity, ensure_ascii=False)) for a in bot.connector.activities),
            *(("page", page) for page in pages),
            *(("cli", output) for output in outputs),
        ] if survivors(value, CODES)
    ]  # fmt: skip
    assert not found, f"{len(found)} places still show a code, e.g. {found[:5]}"
    # and the text around the codes did arrive: this checked real data, not empty tables
    stored = dict.fromkeys(where for where, _ in stored_strings(engine))
    for column in ("kb_question_log.question", "desk_ticket.question", "desk_ticket_message.body", "desk_queue_entry.topic",
                   "desk_queue_entry.notes", "desk_instruction_need.summary", "outbox_message.text"):  # fmt: skip
        assert column in stored, column
    with read_only(engine) as session:
        messages = [row[0] for row in session.execute(sa_select(Ticket.question))]
    assert sum(m.count("[henkilötunnus]") for m in messages) > 100
    assert len(sent) > 40
