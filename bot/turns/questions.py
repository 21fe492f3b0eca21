"""Questions to the instructions: the answer as a card, feedback, "Tarkoititko…", honest "I don't know".

The knowledge base matches and logs the question (without personal data).
With no confident answer the bot says so and offers the desk: joining the next
session's queue (``desk.join``) or a ticket (``ticket.open``), both carrying the
logged question; the desk's own handlers take it from there.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from archiving.db import read_only
from bot import cards, texts
from bot.turns import asked
from bot.turns.phrases import PendingIntent, pending_intent
from bot.turns.types import Reply, Turn
from bot.turns.welcome import help_card
from knowledge.service import Choice

log = logging.getLogger(__name__)

CONTEXT_KEY = "kb.context"  # conversation state: the instruction just answered, for a follow-up question
FOLLOW_UP_MINUTES = 10  # after this a new question starts afresh


@lru_cache(maxsize=256)
def _rendered(kb: Any, article: Any, base_url: str) -> dict[str, Any]:
    """An instruction's card, rendered once per article version (markdown to card is the slow part); never mutate it."""
    return kb.render_chat_card(article.slug, base_url)  # type: ignore[no-any-return]


def instruction_card(kb: Any, slug: str, base_url: str, extra: list[dict[str, Any]]) -> dict[str, Any]:
    """The instruction's card with ``extra`` elements appended, as a new dict (the cached one stays as it was)."""
    cached = _rendered(kb, kb.get(slug), base_url)
    return {**cached, "body": [*cached.get("body", []), *extra], "msteams": cards.FULL_WIDTH}


def _context(turn: Turn) -> str | None:
    """The instruction this conversation was answered last, while a follow-up may still lean on it."""
    stored = turn.state.get(CONTEXT_KEY)
    if not isinstance(stored, dict) or not isinstance(stored.get("slug"), str) or stored.get("worker") != turn.worker_id:
        return None  # in a shared conversation, one worker's follow-up never leans on another's answer
    try:
        at = dt.datetime.fromisoformat(str(stored.get("at")))
    except ValueError:
        return None
    if at.tzinfo is None or not dt.timedelta(0) <= turn.now - at <= dt.timedelta(minutes=FOLLOW_UP_MINUTES):
        return None
    return str(stored["slug"])


def _set_context(turn: Turn, slug: str) -> None:
    turn.state[CONTEXT_KEY] = {"worker": turn.worker_id, "slug": slug, "at": turn.now.isoformat()}


def feedback_elements(log_id: int | None) -> list[dict[str, Any]]:
    if log_id is None:
        return []
    return [
        cards.text(texts.HELPFUL_PROMPT, weight="Bolder", separator=True),
        cards.action_set(
            [
                cards.submit(texts.HELPFUL_YES, {"action": "kb.feedback", "log_id": log_id, "helpful": True}),
                cards.submit(texts.HELPFUL_NO, {"action": "kb.feedback", "log_id": log_id, "helpful": False}),
            ]
        ),
    ]


def answer_question(turn: Turn) -> list[Reply]:
    """The fallback for free text: match it against the instructions."""
    kb = turn.services.knowledge
    if kb is None:
        return [Reply(text=texts.KNOWLEDGE_UNAVAILABLE)]
    question = turn.incoming.text
    about_pending = pending_intent(question) == PendingIntent.QUESTION_ABOUT
    answer = kb.answer(question, now=turn.now, context=_context(turn))
    if answer.kind == "thanks":
        return [Reply(text=texts.YOU_ARE_WELCOME)]
    if answer.kind == "farewell":
        return [Reply(text=texts.LIKEWISE)]
    if answer.kind in ("greeting", "empty"):
        return [help_card(turn)]
    if answer.slug is None:
        guesses = () if answer.kind == "near" else answer.alternatives
        return [
            no_answer(
                turn, answer.question, answer.log_id, about_pending, guesses, general=answer.kind == "general", subject=answer.subject
            )
        ]
    asked.remember(turn, answer.log_id)
    _set_context(turn, answer.slug)
    body: list[dict[str, Any]] = []
    if answer.ambiguous:
        body.append(cards.text(texts.DID_YOU_MEAN, weight="Bolder", separator=True))
        body.append(
            cards.action_set(
                [_show_button(choice, answer.log_id) for choice in answer.alternatives]
            )
        )
    if about_pending:
        body.append(cards.action_set([cards.submit(texts.SHOW_MY_PENDING, {"action": "pending.list"})]))
    body.extend(feedback_elements(answer.log_id))
    return [Reply(card=instruction_card(kb, answer.slug, turn.services.settings.public_base_url, body))]


