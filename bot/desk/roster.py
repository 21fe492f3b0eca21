"""Who hosts which session: desk-staff workers, assigned fairly, never on a day they are away.

Fairness: the member with the fewest assignments (to sessions that are not
cancelled) goes first; ties go to the lower worker id, so the outcome is the
same on every run and every database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.db import read_only, transaction
from archiving.enums import Role
from archiving.models import Worker, WorkerRole
from bot.desk import errors
from bot.desk.models import DeskAbsence, DeskHostAssignment, DeskSession

SCHEDULED = "scheduled"


def desk_staff(session: Session) -> list[Worker]:
    """Active workers holding the desk role, by id."""
    query = (
        select(Worker)
        .join(WorkerRole, col(WorkerRole.worker_id) == col(Worker.id))
        .where(WorkerRole.role == Role.DESK, Worker.active == True)  # noqa: E712
        .order_by(col(Worker.id))
    )
    return list(session.exec(query))


def require_host(session: Session, worker_id: int) -> Worker:
    """The desk-staff worker ``worker_id``; anyone else is an unknown host."""
    for worker in desk_staff(session):
        if worker.id == worker_id:
            return worker
    raise errors.unknown_host(worker_id)


def absent_on(session: Session, worker_id: int, day: dt.date) -> bool:
    query = select(DeskAbsence.id).where(
        DeskAbsence.worker_id == worker_id, DeskAbsence.first_day <= day, DeskAbsence.last_day >= day
    )
    return session.exec(query).first() is not None


@dataclass
class HostCounts:
    """Assignments per host, in total and per series (slot), kept current while assigning."""

    total: Counter[int]
    per_series: Counter[tuple[int, int]]

    def add(self, worker_id: int, series_id: int, delta: int = 1) -> None:
        self.total[worker_id] += delta
        self.per_series[(worker_id, series_id)] += delta

    def key(self, worker_id: int, series_id: int) -> tuple[int, int, int]:
        """Fewest in total, then fewest in this slot (so hosts rotate between slots), then lowest id."""
        return (self.total[worker_id], self.per_series[(worker_id, series_id)], worker_id)


def assignment_counts(session: Session) -> HostCounts:
    """How many sessions (not cancelled) each worker hosts, in total and per series."""
    query = (
        select(DeskHostAssignment.worker_id, DeskSession.series_id, func.count())
        .join(DeskSession, col(DeskSession.id) == col(DeskHostAssignment.session_id))
        .where(DeskSession.status == SCHEDULED)
        .group_by(col(DeskHostAssignment.worker_id), col(DeskSession.series_id))
    )
    counts = HostCounts(Counter(), Counter())
    for worker_id, series_id, count in session.exec(query):
        counts.add(worker_id, series_id, count)
    return counts


def hosts_of(session: Session, session_id: int) -> list[int]:
    query = select(DeskHostAssignment.worker_id).where(DeskHostAssignment.session_id == session_id)
    return sorted(session.exec(query))


def pick_hosts(
    session: Session, day: dt.date, series_id: int, n: int, counts: HostCounts, exclude: Iterable[int] = ()
) -> list[int]:
    """Up to ``n`` present desk-staff members in fairness order (see :meth:`HostCounts.key`)."""
    if n <= 0:
        return []
    skip = set(exclude)
    candidates = [
        int(w.id)  # type: ignore[arg-type]
        for w in desk_staff(session)
        if w.id not in skip and not absent_on(session, int(w.id), day)  # type: ignore[arg-type]
    ]
    return sorted(candidates, key=lambda wid: counts.key(wid, series_id))[:n]


def fill_hosts(session: Session, desk_session: DeskSession, n: int, now: dt.datetime, counts: HostCounts) -> list[int]:
    """Top ``desk_session`` up to ``n`` hosts, dropping any who are now absent; returns all hosts."""
    assert desk_session.id is not None
    current = hosts_of(session, desk_session.id)
    for worker_id in current:
        if absent_on(session, worker_id, desk_session.local_date):
            session.execute(delete(DeskHostAssignment).where(
                col(DeskHostAssignment.session_id) == desk_session.id, col(DeskHostAssignment.worker_id) == worker_id
            ))
            counts.add(worker_id, desk_session.series_id, -1)
    current = hosts_of(session, desk_session.id)
    for worker_id in pick_hosts(session, desk_session.local_date, desk_session.series_id, n - len(current), counts, current):
        session.add(DeskHostAssignment(session_id=desk_session.id, worker_id=worker_id, assigned_at=now))
        counts.add(worker_id, desk_session.series_id)
        current.append(worker_id)
    session.flush()
    return sorted(current)


def set_hosts(engine: Engine, session_id: int, worker_ids: Sequence[int], now: dt.datetime) -> list[int]:
    """Replace a session's hosts by hand; an unknown or absent host refuses the whole change."""
    if not worker_ids:
        raise errors.unknown_host("(none)")
    with transaction(engine) as session:
        desk_session = session.get(DeskSession, session_id)
        if desk_session is None or desk_session.status != SCHEDULED:
            raise errors.session_not_found(session_id)
        for worker_id in worker_ids:
            worker = require_host(session, worker_id)
            if absent_on(session, worker_id, desk_session.local_date):
                raise errors.absent_host(worker_id, worker.name, desk_session.local_date)
        session.execute(delete(DeskHostAssignment).where(col(DeskHostAssignment.session_id) == session_id))
        for worker_id in sorted(set(worker_ids)):
            session.add(DeskHostAssignment(session_id=session_id, worker_id=worker_id, assigned_at=now))
    return sorted(set(worker_ids))


