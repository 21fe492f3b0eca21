""""Instruction needed" items: what the communications team should write or fix next.

They come from three places: a desk note marked as needing an instruction, a
ticket (every open one, and any desk staff flag), and the knowledge base's
unanswered or unhelpful questions (grouped by the knowledge engineer's question
log). Each has a unique ``source_ref``, so importing the same gaps again only
updates counts, and an item that was handled stays handled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from archiving.actors import Actor
from archiving.db import read_only, transaction
from archiving.enums import Role
from archiving.hetu import redact
from bot.desk import errors, texts as T
from bot.desk.models import DeskQueueEntry, InstructionNeed, Ticket
from bot.desk.ticket_views import OPEN_STATES

STATES = ("open", "done", "dismissed")
SUMMARY_LIMIT = 1000


@dataclass(frozen=True)
class QuestionGap:
    """One group of questions the knowledge base could not answer well."""

    kind: str  # unanswered | unhelpful
    key: str  # stable group key from the question log (e.g. the normalised question)
    question: str  # a representative question, already without personal data
    count: int
    slug: str | None = None  # for unhelpful: the instruction that did not help


def _short(text: str) -> str:
    text = redact(" ".join(text.split()))
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


def _upsert(
    session: Session, *, source: str, ref: str, summary: str, now: dt.datetime, slug: str | None = None,
    occurrences: int = 1, created_by: int | None = None,
) -> tuple[InstructionNeed, bool]:  # fmt: skip
    need = session.exec(select(InstructionNeed).where(InstructionNeed.source_ref == ref)).first()
    if need is None:
        need = InstructionNeed(
            source=source, source_ref=ref, summary=_short(summary), slug=slug, occurrences=occurrences,
            created_by_id=created_by, created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(need)
        session.flush()
        return need, True
    if need.occurrences != occurrences or need.summary != _short(summary):
        need.occurrences = occurrences
        need.summary = _short(summary)
        need.updated_at = now
        session.add(need)
    return need, False


def add_from_note(session: Session, entry: DeskQueueEntry, note: str, actor: Actor, now: dt.datetime) -> InstructionNeed:
    """File a desk note (inside the caller's transaction)."""
    digest = hashlib.sha256(note.encode("utf-8")).hexdigest()[:16]
    summary = T.NEED_FROM_NOTE.format(topic=entry.topic, note=note)
    need, _ = _upsert(session, source="desk_note", ref=f"queue:{entry.id}:{digest}", summary=summary, now=now, created_by=actor.worker_id)
    return need


def add_from_ticket(engine: Engine, actor: Actor, ticket_id: int, *, now: dt.datetime) -> InstructionNeed:
    """Desk staff flag a ticket's question as something an instruction should answer."""
    if not (actor.is_system or actor.has(Role.DESK, Role.ADMIN)):
        raise errors.not_desk_staff()
    with transaction(engine) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise errors.ticket_not_found(ticket_id)
        summary = T.NEED_FROM_TICKET.format(id=ticket_id, question=ticket.question)
        need, _ = _upsert(session, source="ticket", ref=f"ticket:{ticket_id}", summary=summary, now=now, created_by=actor.worker_id)
        return need


def import_gaps(engine: Engine, gaps: Iterable[QuestionGap], *, now: dt.datetime) -> tuple[int, int]:
    """Turn question-log gaps into items; returns (created, seen before). One transaction."""
    with transaction(engine) as session:
        return _import_gaps(session, gaps, now)


def refresh(engine: Engine, gaps: Iterable[QuestionGap] | None, *, now: dt.datetime) -> None:
    """Bring the items up to date, so nobody has to import them: every open ticket, and the question-log ``gaps`` when given.

    One transaction; two refreshes at once (two people, two instances) may both
    insert the same item, and the loser of that race tries once more.
    """
    gaps = list(gaps) if gaps is not None else None
    for attempt in (1, 2):
        try:
            with transaction(engine) as session:
                _open_tickets(session, now)
                if gaps is not None:
                    _import_gaps(session, gaps, now)
            return
        except IntegrityError:
            if attempt == 2:
                raise


def _open_tickets(session: Session, now: dt.datetime) -> None:
    """An item for every open ticket that has none yet (desk staff may have flagged it already)."""
    tickets = session.exec(select(Ticket).where(col(Ticket.state).in_(OPEN_STATES))).all()
    refs = {f"ticket:{t.id}": t for t in tickets}
    if not refs:
        return
    have = set(session.exec(select(InstructionNeed.source_ref).where(col(InstructionNeed.source_ref).in_(list(refs)))).all())
    for ref, ticket in refs.items():
        if ref not in have:
            summary = T.NEED_FROM_TICKET.format(id=ticket.id, question=ticket.question)
            _upsert(session, source="ticket", ref=ref, summary=summary, now=now, created_by=None)


def _import_gaps(session: Session, gaps: Iterable[QuestionGap], now: dt.datetime) -> tuple[int, int]:
    created = seen = 0
    for gap in gaps:
        if gap.kind == "unhelpful":
            summary = T.NEED_UNHELPFUL.format(slug=gap.slug or "?", count=gap.count, question=gap.question)
        else:
            summary = T.NEED_UNANSWERED.format(count=gap.count, question=gap.question)
        ref = f"gap:{hashlib.sha256(gap.key.encode('utf-8')).hexdigest()[:32]}"  # not the kind: it may change
        _, new = _upsert(session, source=gap.kind, ref=ref, summary=summary, now=now, slug=gap.slug, occurrences=gap.count)
        created += new
        seen += not new
    return created, seen


def list_needs(engine: Engine, *, states: Sequence[str] = ("open",), limit: int = 500) -> list[InstructionNeed]:
    """Items in ``states``, the most frequent and newest first."""
    with read_only(engine) as session:
        query = (
            select(InstructionNeed)
            .where(col(InstructionNeed.state).in_(list(states)))
            .order_by(col(InstructionNeed.occurrences).desc(), col(InstructionNeed.updated_at).desc(), col(InstructionNeed.id))
            .limit(limit)
        )
        rows = list(session.exec(query))
        session.expunge_all()  # detached but loaded: read_only's rollback would expire them
        return rows


def set_state(engine: Engine, actor: Actor, need_id: int, state: str, *, now: dt.datetime) -> InstructionNeed:
    """The communications team marks an item done or dismissed (or reopens it)."""
    if not (actor.is_system or actor.has(Role.COMMUNICATIONS, Role.DESK, Role.ADMIN)):
        raise errors.not_allowed()
    if state not in STATES:
        raise errors.bad_need_state(state)
    with transaction(engine) as session:
        need = session.get(InstructionNeed, need_id)
        if need is None:
            raise errors.need_not_found(need_id)
        need.state = state
        need.handled_by_id = actor.worker_id
        need.updated_at = now
        session.add(need)
        return need
