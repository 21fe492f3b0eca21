"""The queue of a desk session, the worker's side: join with a topic, see the position, leave.

A worker joins the NEXT session (the first scheduled one that has not ended).
The reminder before the session is an outbox row written in the same
transaction as the join; a worker who leaves takes their unsent reminder with
them. Desk staff's side is ``bot.desk.queue_calls``. Time comes in as ``now``.
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
        finish_state(entry, "left", now, None)
        session.add(entry)
        drop_unsent(session, reminder_key(int(entry.id)))  # type: ignore[arg-type]
        return status


def finish_state(entry: DeskQueueEntry, state: str, now: dt.datetime, actor_id: int | None) -> None:
    """Leave the active states: the worker may join again, the entry keeps its history."""
    entry.state = state
    entry.active_key = None
    entry.finished_at = now
    entry.handled_by_id = actor_id or entry.handled_by_id
