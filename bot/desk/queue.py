"""The queue of a desk session: workers join with a topic, desk staff call them in turn.

A worker joins the NEXT session (the first scheduled one that has not ended).
The reminder before the session and the "your turn" message are outbox rows
written in the same transaction as the queue change; a worker who leaves takes
their unsent reminder with them. Time comes in as ``now``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.actors import Actor
from archiving.db import read_only, transaction
from archiving.enums import Role
from archiving.hetu import redact
from archiving.models import Worker
from bot.desk import errors, texts as T
from bot.desk.config import DeskConfig
from bot.desk.formatting import when_en, when_fi
from bot.desk.models import DeskQueueEntry, DeskSession
from bot.models import OutboxMessage
from bot.outbox import enqueue_message

TOPIC_LIMIT = 200
NOTE_LIMIT = 2000
ACTIVE = ("waiting", "called")


@dataclass(frozen=True)
class QueueStatus:
    """A worker's place in a session's queue."""

    entry_id: int
    session_id: int
    worker_id: int
    topic: str
    state: str
    position: int  # 1 = next to be called; 0 once called or finished
    start: dt.datetime
    end: dt.datetime
    meeting_url: str


def require_staff(actor: Actor) -> None:
    """Only desk staff (or an admin, or the system) run the queue."""
    if not (actor.is_system or actor.has(Role.DESK, Role.ADMIN)):
        raise errors.not_desk_staff()


def clean_text(text: str | None, limit: int, *, topic: bool) -> str:
    """Trimmed, henkilötunnus-free text within ``limit``; empty or too long is an error."""
    cleaned = redact(" ".join((text or "").split()))
    if not cleaned:
        raise errors.topic_missing() if topic else errors.message_missing()
    if len(cleaned) > limit:
        raise errors.text_too_long(len(cleaned), limit, topic=topic)
    return cleaned


def next_session(session: Session, now: dt.datetime) -> DeskSession | None:
    """The running or next scheduled session."""
    query = (
        select(DeskSession)
        .where(DeskSession.status == "scheduled", DeskSession.end_at > now)
        .order_by(col(DeskSession.start_at), col(DeskSession.id))
        .limit(1)
    )
    return session.exec(query).first()


def position_of(session: Session, entry: DeskQueueEntry) -> int:
    """1 + the number of waiting entries that joined earlier; 0 when not waiting."""
    if entry.state != "waiting":
        return 0
    ahead = session.exec(
        select(func.count())
        .select_from(DeskQueueEntry)
        .where(
            DeskQueueEntry.session_id == entry.session_id,
            DeskQueueEntry.state == "waiting",
            or_(
                col(DeskQueueEntry.joined_at) < entry.joined_at,
                (col(DeskQueueEntry.joined_at) == entry.joined_at) & (col(DeskQueueEntry.id) < entry.id),
            ),
        )
    ).one()
    return int(ahead) + 1


def _status(session: Session, entry: DeskQueueEntry) -> QueueStatus:
    desk_session = session.get(DeskSession, entry.session_id)
    assert desk_session is not None and entry.id is not None
    return QueueStatus(
        entry.id, entry.session_id, entry.worker_id, entry.topic, entry.state,
        position_of(session, entry), desk_session.start_at, desk_session.end_at, desk_session.meeting_url,
    )  # fmt: skip


def _active_entry(session: Session, worker_id: int) -> DeskQueueEntry | None:
    return session.exec(select(DeskQueueEntry).where(DeskQueueEntry.active_key == str(worker_id))).first()


def reminder_key(entry_id: int) -> str:
    return f"desk:reminder:{entry_id}"


def drop_unsent(session: Session, dedupe_key: str) -> None:
    """Withdraw an outbox message that has not gone out yet (e.g. a reminder after leaving)."""
    session.execute(
        delete(OutboxMessage).where(col(OutboxMessage.dedupe_key) == dedupe_key, col(OutboxMessage.sent_at).is_(None))
    )


def join_queue(engine: Engine, actor: Actor, topic: str | None, *, now: dt.datetime, config: DeskConfig) -> QueueStatus:
    """Put the worker in the next session's queue; a second join while queued is refused."""
    assert actor.worker_id is not None
    cleaned = clean_text(topic, TOPIC_LIMIT, topic=True)
    zone = config.calendar.zone
    with transaction(engine) as session:
        existing = _active_entry(session, actor.worker_id)
        if existing is not None:
            status = _status(session, existing)
            raise errors.already_queued(
                when_fi(status.start, status.end, zone), status.position, when_en(status.start, status.end, zone)
            )
        desk_session = next_session(session, now)
        if desk_session is None:
            raise errors.no_session()
        entry = DeskQueueEntry(
            session_id=int(desk_session.id),  # type: ignore[arg-type]
            worker_id=actor.worker_id,
            topic=cleaned,
            state="waiting",
            active_key=str(actor.worker_id),
            joined_at=now,
        )
        session.add(entry)
        session.flush()
        remind_at = desk_session.start_at - dt.timedelta(minutes=config.reminder_minutes)
        if remind_at > now:
            text = T.REMINDER.format(
                minutes=config.reminder_minutes,
                when=when_fi(desk_session.start_at, desk_session.end_at, zone),
                topic=cleaned,
                link=desk_session.meeting_url,
            )
            enqueue_message(
                session, worker_id=actor.worker_id, text=text, now=now, not_before=remind_at,
                dedupe_key=reminder_key(int(entry.id)),  # type: ignore[arg-type]
            )  # fmt: skip
        return _status(session, entry)


def my_status(engine: Engine, actor: Actor) -> QueueStatus | None:
    """The worker's current place in a queue, if any."""
    assert actor.worker_id is not None
    with read_only(engine) as session:
        entry = _active_entry(session, actor.worker_id)
        return _status(session, entry) if entry is not None else None


def leave_queue(engine: Engine, actor: Actor, *, now: dt.datetime) -> QueueStatus:
    """Leave the queue and withdraw the unsent reminder."""
    assert actor.worker_id is not None
    with transaction(engine) as session:
        entry = _active_entry(session, actor.worker_id)
        if entry is None:
            raise errors.not_queued()
        status = _status(session, entry)
        _finish(entry, "left", now, None)
        session.add(entry)
        drop_unsent(session, reminder_key(int(entry.id)))  # type: ignore[arg-type]
        return status


def _finish(entry: DeskQueueEntry, state: str, now: dt.datetime, actor_id: int | None) -> None:
    entry.state = state
    entry.active_key = None
    entry.finished_at = now
    entry.handled_by_id = actor_id or entry.handled_by_id


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


def call_next(engine: Engine, actor: Actor, session_id: int, *, now: dt.datetime) -> QueueRow:
    """Call the first waiting worker and tell them it is their turn."""
    require_staff(actor)
    with transaction(engine) as session:
        desk_session = session.get(DeskSession, session_id)
        if desk_session is None or desk_session.status != "scheduled":
            raise errors.session_not_found(session_id)
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
        _finish(entry, outcome, now, actor.worker_id)
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
        _finish(entry, "cancelled", now, None)
        session.add(entry)
        drop_unsent(session, reminder_key(int(entry.id)))  # type: ignore[arg-type]
        enqueue_message(
            session, worker_id=entry.worker_id, now=now, dedupe_key=f"desk:cancelled:{entry.id}",
            text=T.SESSION_CANCELLED.format(when=when),
        )  # fmt: skip
    return len(entries)
