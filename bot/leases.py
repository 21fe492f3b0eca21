"""Leases for daily jobs that every instance runs the loop of, but only one may run at a time.

A row per job in ``background_lease`` says who holds it until when, and the
local day of the last complete run. Claiming is a short transaction that locks
the row (``FOR UPDATE`` on PostgreSQL; SQLite's write lock does the same), so of
several instances sharing one database exactly one wins; a holder that dies
simply lets its lease run out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from archiving.db import read_only, transaction
from bot.models import BackgroundLease


@dataclass(frozen=True)
class LeaseState:
    """What the row says now."""

    holder: str | None
    lease_until: dt.datetime | None
    last_done_on: dt.date | None
    last_error: str | None

    def held(self, now: dt.datetime) -> bool:
        """Someone runs the job (or a failed run waits for its retry time)."""
        return self.lease_until is not None and self.lease_until > now


def lease_state(engine: Engine, name: str) -> LeaseState | None:
    """The job's row, or None when it has never been claimed."""
    with read_only(engine) as session:
        row = session.get(BackgroundLease, name)
        return None if row is None else LeaseState(row.holder, row.lease_until, row.last_done_on, row.last_error)


def claim(engine: Engine, name: str, holder: str, *, day: dt.date, now: dt.datetime, lease: dt.timedelta) -> bool:
    """Take the job for ``day`` unless it is done for that day or someone else holds it; True when taken."""
    try:
        with transaction(engine) as session:
            row = session.get(BackgroundLease, name, with_for_update=True)
            if row is None:
                row = BackgroundLease(name=name)
            elif (row.last_done_on is not None and row.last_done_on >= day) or (row.lease_until is not None and row.lease_until > now):
                return False
            row.holder = holder
            row.lease_until = now + lease
            session.add(row)
    except IntegrityError:
        return False  # another instance created the row at the same moment: it runs the job
    return True


def finish(engine: Engine, name: str, *, day: dt.date, now: dt.datetime) -> None:
    """Record a complete run for ``day`` and free the lease."""
    with transaction(engine) as session:
        row = session.get(BackgroundLease, name, with_for_update=True)
        if row is None:
            row = BackgroundLease(name=name)
        row.holder, row.lease_until, row.last_error = None, None, None
        row.last_done_on, row.last_done_at = day, now
        session.add(row)


def postpone(engine: Engine, name: str, *, until: dt.datetime, error: str) -> None:
    """A failed run: nobody takes the job again before ``until``; the day stays undone."""
    with transaction(engine) as session:
        row = session.get(BackgroundLease, name, with_for_update=True)
        if row is None:
            row = BackgroundLease(name=name)
        row.holder, row.lease_until, row.last_error = None, until, error[:500]
        session.add(row)
