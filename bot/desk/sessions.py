"""Stored desk sessions: generating them N weeks ahead (idempotently) and reading them back.

Generation compares what the calendar plans with what is stored: missing
sessions are created and given hosts, sessions the calendar no longer wants
(a new closure day, a changed slot) are cancelled and their queue told, and
everything else is left exactly as it was. Running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.db import read_only, transaction
from archiving.models import Worker
from bot.desk import errors
from bot.desk.config import DeskConfig
from bot.desk.models import DeskClosure, DeskHostAssignment, DeskSeries, DeskSession
from bot.desk.queue_calls import cancel_session_entries
from bot.desk.roster import assignment_counts, fill_hosts
from bot.desk.schedule import DeskCalendar, PlannedSession, last_day, local_today, planned_sessions, slot_key


@dataclass(frozen=True)
class SessionView:
    """A session with its hosts' names, as the CLI, chat and web show it."""

    id: int
    day: dt.date
    slot: str
    start: dt.datetime
    end: dt.datetime
    meeting_url: str
    status: str
    hosts: tuple[tuple[int, str], ...]

    def line_en(self, zone: ZoneInfo) -> str:
        """One line for the CLI: ``#12    2026-03-16 Mon 09:00-09:30 EET  hosts: ...``."""
        start, end = self.start.astimezone(zone), self.end.astimezone(zone)
        hosts = ", ".join(name for _, name in self.hosts) or "NO HOST"
        return f"#{self.id:<5} {start:%Y-%m-%d %a %H:%M}-{end:%H:%M} {start:%Z}  hosts: {hosts}"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "date": self.day.isoformat(),
            "slot": self.slot,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "hosts": [name for _, name in self.hosts],
            "host_ids": [wid for wid, _ in self.hosts],
            "meeting_url": self.meeting_url,
            "status": self.status,
        }


@dataclass
class GenerateResult:
    sessions: list[SessionView] = field(default_factory=list)
    created: int = 0
    cancelled: int = 0
    restored: int = 0
    unstaffed: int = 0


def stored_closures(session: Session) -> set[dt.date]:
    return set(session.exec(select(DeskClosure.day)).all())


def effective_calendar(session: Session, config: DeskConfig) -> DeskCalendar:
    """The configured calendar plus the closure days stored in the database."""
    return config.calendar.with_closures(stored_closures(session))


def ensure_series(session: Session, slot: str, now: dt.datetime) -> DeskSeries:
    """The calendar series of a daily slot, created (with a fresh UID) on first use."""
    series = session.exec(select(DeskSeries).where(DeskSeries.slot == slot)).first()
    if series is None:
        uid = f"arkistodeski-{slot.replace(':', '')}-{now:%Y%m%dT%H%M%S}@arkistobotti"
        series = DeskSeries(slot=slot, uid=uid, created_at=now, updated_at=now)
        session.add(series)
        session.flush()
    elif series.status != "active":
        series.status = "active"
        series.updated_at = now
        session.add(series)
    return series


