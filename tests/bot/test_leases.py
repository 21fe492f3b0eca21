"""Leases of shared daily jobs: one holder at a time, on SQLite and PostgreSQL (bot/leases.py)."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy.engine import Engine

from bot import leases

NOW = dt.datetime(2026, 3, 16, 6, 0, tzinfo=dt.UTC)
TODAY, YESTERDAY = dt.date(2026, 3, 16), dt.date(2026, 3, 15)
LEASE = dt.timedelta(minutes=15)


def claim_all_at_once(engine: Engine, holders: list[str]) -> list[str]:
    """Every holder claims at the same moment (threads, like instances); returns who got it."""
    start = threading.Barrier(len(holders))
    won: list[str] = []

    def claim(holder: str) -> None:
        start.wait()
        if leases.claim(engine, "job", holder, day=TODAY, now=NOW, lease=LEASE):
            won.append(holder)

    threads = [threading.Thread(target=claim, args=(h,)) for h in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return won


def test_of_instances_claiming_at_once_exactly_one_gets_the_job(engine: Engine) -> None:
    assert len(claim_all_at_once(engine, [f"i{n}" for n in range(6)])) == 1  # the row is created by one of them
    leases.finish(engine, "job", day=YESTERDAY, now=NOW)  # as if yesterday's run had just finished: the row exists
    assert len(claim_all_at_once(engine, [f"j{n}" for n in range(6)])) == 1  # now they all lock the same row


def test_a_finished_day_is_not_run_again_and_a_dead_holders_lease_runs_out(engine: Engine) -> None:
    assert leases.claim(engine, "job", "a", day=TODAY, now=NOW, lease=LEASE)
    assert not leases.claim(engine, "job", "b", day=TODAY, now=NOW + dt.timedelta(minutes=14), lease=LEASE)
    assert leases.claim(engine, "job", "b", day=TODAY, now=NOW + dt.timedelta(minutes=16), lease=LEASE)  # "a" died
    leases.finish(engine, "job", day=TODAY, now=NOW + dt.timedelta(minutes=17))
    state = leases.lease_state(engine, "job")
    assert state is not None and state.last_done_on == TODAY and not state.held(NOW + dt.timedelta(minutes=17))
    assert not leases.claim(engine, "job", "c", day=TODAY, now=NOW + dt.timedelta(hours=5), lease=LEASE)
    assert leases.claim(engine, "job", "c", day=TODAY + dt.timedelta(days=1), now=NOW + dt.timedelta(days=1), lease=LEASE)


def test_a_postponed_job_waits_for_its_retry_time(engine: Engine) -> None:
    assert leases.claim(engine, "job", "a", day=TODAY, now=NOW, lease=LEASE)
    leases.postpone(engine, "job", until=NOW + dt.timedelta(hours=1), error="SMTP down")
    state = leases.lease_state(engine, "job")
    assert state is not None and state.holder is None and state.last_error == "SMTP down" and state.last_done_on is None
    assert not leases.claim(engine, "job", "b", day=TODAY, now=NOW + dt.timedelta(minutes=59), lease=LEASE)
    assert leases.claim(engine, "job", "b", day=TODAY, now=NOW + dt.timedelta(minutes=61), lease=LEASE)
    assert leases.lease_state(engine, "other") is None
