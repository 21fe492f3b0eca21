"""Hosts: fair and deterministic assignment, absences respected, unknown or absent hosts refused."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlmodel import select

from archiving.db import read_only, transaction
from archiving.models import WorkerRole
from bot.desk import roster, sessions
from bot.desk.errors import DeskError
from bot.desk.models import DeskAbsence, DeskHostAssignment

from .support import count


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: nothing here depends on the backend, and the suite stays quick (queue, tickets and
    sessions run on PostgreSQL too)."""
    return sqlite_url


def host_counts(result) -> Counter[int]:
    return Counter(wid for v in result.sessions for wid, _ in v.hosts)


def test_assignment_is_fair_and_rotates_between_slots(engine, people, config, clock) -> None:
    result = sessions.generate(engine, config, now=clock(), weeks=3)
    counts = host_counts(result)
    assert set(counts) == {people.aino, people.eero, people.helmi}
    assert max(counts.values()) - min(counts.values()) <= 1
    per_slot = Counter((wid, v.slot) for v in result.sessions for wid, _ in v.hosts)
    for host in counts:  # nobody is stuck with the mornings only
        assert per_slot[(host, "09:00-09:30")] > 0 and per_slot[(host, "13:00-13:30")] > 0
    # the tie-break is the worker id: the first session goes to the lowest id
    assert result.sessions[0].hosts[0][0] == min(people.aino, people.eero, people.helmi)


def test_two_hosts_per_session_are_two_different_people(engine, people, config, clock) -> None:
    import dataclasses

    result = sessions.generate(engine, dataclasses.replace(config, hosts_per_session=2), now=clock(), weeks=1)
    assert all(len({wid for wid, _ in v.hosts}) == 2 for v in result.sessions)


def test_absence_hands_sessions_to_others_and_future_generation_respects_it(engine, people, config, clock) -> None:
    result = sessions.generate(engine, config, now=clock(), weeks=1)
    aino_days = {v.day for v in result.sessions if people.aino in dict(v.hosts)}
    assert aino_days
    outcome = roster.add_absence(
        engine, people.aino, dt.date(2026, 3, 16), dt.date(2026, 3, 31), today=dt.date(2026, 3, 16), now=clock(),
        hosts_per_session=1,
    )  # fmt: skip
    assert outcome.reassigned and not outcome.unstaffed
    later = sessions.generate(engine, config, now=clock(), weeks=2)
    assert not any(people.aino in dict(v.hosts) for v in later.sessions if v.day <= dt.date(2026, 3, 31))


def test_everyone_away_leaves_sessions_unstaffed_not_broken(engine, people, config, clock) -> None:
    for host in (people.aino, people.eero, people.helmi):
        roster.add_absence(engine, host, dt.date(2026, 3, 16), dt.date(2026, 3, 16), today=dt.date(2026, 3, 16), now=clock(), hosts_per_session=1)
    result = sessions.generate(engine, config, now=clock(), weeks=1)
    assert result.unstaffed == 2
    assert all(not v.hosts for v in result.sessions if v.day == dt.date(2026, 3, 16))


def test_manual_hosts_unknown_or_absent_is_refused_and_nothing_changes(engine, people, config, clock) -> None:
    result = sessions.generate(engine, config, now=clock(), weeks=1)
    first = result.sessions[0]
    before = count(engine, DeskHostAssignment)

    with pytest.raises(DeskError) as err:
        roster.set_hosts(engine, first.id, [people.eero, people.kalle], clock())  # Kalle is not desk staff
    assert err.value.code == "unknown_host" and f"worker {people.kalle}" in err.value.message_en

    with pytest.raises(DeskError) as err:
        roster.set_hosts(engine, first.id, [999_999], clock())
    assert err.value.code == "unknown_host"

    assert count(engine, DeskHostAssignment) == before
    assert sessions.session_view(engine, first.id).hosts == first.hosts

    roster.add_absence(engine, people.helmi, first.day, first.day, today=first.day, now=clock(), hosts_per_session=1)
    hosts_now = sessions.session_view(engine, first.id).hosts
    with pytest.raises(DeskError) as err:
        roster.set_hosts(engine, first.id, [people.eero, people.helmi], clock())
    assert err.value.code == "absent_host" and "Helmi Neuvoja on poissa 16.3.2026" in err.value.message_fi
    assert sessions.session_view(engine, first.id).hosts == hosts_now

    assert roster.set_hosts(engine, first.id, [people.eero], clock()) == [people.eero]
    assert [wid for wid, _ in sessions.session_view(engine, first.id).hosts] == [people.eero]


def test_absence_bad_input(engine, people, clock) -> None:
    today = dt.date(2026, 3, 16)
    with pytest.raises(DeskError) as err:
        roster.add_absence(engine, people.aino, dt.date(2026, 3, 13), today, today=today, now=clock(), hosts_per_session=1)
    assert err.value.code == "past_date"
    with pytest.raises(DeskError) as err:
        roster.add_absence(engine, people.aino, dt.date(2026, 3, 20), dt.date(2026, 3, 18), today=today, now=clock(), hosts_per_session=1)
    assert err.value.code == "bad_range"
    with pytest.raises(DeskError) as err:
        roster.add_absence(engine, people.liisa, today, today, today=today, now=clock(), hosts_per_session=1)
    assert err.value.code == "unknown_host"
    assert count(engine, DeskAbsence) == 0


def test_losing_the_desk_role_removes_someone_from_the_roster(engine, people, clock) -> None:
    with transaction(engine) as session:
        session.delete(session.exec(select(WorkerRole).where(WorkerRole.worker_id == people.eero)).one())
    names = [r.name for r in roster.roster(engine, clock())]
    assert names == ["Aino Neuvoja", "Helmi Neuvoja"]
    with read_only(engine) as session:
        assert [w.id for w in roster.desk_staff(session)] == [people.aino, people.helmi]
