"""Reading tickets: what a ticket looks like to its worker and to desk staff, and who may see it.

Desk staff see every ticket, a worker their own; someone else's ticket looks
exactly like a missing one. The bot's guesses are slugs and scores only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.actors import Actor
from archiving.db import read_only
from archiving.enums import Role
from archiving.ids import is_id
from archiving.models import ServiceUnit, Worker
from bot.desk import errors
from bot.desk.models import Ticket, TicketMessage

OPEN_STATES = ("new", "assigned", "waiting")


@dataclass(frozen=True)
class Guess:
    """The bot's candidate answer: an instruction slug and its score. Nothing personal."""

    slug: str
    score: float


@dataclass(frozen=True)
class TicketView:
    id: int
    worker_id: int
    worker_name: str
    worker_unit: str | None  # the name of the worker's service unit
    question: str
    guesses: list[Guess]
    source: str
    state: str
    assignee_id: int | None
    assignee_name: str | None
    rating: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    messages: list[tuple[str, bool, str, dt.datetime]]  # (author name, from desk, body, at)

    def line_en(self) -> str:
        """One line for the CLI."""
        assignee = f" -> {self.assignee_name}" if self.assignee_name else ""
        return f"#{self.id} [{self.state}] worker {self.worker_id}{assignee}: {self.question[:80]}"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "worker_id": self.worker_id, "worker_unit": self.worker_unit, "question": self.question,
            "guesses": [{"slug": g.slug, "score": g.score} for g in self.guesses], "source": self.source,
            "state": self.state, "assignee_id": self.assignee_id, "rating": self.rating,
            "created_at": self.created_at.isoformat(), "updated_at": self.updated_at.isoformat(),
            "messages": [{"author": a, "from_desk": d, "body": b, "at": t.isoformat()} for a, d, b, t in self.messages],
        }  # fmt: skip


def is_staff(actor: Actor) -> bool:
    return actor.is_system or actor.has(Role.DESK, Role.ADMIN)


def view_of(session: Session, ticket: Ticket) -> TicketView:
    """The ticket with names and its message thread."""
    names = {}
    ids = {ticket.worker_id, ticket.assignee_id}
    messages = session.exec(
        select(TicketMessage).where(TicketMessage.ticket_id == ticket.id).order_by(col(TicketMessage.id))
    ).all()
    ids |= {m.author_id for m in messages}
    for worker in session.exec(select(Worker).where(col(Worker.id).in_([i for i in ids if i is not None]))):
        names[worker.id] = worker.name
    unit = session.exec(
        select(ServiceUnit.name).join(Worker, col(Worker.service_unit_id) == col(ServiceUnit.id)).where(Worker.id == ticket.worker_id)
    ).first()
    return TicketView(
        id=int(ticket.id), worker_id=ticket.worker_id, worker_name=names.get(ticket.worker_id, "?"), worker_unit=unit,  # type: ignore[arg-type]
        question=ticket.question, guesses=[Guess(g["slug"], g["score"]) for g in json.loads(ticket.guesses_json)],
        source=ticket.source, state=ticket.state, assignee_id=ticket.assignee_id,
        assignee_name=names.get(ticket.assignee_id) if ticket.assignee_id else None, rating=ticket.rating,
        created_at=ticket.created_at, updated_at=ticket.updated_at,
        messages=[(names.get(m.author_id, "?"), m.from_desk, m.body, m.created_at) for m in messages],
    )  # fmt: skip


def visible_ticket(session: Session, actor: Actor, ticket_id: object, *, own_only: bool = False, for_update: bool = False) -> Ticket:
    """The ticket if ``actor`` may see it (desk staff all, a worker their own; ``own_only``: the worker's only).

    Every ticket id from chat, a page or the CLI is loaded here: one that names no row, one no id
    column can hold and someone else's all raise the same "not found".
    """
    ticket = session.get(Ticket, ticket_id, with_for_update=for_update or None) if is_id(ticket_id) else None
    if ticket is None or not (ticket.worker_id == actor.worker_id or (is_staff(actor) and not own_only)):
        raise errors.ticket_not_found(ticket_id)
    return ticket


def get_ticket(engine: Engine, actor: Actor, ticket_id: int) -> TicketView:
    with read_only(engine) as session:
        return view_of(session, visible_ticket(session, actor, ticket_id))


def list_tickets(engine: Engine, actor: Actor, *, states: Sequence[str] | None = None, limit: int = 200) -> list[TicketView]:
    """Desk staff see every ticket, a worker their own; newest activity first."""
    with read_only(engine) as session:
        query = select(Ticket)
        if not is_staff(actor):
            query = query.where(Ticket.worker_id == actor.worker_id)
        if states:
            query = query.where(col(Ticket.state).in_(list(states)))
        rows = session.exec(query.order_by(col(Ticket.updated_at).desc(), col(Ticket.id).desc()).limit(limit)).all()
        return [view_of(session, t) for t in rows]
