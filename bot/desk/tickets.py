"""Tickets: questions the bot could not answer, followed up by desk staff through the bot.

States and who moves them::

    new --assign (desk)--> assigned --desk reply--> waiting --worker reply--> assigned
    assigned|waiting --resolve (desk)--> resolved --rate 1-5 (worker, once)--> closed
    resolved --worker reply--> assigned      any but closed --close (desk)--> closed

A worker sees and acts on their own tickets only; someone else's ticket looks
exactly like a missing one (reading is in ``bot.desk.ticket_views``). Desk
replies and the rating request reach the worker as outbox messages written in
the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy.engine import Engine
from sqlmodel import Session

from archiving.actors import Actor
from archiving.db import transaction
from bot.desk import errors, texts as T
from bot.desk.cards import rating_card
from bot.desk.models import Ticket, TicketMessage
from bot.desk.queue import clean_text
from bot.desk.ticket_views import OPEN_STATES, Guess, TicketView, is_staff, view_of, visible_ticket
from bot.outbox import enqueue_message

QUESTION_LIMIT = 2000
MESSAGE_LIMIT = 4000
SOURCES = ("no_answer", "person", "manual")


def _clean_guesses(guesses: Sequence[Guess | dict[str, object]]) -> list[dict[str, object]]:
    """Keep slugs and scores only; anything else a caller passes is dropped."""
    out = []
    for g in list(guesses)[:5]:
        slug, score = (g.slug, g.score) if isinstance(g, Guess) else (g.get("slug"), g.get("score"))
        if isinstance(slug, str) and slug and isinstance(score, (int, float)):
            out.append({"slug": slug[:100], "score": round(float(score), 3)})
    return out


def open_ticket(
    engine: Engine, actor: Actor, question: str | None, *, now: dt.datetime,
    guesses: Sequence[Guess | dict[str, object]] = (), source: str = "no_answer",
) -> TicketView:  # fmt: skip
    """Open a ticket for the acting worker with the question (henkilötunnus masked) and the bot's guesses."""
    assert actor.worker_id is not None
    if source not in SOURCES:
        raise ValueError(f"bad ticket source {source!r}")
    text = clean_text(question, QUESTION_LIMIT, topic=False) if (question or "").strip() else None
    if text is None:
        raise errors.question_missing()
    with transaction(engine) as session:
        ticket = Ticket(
            worker_id=actor.worker_id, question=text, guesses_json=json.dumps(_clean_guesses(guesses)),
            source=source, state="new", created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(ticket)
        session.flush()
        return view_of(session, ticket)


def _load(session: Session, actor: Actor, ticket_id: int) -> Ticket:
    """The ticket if the actor may see it: desk staff all, a worker their own."""
    return visible_ticket(session, actor, ticket_id, for_update=True)


def _require(ticket: Ticket, action: str, allowed: Sequence[str]) -> None:
    if ticket.state not in allowed:
        raise errors.ticket_transition(int(ticket.id), action, ticket.state)  # type: ignore[arg-type]


def assign(engine: Engine, actor: Actor, ticket_id: int, *, now: dt.datetime, assignee_id: int | None = None) -> TicketView:
    """Desk staff take a ticket (for themselves, or for another desk-staff member)."""
    from bot.desk.roster import require_host

    if not is_staff(actor):
        raise errors.not_desk_staff()
    with transaction(engine) as session:
        ticket = _load(session, actor, ticket_id)
        _require(ticket, "assign", OPEN_STATES)
        target = assignee_id if assignee_id is not None else actor.worker_id
        if target is None:
            raise errors.unknown_host("(none)")
        require_host(session, target)
        ticket.assignee_id = target
        if ticket.state == "new":
            ticket.state = "assigned"
        ticket.updated_at = now
        session.add(ticket)
        return view_of(session, ticket)


def reply(engine: Engine, actor: Actor, ticket_id: int, body: str | None, *, now: dt.datetime) -> TicketView:
    """Add a message. From desk staff it goes to the worker through the bot; from the worker it reopens."""
    with transaction(engine) as session:
        ticket = _load(session, actor, ticket_id)
        staff_reply = is_staff(actor) and ticket.worker_id != actor.worker_id
        _require(ticket, "reply", OPEN_STATES if staff_reply else (*OPEN_STATES, "resolved"))
        text = clean_text(body, MESSAGE_LIMIT, topic=False)
        session.add(TicketMessage(
            ticket_id=ticket_id, author_id=int(actor.worker_id), from_desk=staff_reply, body=text, created_at=now,  # type: ignore[arg-type]
        ))  # fmt: skip
        if staff_reply:
            ticket.assignee_id = ticket.assignee_id or actor.worker_id
            ticket.state = "waiting"
            enqueue_message(
                session, worker_id=ticket.worker_id, now=now,
                text=T.TICKET_REPLY_FROM_DESK.format(id=ticket_id, body=text),
            )  # fmt: skip
        elif ticket.state in ("waiting", "resolved"):
            ticket.state = "assigned" if ticket.assignee_id else "new"
            ticket.resolved_at = None
        ticket.updated_at = now
        session.add(ticket)
        session.flush()
        return view_of(session, ticket)


def resolve(engine: Engine, actor: Actor, ticket_id: int, *, now: dt.datetime, note: str | None = None) -> TicketView:
    """Desk staff mark a ticket resolved; the worker gets the rating card."""
    if not is_staff(actor):
        raise errors.not_desk_staff()
    with transaction(engine) as session:
        ticket = _load(session, actor, ticket_id)
        _require(ticket, "resolve", ("assigned", "waiting"))
        if note and note.strip():
            text = clean_text(note, MESSAGE_LIMIT, topic=False)
            session.add(TicketMessage(
                ticket_id=ticket_id, author_id=int(actor.worker_id), from_desk=True, body=text, created_at=now,  # type: ignore[arg-type]
            ))  # fmt: skip
        ticket.state = "resolved"
        ticket.resolved_at = now
        ticket.updated_at = now
        session.add(ticket)
        enqueue_message(
            session, worker_id=ticket.worker_id, now=now, dedupe_key=f"desk:ticket-resolved:{ticket_id}:{now.isoformat()}",
            text=T.TICKET_RESOLVED.format(id=ticket_id), card=rating_card(ticket_id),
        )  # fmt: skip
        session.flush()
        return view_of(session, ticket)


def close(engine: Engine, actor: Actor, ticket_id: int, *, now: dt.datetime) -> TicketView:
    """Desk staff close a ticket without waiting for a rating (e.g. a duplicate)."""
    if not is_staff(actor):
        raise errors.not_desk_staff()
    with transaction(engine) as session:
        ticket = _load(session, actor, ticket_id)
        _require(ticket, "close", (*OPEN_STATES, "resolved"))
        ticket.state = "closed"
        ticket.closed_at = now
        ticket.updated_at = now
        session.add(ticket)
        return view_of(session, ticket)


def rate(engine: Engine, actor: Actor, ticket_id: int, rating: object, *, now: dt.datetime) -> TicketView:
    """The worker rates the help 1–5, once, after resolution; the rating closes the ticket."""
    try:
        value = int(str(rating).strip())
    except ValueError:
        raise errors.bad_rating() from None
    if not 1 <= value <= 5:
        raise errors.bad_rating()
    with transaction(engine) as session:
        ticket = visible_ticket(session, actor, ticket_id, own_only=True, for_update=True)
        if ticket.rating is not None:
            raise errors.already_rated(ticket_id)
        if ticket.state != "resolved" and not (ticket.state == "closed" and ticket.resolved_at is not None):
            raise errors.not_resolved(ticket_id)
        ticket.rating = value
        ticket.rated_at = now
        ticket.state = "closed"
        ticket.closed_at = ticket.closed_at or now
        ticket.updated_at = now
        session.add(ticket)
        return view_of(session, ticket)
