"""Ids that arrive in card submits are checked against the sender: someone else's answers exactly like a missing one.

Issue 9, finding 2: ``{"action": "ticket.open", "log_id": 1}`` from one worker opened a
ticket with another worker's logged question. Every handler that reads an id from a
card (question log, ticket, document) is driven here over the real endpoint with
another worker's id and with an id that names nothing; the two answers must be the
same (numbers aside, when the answer repeats the number asked for).
"""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import select

from archiving.db import read_only
from bot.desk.config import DeskConfig
from bot.desk.models import DeskQueueEntry, Ticket
from bot.desk.sessions import generate
from botkit import NOW, Conversation, RunningBot, Said, talk
from logcheck import LogRecords

QUESTION = "mitä ruokalassa on tänään"


def shown(said: Said, *, numbers: bool = True) -> list[tuple[Any, Any]]:
    """What the worker sees of an answer: each activity's text and cards (numbers masked unless ``numbers``)."""
    seen = [(a.activity.get("text"), a.cards) for a in said.activities]
    return seen if numbers else [(re.sub(r"\d+", "N", repr(text)), re.sub(r"\d+", "N", repr(cards))) for text, cards in seen]


async def same_answer(who: Conversation, foreign: dict[str, Any], missing: dict[str, Any], *, numbers: bool = True) -> Said:
    first = await who.press(foreign)
    second = await who.press(missing)
    assert first.status == second.status == 201
    assert first.activities, "the button got no answer at all"
    assert shown(first, numbers=numbers) == shown(second, numbers=numbers), f"{foreign} answered differently from {missing}"
    return first


def tickets_of(bot: RunningBot, worker: str) -> list[Ticket]:
    with read_only(bot.district.engine) as session:
        return list(session.exec(select(Ticket).where(Ticket.worker_id == bot.district.workers[worker])).all())


async def test_another_workers_logged_question_answers_like_a_missing_one(bot: RunningBot, anna: Conversation, server_log: LogRecords) -> None:
    generate(bot.district.engine, DeskConfig.from_settings(bot.settings), now=NOW)
    (no_answer,) = await talk(anna, [(QUESTION, "En löytänyt tähän varmaa vastausta")])
    log_id = no_answer.button("Jätä tukipyyntö")["log_id"]
    bertta = bot.conversation("aad-bertta", "Bertta Berg")
    in_annas_chat = bot.conversation("aad-bertta", "Bertta Berg")
    in_annas_chat.factory.conversation_id = anna.id  # the same conversation (and so its state), another sender
    for who in (bertta, in_annas_chat):
        for value in (
            {"action": "ticket.open"},
            {"action": "desk.join"},
            {"action": "kb.feedback", "helpful": False},
            {"action": "kb.feedback", "helpful": True},
            {"action": "kb.show", "slug": "deski"},
        ):
            said = await same_answer(who, {**value, "log_id": log_id}, {**value, "log_id": log_id + 1000})
            assert "ruokalassa" not in said.text
    assert tickets_of(bot, "bertta") == []
    with read_only(bot.district.engine) as session:
        assert session.exec(select(DeskQueueEntry)).all() == []
    # the asker's own buttons still carry the question
    await talk(anna, [(no_answer.button("Jätä tukipyyntö"), ["Avasin tiketin", "ruokalassa"])])
    await talk(anna, [(no_answer.button("Jonota deskiin"), ["Lisäsin sinut jonoon", "ruokalassa"])])
    assert server_log.failures() == []


async def test_another_workers_ticket_answers_like_a_missing_one(bot: RunningBot, anna: Conversation, server_log: LogRecords) -> None:
    await talk(anna, [("haluan puhua ihmiselle: tarvitsen apua lukitsemisessa", "Avasin tiketin")])
    (ticket,) = tickets_of(bot, "anna")
    bertta = bot.conversation("aad-bertta", "Bertta Berg")
    for action, extra in (("ticket.rate", {"rating": 5}), ("ticket.reply", {"message": "minäkin"})):
        said = await same_answer(
            bertta, {"action": action, "ticket": ticket.id, **extra}, {"action": action, "ticket": ticket.id + 1000, **extra}, numbers=False
        )
        assert "ei löydy" in said.text
    foreign = await bertta.say(f"tiketti {ticket.id}: minäkin")
    missing = await bertta.say(f"tiketti {ticket.id + 1000}: minäkin")
    assert shown(foreign, numbers=False) == shown(missing, numbers=False) and "ei löydy" in foreign.text
    # numbers no ticket can have: the same "not found", never a database error
    for said in (
        await bertta.say("tiketti 99999999999999999999: hei"),
        await bertta.press({"action": "ticket.rate", "ticket": 2**40, "rating": 5}),
        await bertta.press({"action": "ticket.reply", "ticket": 2**31, "message": "hei"}),
    ):
        assert said.status == 201 and "ei löydy" in said.text
    with read_only(bot.district.engine) as session:
        assert session.get(Ticket, ticket.id).state == "new"  # type: ignore[union-attr]
    assert server_log.failures() == []


async def test_another_workers_document_answers_like_a_missing_one(bot: RunningBot, anna: Conversation, server_log: LogRecords) -> None:
    theirs = bot.district.document(author="bertta")
    missing = theirs + 1000
    for value, key in (({"action": "archive.confirm"}, "doc_ids"), ({"action": "meta.form"}, "doc_id"), ({"action": "meta.save"}, "doc_id")):
        ids = (lambda i: [i]) if key == "doc_ids" else (lambda i: i)
        said = await same_answer(anna, {**value, key: ids(theirs)}, {**value, key: ids(missing)}, numbers=False)
        assert "ei löydy" in said.text.casefold() or "ei löytynyt" in said.text.casefold(), said.text
    for value in ({"action": "meta.form", "doc_id": 99999999999}, {"action": "archive.confirm", "doc_ids": [2**31]}, {"action": "meta.form", "doc_id": "²"}):
        said = await anna.press(value)
        assert said.status == 201 and said.activities
    assert server_log.failures() == []
