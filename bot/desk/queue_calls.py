"""The queue of a desk session, desk staff's side: call the next worker, mark them done, keep notes.

The "your turn" message is an outbox row written in the same transaction as
the call. A cancelled session releases its queue and tells everyone waiting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.actors import Actor
from archiving.db import transaction
from archiving.models import Worker
from bot.desk import errors, texts as T
from bot.desk.config import DeskConfig
from bot.desk.formatting import moment_fi, when_en, when_fi
from bot.desk.models import DeskQueueEntry, DeskSession
from bot.desk.queue import ACTIVE, NOTE_LIMIT, clean_text, drop_unsent, finish_state, reminder_key, require_staff
from bot.outbox import enqueue_message


@dataclass(frozen=True)
class QueueRow:
    """A queue entry as desk staff see it."""

    entry_id: int
    worker_id: int
    worker_name: str
    topic: str
    state: str
    position: int
    joined_at: dt.datetime
    notes: str | None


def session_queue(session: Session, session_id: int) -> list[QueueRow]:
    """Every entry of a session in joining order (waiting ones numbered 1, 2, ...)."""
    rows = session.exec(
        select(DeskQueueEntry, Worker.name)
        .join(Worker, col(Worker.id) == col(DeskQueueEntry.worker_id))
        .where(DeskQueueEntry.session_id == session_id)
        .order_by(col(DeskQueueEntry.joined_at), col(DeskQueueEntry.id))
    ).all()
    out, waiting = [], 0
    for entry, name in rows:
        waiting += entry.state == "waiting"
        position = waiting if entry.state == "waiting" else 0
        out.append(QueueRow(int(entry.id), entry.worker_id, name, entry.topic, entry.state, position, entry.joined_at, entry.notes))
    return out


def call_window(start: dt.datetime, end: dt.datetime, config: DeskConfig) -> tuple[dt.datetime, dt.datetime]:
    """When desk staff may call a session's queue: from the margin before its start to the margin after its end."""
    return start - config.call_margin, end + config.call_margin


def call_next(engine: Engine, actor: Actor, session_id: int, *, now: dt.datetime, config: DeskConfig) -> QueueRow:
    """Call the first waiting worker and tell them it is their turn; only during the session (give or take the margin)."""
    require_staff(actor)
    zone = config.calendar.zone
    with transaction(engine) as session:
        desk_session = session.get(DeskSession, session_id)
        if desk_session is None or desk_session.status != "scheduled":
            raise errors.session_not_found(session_id)
        start, end = desk_session.start_at, desk_session.end_at
        opens, closes = call_window(start, end, config)
        if now < opens:
            local_opens = f"{opens.astimezone(zone):%Y-%m-%d %H:%M}"
            raise errors.call_too_early(when_fi(start, end, zone), moment_fi(opens, zone), when_en(start, end, zone), local_opens)
        if now > closes:
            raise errors.call_too_late(when_fi(start, end, zone), when_en(start, end, zone))
        entry = session.exec(
            select(DeskQueueEntry)
            .where(DeskQueueEntry.session_id == session_id, DeskQueueEntry.state == "waiting")
            .order_by(col(DeskQueueEntry.joined_at), col(DeskQueueEntry.id))
            .limit(1)
        ).first()
        if entry is None:
            raise errors.queue_empty()
        entry.state = "called"
        entry.called_at = now
        entry.handled_by_id = actor.worker_id
        session.add(entry)
        drop_unsent(session, reminder_key(int(entry.id)))  # type: ignore[arg-type]
        enqueue_message(
            session, worker_id=entry.worker_id, now=now, dedupe_key=f"desk:turn:{entry.id}",
            text=T.YOUR_TURN.format(topic=entry.topic, link=desk_session.meeting_url),
        )  # fmt: skip
        return next(row for row in session_queue(session, session_id) if row.entry_id == entry.id)


def finish_entry(
    engine: Engine, actor: Actor, entry_id: int, *, now: dt.datetime, outcome: str = "done", note: str | None = None,
    needs_instruction: bool = False,
) -> None:  # fmt: skip
    """Mark a waiting or called entry done (or missed), with an optional note."""
    require_staff(actor)
    if outcome not in ("done", "missed"):
        raise ValueError(f"bad outcome {outcome!r}")
    with transaction(engine) as session:
        entry = session.get(DeskQueueEntry, entry_id)
        if entry is None:
            raise errors.entry_not_found(entry_id)
        if entry.state not in ACTIVE:
            raise errors.entry_state(entry_id, entry.state)
        if note and note.strip():
            _add_note(session, actor, entry, note, now, needs_instruction)
        finish_state(entry, outcome, now, actor.worker_id)
        session.add(entry)
        drop_unsent(session, reminder_key(entry_id))


def add_note(
    engine: Engine, actor: Actor, entry_id: int, note: str, *, now: dt.datetime, needs_instruction: bool = False
) -> None:
    """Add a desk note to an entry; ``needs_instruction`` also files it for the communications team."""
    require_staff(actor)
    with transaction(engine) as session:
        entry = session.get(DeskQueueEntry, entry_id)
        if entry is None:
            raise errors.entry_not_found(entry_id)
        _add_note(session, actor, entry, note, now, needs_instruction)


def _add_note(
    session: Session, actor: Actor, entry: DeskQueueEntry, note: str, now: dt.datetime, needs_instruction: bool
) -> None:
    from bot.desk.needs import add_from_note

    cleaned = clean_text(note, NOTE_LIMIT, topic=False)
    entry.notes = f"{entry.notes}\n{cleaned}" if entry.notes else cleaned
    session.add(entry)
    if needs_instruction:
        add_from_note(session, entry, cleaned, actor, now)


def cancel_session_entries(session: Session, desk_session: DeskSession, now: dt.datetime, config: DeskConfig) -> int:
    """A session was cancelled: release its queue and tell everyone who was waiting."""
    entries = session.exec(
        select(DeskQueueEntry).where(
            DeskQueueEntry.session_id == desk_session.id, col(DeskQueueEntry.state).in_(ACTIVE)
        )
    ).all()
    when = when_fi(desk_session.start_at, desk_session.end_at, config.calendar.zone)
    for entry in entries:
        finish_state(entry, "cancelled", now, None)
        session.add(entry)
        drop_unsent(session, reminder_key(int(entry.id)))  # type: ignore[arg-type]
        enqueue_message(
            session, worker_id=entry.worker_id, now=now, dedupe_key=f"desk:cancelled:{entry.id}",
            text=T.SESSION_CANCELLED.format(when=when),
        )  # fmt: skip
    return len(entries)
