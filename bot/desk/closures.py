"""Closure days: days without desk sessions besides public holidays (training days, summer breaks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving.db import read_only, transaction
from bot.desk import errors
from bot.desk.config import DeskConfig
from bot.desk.models import DeskClosure, DeskSession
from bot.desk.queue_calls import cancel_session_entries
from bot.desk.roster import assignment_counts, fill_hosts
from bot.desk.schedule import closed_reason, local_today

REASON_LIMIT = 200


@dataclass(frozen=True)
class ClosureResult:
    day: dt.date
    sessions_changed: int  # cancelled (add) or restored (remove)
    workers_told: int = 0


def list_closures(engine: Engine, *, since: dt.date | None = None) -> list[DeskClosure]:
    with read_only(engine) as session:
        query = select(DeskClosure).order_by(col(DeskClosure.day))
        if since is not None:
            query = query.where(DeskClosure.day >= since)
        rows = list(session.exec(query))
        session.expunge_all()  # detached but loaded: read_only's rollback would expire them
        return rows


def add_closure(engine: Engine, config: DeskConfig, day: dt.date, reason: str, *, now: dt.datetime) -> ClosureResult:
    """Close the desk on ``day``: its sessions are cancelled and their queues told, in one transaction."""
    if day < local_today(now, config.calendar):
        raise errors.past_date(day)
    reason = " ".join((reason or "").split())[:REASON_LIMIT]
    with transaction(engine) as session:
        if session.get(DeskClosure, day) is not None:
            raise errors.closure_exists(day)
        session.add(DeskClosure(day=day, reason=reason, created_at=now))
        affected = session.exec(
            select(DeskSession).where(
                DeskSession.local_date == day, DeskSession.status == "scheduled", col(DeskSession.start_at) > now
            )
        ).all()
        told = 0
        for desk_session in affected:
            desk_session.status = "cancelled"
            desk_session.cancel_reason = "closed"
            desk_session.updated_at = now
            session.add(desk_session)
            told += cancel_session_entries(session, desk_session, now, config)
        return ClosureResult(day, len(affected), told)


def remove_closure(engine: Engine, config: DeskConfig, day: dt.date, *, now: dt.datetime) -> ClosureResult:
    """Open the day again; sessions cancelled for the closure come back with hosts."""
    if day < local_today(now, config.calendar):
        raise errors.past_date(day)
    with transaction(engine) as session:
        closure = session.get(DeskClosure, day)
        if closure is None:
            raise errors.closure_not_found(day)
        session.delete(closure)
        session.flush()
        remaining = {c for c in session.exec(select(DeskClosure.day)).all()}
        if closed_reason(day, config.calendar.with_closures(remaining)) is not None:
            return ClosureResult(day, 0)  # still closed: a holiday or a configured closure day
        restored = session.exec(
            select(DeskSession).where(
                DeskSession.local_date == day, DeskSession.status == "cancelled", DeskSession.cancel_reason == "closed",
                col(DeskSession.start_at) > now,
            )
        ).all()  # fmt: skip
        counts = assignment_counts(session)
        for desk_session in restored:
            desk_session.status = "scheduled"
            desk_session.cancel_reason = None
            desk_session.updated_at = now
            session.add(desk_session)
            session.flush()
            fill_hosts(session, desk_session, config.hosts_per_session, now, counts)
        return ClosureResult(day, len(restored))
