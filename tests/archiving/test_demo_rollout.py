"""The demo district looks like a real rollout: archiving spread over the follow-up weeks, the archived share rising."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from district import NOW
from sqlmodel import select

from archiving.clock import FixedClock
from archiving.db import read_only
from archiving.demo.seed import seed_demo
from archiving.models import Document

WEEKS = 12


def test_archived_documents_are_spread_over_the_follow_up_period(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_demo(engine, archive_database_url=f"sqlite:///{tmp_path / 'kanta.db'}", clock=FixedClock(NOW), seed=11, documents=600, clients=60)
    start = NOW - dt.timedelta(weeks=WEEKS)
    with read_only(engine) as session:
        rows = session.exec(select(Document.completed_at, Document.archived_at).where(Document.archived_at.is_not(None))).all()  # type: ignore[union-attr]
    weeks = Counter(int((archived - start) / dt.timedelta(weeks=1)) for _, archived in rows)
    assert all(archived <= NOW and (completed is None or completed <= archived) for completed, archived in rows)
    in_period = sum(n for week, n in weeks.items() if 0 <= week < WEEKS)
    assert in_period >= 0.9 * len(rows)
    assert len([w for w in range(WEEKS) if weeks[w]]) >= WEEKS - 1  # archiving goes on week after week
    assert max(weeks.values()) <= 0.3 * len(rows)  # no week holds the whole backlog

    def share(end: dt.datetime) -> float:
        with read_only(engine) as session:
            done = session.exec(select(Document.completed_at, Document.archived_at).where(Document.completed_at < end)).all()  # type: ignore[operator]
        return sum(1 for _, a in done if a is not None and a < end) / len(done)

    shares = [share(start + dt.timedelta(weeks=w + 1)) for w in range(0, WEEKS, 3)]
    assert shares == sorted(shares) and shares[-1] - shares[0] > 0.3  # the archived share rises through the rollout