def _show_button(choice: Choice, log_id: int | None) -> dict[str, Any]:
    return cards.submit(choice.title, {"action": "kb.show", "slug": choice.slug, "log_id": log_id})


def next_session_text(turn: Turn) -> str | None:
    """When the next desk session is, if the desk has scheduled one."""
    try:
        from bot.desk.formatting import when_fi
        from bot.desk.queue import next_session
    except ModuleNotFoundError:
        return None
    zone = ZoneInfo(turn.services.settings.desk_timezone)
    with read_only(turn.services.engine) as session:
        upcoming = next_session(session, turn.now)
        if upcoming is None:
            return None
        return texts.NEXT_SESSION.format(when=when_fi(upcoming.start_at, upcoming.end_at, zone))


def no_answer(
    turn: Turn,
    question: str,
    log_id: int | None,
    about_pending: bool = False,
    guesses: Sequence[Choice] = (),
    *,
    general: bool = False,
    subject: str | None = None,
) -> Reply:
    """No confident answer: the desk and a ticket, and the matcher's weaker guesses to try first.

    ``general``: several instructions fit equally well, so the guesses are offered as the answer's choices.
    ``subject``: the question was about a neighbouring subject the instructions do not cover: say so, and what they cover.
    """
    if subject:
        body = [cards.text(texts.NEAR_DOMAIN.format(subject=subject), weight="Bolder"), cards.text(texts.BOT_COVERS)]
    else:
        body = [cards.text(texts.TOO_GENERAL if general and guesses else texts.NO_ANSWER, weight="Bolder")]
    asked.remember(turn, log_id)  # the desk and ticket buttons, and feedback on a guess, may name it
    if guesses:
        if not general:
            body.append(cards.text(texts.MAYBE_ONE_OF_THESE))
        body.append(cards.action_set([_show_button(choice, log_id) for choice in guesses]))
    body.append(cards.text(texts.NO_ANSWER_OFFER))
    session_text = next_session_text(turn)
    if session_text:
        body.append(cards.text(session_text, subtle=True))
    data = {"question": question, "log_id": log_id}
    actions = [
        cards.submit(texts.DESK_JOIN_BUTTON, {"action": "desk.join", **data}),
        cards.submit(texts.TICKET_BUTTON, {"action": "ticket.open", **data}),
    ]
    if about_pending:
        actions.insert(0, cards.submit(texts.SHOW_MY_PENDING, {"action": "pending.list"}))
    return Reply(card=cards.card(body, actions))


def _known_log_id(turn: Turn) -> int | None:
    return asked.owned(turn, (turn.incoming.value or {}).get("log_id"))


def feedback(turn: Turn) -> list[Reply]:
    """``kb.feedback``: helpful or not, for a question this conversation asked."""
    helpful = (turn.incoming.value or {}).get("helpful")
    log_id = _known_log_id(turn)
    if log_id is None or not isinstance(helpful, bool) or turn.services.knowledge is None:
        return [Reply(text=texts.FEEDBACK_MISSING)]
    turn.services.knowledge.record_feedback(log_id, helpful, now=turn.now)
    if helpful:
        return [Reply(text=texts.FEEDBACK_THANKS)]
    question, _ = asked.logged_question(turn, log_id)
    data = {"question": question or "", "log_id": log_id}
    body = [cards.text(texts.FEEDBACK_SORRY)]
    actions = [
        cards.submit(texts.DESK_JOIN_BUTTON, {"action": "desk.join", **data}),
        cards.submit(texts.TICKET_BUTTON, {"action": "ticket.open", **data}),
    ]
    return [Reply(card=cards.card(body, actions))]


def show_choice(turn: Turn) -> list[Reply]:
    """``kb.show``: the instruction the worker picked from "Tarkoititko…"."""
    kb = turn.services.knowledge
    slug = (turn.incoming.value or {}).get("slug")
    if kb is None or not isinstance(slug, str) or kb.get(slug) is None:
        return [Reply(text=texts.BAD_BUTTON_DATA)]
    card = instruction_card(kb, slug, turn.services.settings.public_base_url, feedback_elements(_known_log_id(turn)))
    _set_context(turn, slug)
    return [Reply(card=card)]