@dataclass(frozen=True)
class AbsenceResult:
    """A recorded absence and what it did to upcoming sessions."""

    absence_id: int
    reassigned: list[int]  # session ids that got another host
    unstaffed: list[int]  # session ids left without any host


def add_absence(
    engine: Engine, worker_id: int, first: dt.date, last: dt.date, *, today: dt.date, now: dt.datetime, hosts_per_session: int
) -> AbsenceResult:
    """Record days away and hand the worker's sessions on those days to others, in one transaction."""
    if first < today:
        raise errors.past_date(first)
    if last < first:
        raise errors.bad_range(first, last)
    with transaction(engine) as session:
        require_host(session, worker_id)
        absence = DeskAbsence(worker_id=worker_id, first_day=first, last_day=last, created_at=now)
        session.add(absence)
        session.flush()
        affected = session.exec(
            select(DeskSession)
            .join(DeskHostAssignment, col(DeskHostAssignment.session_id) == col(DeskSession.id))
            .where(
                DeskHostAssignment.worker_id == worker_id,
                DeskSession.status == SCHEDULED,
                DeskSession.local_date >= first,
                DeskSession.local_date <= last,
            )
            .order_by(col(DeskSession.start_at))
        ).all()
        counts = assignment_counts(session)
        reassigned, unstaffed = [], []
        for desk_session in affected:
            hosts = fill_hosts(session, desk_session, hosts_per_session, now, counts)
            (reassigned if hosts else unstaffed).append(int(desk_session.id))  # type: ignore[arg-type]
        return AbsenceResult(int(absence.id), reassigned, unstaffed)  # type: ignore[arg-type]


@dataclass(frozen=True)
class RosterRow:
    worker_id: int
    name: str
    upcoming: int
    absences: list[tuple[dt.date, dt.date]]

    def line_en(self) -> str:
        """One line for the CLI."""
        return f"#{self.worker_id} {self.name}: {self.upcoming} upcoming" + "".join(f", away {a}..{b}" for a, b in self.absences)

    def to_json(self) -> dict[str, object]:
        return {
            "worker_id": self.worker_id,
            "name": self.name,
            "upcoming_sessions": self.upcoming,
            "absences": [{"first": a.isoformat(), "last": b.isoformat()} for a, b in self.absences],
        }


def roster(engine: Engine, now: dt.datetime) -> list[RosterRow]:
    """The desk staff with their upcoming assignments and current or future absences."""
    with read_only(engine) as session:
        rows = []
        for worker in desk_staff(session):
            upcoming = session.exec(
                select(func.count())
                .select_from(DeskHostAssignment)
                .join(DeskSession, col(DeskSession.id) == col(DeskHostAssignment.session_id))
                .where(DeskHostAssignment.worker_id == worker.id, DeskSession.status == SCHEDULED, DeskSession.end_at > now)
            ).one()
            absences = session.exec(
                select(DeskAbsence.first_day, DeskAbsence.last_day)
                .where(DeskAbsence.worker_id == worker.id, DeskAbsence.last_day >= now.date())
                .order_by(col(DeskAbsence.first_day))
            ).all()
            rows.append(RosterRow(int(worker.id), worker.name, int(upcoming), [tuple(a) for a in absences]))  # type: ignore[arg-type,misc]
        return rows