def generate(
    engine: Engine, config: DeskConfig, *, now: dt.datetime, first: dt.date | None = None, weeks: int | None = None
) -> GenerateResult:
    """Bring the sessions of ``weeks`` whole weeks from ``first`` (default: today; see ``schedule.last_day``) in line with the calendar."""
    weeks = config.weeks_ahead if weeks is None else weeks
    if weeks < 1 or weeks > 52:
        raise errors.DeskError("Viikkoja voi olla 1–52.", "weeks must be between 1 and 52", code="bad_weeks")
    today = local_today(now, config.calendar)
    first = first or today
    if first < today:
        raise errors.past_date(first)
    last = last_day(first, weeks)
    result = GenerateResult()
    with transaction(engine) as session:
        calendar = effective_calendar(session, config)
        plan = {(p.day, p.slot): p for p in planned_sessions(calendar, first, weeks) if p.end > now}
        wanted_slots = {slot_key(s, e) for s, e in calendar.slots}
        series_by_slot = {slot: ensure_series(session, slot, now) for slot in sorted(wanted_slots)}
        for series in session.exec(select(DeskSeries)).all():
            if series.slot not in wanted_slots and series.status == "active":
                series.status = "cancelled"
                series.updated_at = now
                session.add(series)
        slot_of = {s.id: s.slot for s in session.exec(select(DeskSeries)).all()}
        stored = session.exec(
            select(DeskSession).where(DeskSession.local_date >= first, DeskSession.local_date <= last)
        ).all()
        existing = {(s.local_date, slot_of[s.series_id]): s for s in stored}
        for key, desk_session in existing.items():
            if key not in plan and desk_session.status == "scheduled" and desk_session.start_at > now:
                desk_session.status = "cancelled"
                desk_session.cancel_reason = "closed" if key[1] in wanted_slots else "slot_removed"
                desk_session.updated_at = now
                session.add(desk_session)
                cancel_session_entries(session, desk_session, now, config)
                result.cancelled += 1
        session.flush()
        counts = assignment_counts(session)
        for key in sorted(plan, key=lambda k: plan[k].start):
            planned: PlannedSession = plan[key]
            desk_session = existing.get(key)
            if desk_session is None:
                desk_session = DeskSession(
                    series_id=int(series_by_slot[planned.slot].id),  # type: ignore[arg-type]
                    local_date=planned.day,
                    start_at=planned.start,
                    end_at=planned.end,
                    meeting_url=config.meeting_url,
                    created_at=now,
                    updated_at=now,
                )
                session.add(desk_session)
                session.flush()
                result.created += 1
            elif desk_session.status != "scheduled":
                desk_session.status = "scheduled"
                desk_session.cancel_reason = None
                desk_session.updated_at = now
                session.add(desk_session)
                result.restored += 1
            hosts = fill_hosts(session, desk_session, config.hosts_per_session, now, counts)
            result.unstaffed += not hosts
        result.sessions = _views(session, first, last, include_cancelled=False)
    return result


def _views(session: Session, first: dt.date, last: dt.date, *, include_cancelled: bool) -> list[SessionView]:
    query = select(DeskSession, DeskSeries.slot).join(DeskSeries, col(DeskSeries.id) == col(DeskSession.series_id))
    query = query.where(DeskSession.local_date >= first, DeskSession.local_date <= last)
    if not include_cancelled:
        query = query.where(DeskSession.status == "scheduled")
    rows = session.exec(query.order_by(col(DeskSession.start_at))).all()
    ids = [int(s.id) for s, _ in rows]  # type: ignore[arg-type]
    hosts: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    if ids:
        for session_id, worker_id, name in session.exec(
            select(DeskHostAssignment.session_id, Worker.id, Worker.name)
            .join(Worker, col(Worker.id) == col(DeskHostAssignment.worker_id))
            .where(col(DeskHostAssignment.session_id).in_(ids))
            .order_by(col(Worker.id))
        ):
            hosts[session_id].append((int(worker_id), name))  # type: ignore[arg-type]
    return [
        SessionView(int(s.id), s.local_date, slot, s.start_at, s.end_at, s.meeting_url, s.status, tuple(hosts[int(s.id)]))  # type: ignore[arg-type]
        for s, slot in rows
    ]


def list_sessions(engine: Engine, first: dt.date, last: dt.date, *, include_cancelled: bool = False) -> list[SessionView]:
    """Stored sessions with local dates from ``first`` to ``last``."""
    with read_only(engine) as session:
        return _views(session, first, last, include_cancelled=include_cancelled)


def session_view(engine: Engine, session_id: int) -> SessionView | None:
    with read_only(engine) as session:
        desk_session = session.get(DeskSession, session_id)
        if desk_session is None:
            return None
        views = _views(session, desk_session.local_date, desk_session.local_date, include_cancelled=True)
        return next((v for v in views if v.id == session_id), None)


def upcoming(engine: Engine, now: dt.datetime, limit: int = 1) -> list[SessionView]:
    """The running or next scheduled sessions, soonest first."""
    with read_only(engine) as session:
        rows = session.exec(
            select(DeskSession.local_date)
            .where(DeskSession.status == "scheduled", DeskSession.end_at > now)
            .order_by(col(DeskSession.start_at))
            .limit(limit)
        ).all()
        if not rows:
            return []
        views = _views(session, rows[0], rows[-1], include_cancelled=False)
        return [v for v in views if v.end > now][:limit]
