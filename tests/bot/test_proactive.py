"""Proactive messages from the outbox: delivery, waiting for a reference, retries (bot/proactive.py, bot/references.py)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from archiving.db import read_only, transaction
from bot import cards
from bot.models import ConversationRef, OutboxMessage
from bot.outbox import enqueue_message
from botkit import NOW, Conversation, RunningBot, eventually


def queue_message(bot: RunningBot, worker: str, text: str, **kwargs: object) -> int:
    with transaction(bot.district.engine) as session:
        message = enqueue_message(session, worker_id=bot.district.workers[worker], text=text, now=bot.clock(), **kwargs)  # type: ignore[arg-type]
        assert message.id is not None
        return message.id


def outbox_row(bot: RunningBot, message_id: int) -> OutboxMessage:
    with read_only(bot.district.engine) as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None
        session.expunge(row)  # keep the loaded values after the read-only session ends
        return row


async def test_a_desk_reminder_written_to_the_outbox_reaches_the_worker(bot: RunningBot, anna: Conversation) -> None:
    await anna.say("hei")  # the bot now knows where to reach Anna
    card = cards.card([cards.text("Deski alkaa 10 minuutin päästä.")])
    message_id = queue_message(bot, "anna", "Muistutus: deski alkaa pian.", card=card)
    await bot.connector.wait_for(anna.id, count=2)
    delivered = bot.connector.for_conversation(anna.id)[-1]
    assert delivered.text == "Muistutus: deski alkaa pian." and delivered.cards[0]["body"][0]["text"].startswith("Deski alkaa")
    assert delivered.reply_to_id is None
    await eventually(lambda: outbox_row(bot, message_id).sent_at is not None)


async def test_messages_wait_until_the_worker_has_talked_to_the_bot(bot: RunningBot) -> None:
    message_id = queue_message(bot, "bertta", "Tukipyyntöösi on vastattu.")
    row = await eventually(lambda: (r := outbox_row(bot, message_id)).attempts >= 1 and r)
    assert row.sent_at is None and "no conversation reference" in (row.last_error or "")
    assert row.not_before > NOW  # backed off
    bertta = bot.conversation("aad-bertta", "Bertta Berg")
    await bertta.say("hei")  # the reference is captured and wakes the waiting message
    await bot.connector.wait_for(bertta.id, count=2)
    # the woken message and the turn's own answer race each other: either may arrive first
    assert "Tukipyyntöösi on vastattu." in [a.text for a in bot.connector.for_conversation(bertta.id)]


async def test_a_failed_send_is_retried_later(bot: RunningBot, anna: Conversation) -> None:
    await anna.say("hei")
    bot.connector.throttle_next(bot.settings.send_max_attempts)  # every try of the first round gets 429
    message_id = queue_message(bot, "anna", "Uusi ohje julkaistu.")
    row = await eventually(lambda: (r := outbox_row(bot, message_id)).attempts == 1 and r)
    assert row.sent_at is None and "TooManyRequests" in (row.last_error or "")
    bot.clock.advance(seconds=10)  # past the backoff
    await bot.connector.wait_for(anna.id, count=2)
    await eventually(lambda: outbox_row(bot, message_id).sent_at is not None)


async def test_the_reference_is_stored_once_and_updated_when_it_changes(bot: RunningBot, anna: Conversation) -> None:
    for _ in range(3):
        await anna.say("hei")
    with read_only(bot.district.engine) as session:
        (ref,) = session.exec(select(ConversationRef)).all()
        first_update = ref.updated_at
        assert ref.conversation_id == anna.id and ref.service_url == bot.connector.service_url
    bot.clock.advance(minutes=1)
    moved = bot.conversation("aad-anna", "Anna Aalto")  # Anna reinstalled: a new conversation
    await moved.say("hei")
    with read_only(bot.district.engine) as session:
        (ref,) = session.exec(select(ConversationRef)).all()
        assert ref.conversation_id == moved.id and ref.updated_at == first_update + dt.timedelta(minutes=1)


async def test_waiting_for_a_reference_is_not_given_up_by_attempts_but_by_age(bot: RunningBot) -> None:
    message_id = queue_message(bot, "bertta", "Tukipyyntöösi on vastattu.")
    for _ in range(bot.settings.outbox_max_attempts + 2):
        attempts = outbox_row(bot, message_id).attempts
        bot.clock.advance(hours=2)  # past any backoff
        await eventually(lambda a=attempts: outbox_row(bot, message_id).attempts > a)
    row = outbox_row(bot, message_id)
    assert row.failed_at is None and row.sent_at is None  # still waiting for Bertta to open the bot
    bot.clock.advance(days=15)
    await eventually(lambda: outbox_row(bot, message_id).failed_at is not None)
