"""Follow-up of a service unit after joining: documents per week, the archived share, unfinished work by worker.

Counts only, so no audit row here (the documents behind a figure are in
``followup_documents``, which logs every read). A contact person follows their
own unit, an archivist or admin (or the system) any unit; a unit the actor may
not follow answers exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from archiving.actors import Actor
from archiving.enums import DocumentStatus as S, Role
from archiving.errors import UnitNotFound
from archiving.models import MAX_ID, Document, ServiceUnit, Worker

SERIES = ("completed", "locked", "archived", "failed")
UNFINISHED = (S.COMPLETED, S.LOCKED, S.FAILED)  # what a contact person helps workers finish: lock, archive, fix
_SEE_ALL = (Role.ARCHIVIST, Role.ADMIN)


@dataclass
class Week:
    """One local week: the week's counts, and the unit's completed and archived documents by the week's end."""

    monday: dt.date
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SERIES, 0))
    completed_total: int = 0
    archived_total: int = 0

    @property
    def share(self) -> float | None:
        """The archived share of the documents completed so far (what a contact person wants to see rise)."""
        return self.archived_total / self.completed_total if self.completed_total else None


@dataclass(frozen=True)
class WorkerFigures:
    worker_id: int
    name: str
    counts: dict[str, int]  # unfinished documents by state (completed, locked, failed)


def may_follow(actor: Actor, unit_id: int) -> bool:
    if actor.is_system or actor.has(*_SEE_ALL):
        return True
    return actor.has(Role.CONTACT_PERSON) and actor.service_unit_id == unit_id


def require_unit(session: Session, actor: Actor, unit_id: int) -> ServiceUnit:
    """The unit if ``actor`` may follow it; otherwise the same error as for a missing one."""
    unit = session.get(ServiceUnit, unit_id) if 1 <= unit_id <= MAX_ID and may_follow(actor, unit_id) else None
    if unit is None:
        raise UnitNotFound(unit_id)
    return unit


def visible_units(session: Session, actor: Actor) -> list[ServiceUnit]:
    """The units ``actor`` may follow: every active one for an archivist, the own unit for a contact person."""
    if actor.is_system or actor.has(*_SEE_ALL):
        return list(session.exec(select(ServiceUnit).where(ServiceUnit.active == True).order_by(col(ServiceUnit.name))))  # noqa: E712
    if not actor.has(Role.CONTACT_PERSON) or actor.service_unit_id is None:
        return []
    unit = session.get(ServiceUnit, actor.service_unit_id)
    return [unit] if unit is not None else []


def week_bounds(monday: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """A local week as an instant range [Monday 00:00, next Monday 00:00)."""
    start = dt.datetime.combine(monday, dt.time(), tzinfo=zone)
    return start, dt.datetime.combine(monday + dt.timedelta(weeks=1), dt.time(), tzinfo=zone)


def weekly_figures(session: Session, actor: Actor, unit_id: int, first_monday: dt.date, weeks: int, zone: ZoneInfo) -> list[Week]:
    """Per local week from ``first_monday``: completed, locked, archived and failed (by the failure's week), and the share."""
    require_unit(session, actor, unit_id)
    rows = [Week(first_monday + dt.timedelta(weeks=i)) for i in range(weeks)]
    start, end = week_bounds(first_monday, zone)[0], week_bounds(rows[-1].monday, zone)[1]

    def bucket(moment: dt.datetime | None) -> Week | None:
        if moment is None or not (start <= moment < end):
            return None
        return rows[(moment.astimezone(zone).date() - first_monday).days // 7]

    mine = Document.service_unit_id == unit_id
    query = select(Document.completed_at, Document.locked_at, Document.archived_at, Document.status, Document.updated_at).where(
        mine, or_(col(Document.completed_at) >= start, col(Document.locked_at) >= start, col(Document.archived_at) >= start,
                  col(Document.updated_at) >= start),
    )  # fmt: skip
    for completed, locked, archived, status, updated in session.exec(query):
        for key, moment in (("completed", completed), ("locked", locked), ("archived", archived)):
            week = bucket(moment)
            if week is not None:
                week.counts[key] += 1
        if status == S.FAILED and (week := bucket(updated)) is not None:
            week.counts["failed"] += 1
    completed_before, archived_before = session.exec(
        select(func.count(Document.completed_at).filter(col(Document.completed_at) < start),
               func.count(Document.archived_at).filter(col(Document.archived_at) < start)).where(mine)
    ).one()  # fmt: skip
    completed_total, archived_total = int(completed_before or 0), int(archived_before or 0)
    for week in rows:
        completed_total += week.counts["completed"]
        archived_total += week.counts["archived"]
        week.completed_total, week.archived_total = completed_total, archived_total
    return rows


def status_counts(session: Session, actor: Actor, unit_id: int) -> dict[str, int]:
    """The unit's documents by their state now."""
    require_unit(session, actor, unit_id)
    rows = session.exec(select(Document.status, func.count()).where(Document.service_unit_id == unit_id).group_by(col(Document.status)))
    return {status: int(count) for status, count in rows}


def unfinished_by_worker(session: Session, actor: Actor, unit_id: int) -> list[WorkerFigures]:
    """Who has unlocked, unarchived or failed documents in the unit, the most first: whom to help."""
    require_unit(session, actor, unit_id)
    rows = session.exec(
        select(Worker.id, Worker.name, Document.status, func.count())
        .join(Worker, col(Worker.id) == col(Document.author_id))
        .where(Document.service_unit_id == unit_id, col(Document.status).in_(UNFINISHED))
        .group_by(col(Worker.id), col(Worker.name), col(Document.status))
    ).all()
    people: dict[int, WorkerFigures] = {}
    for worker_id, name, status, count in rows:
        figures = people.setdefault(int(worker_id), WorkerFigures(int(worker_id), name, dict.fromkeys(map(str, UNFINISHED), 0)))
        figures.counts[str(status)] = int(count)
    return sorted(people.values(), key=lambda w: (-sum(w.counts.values()), w.name))
