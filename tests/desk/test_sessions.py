"""Stored sessions: generation N weeks ahead, idempotent re-runs, closures, changed slots, bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlmodel import select

from archiving.db import read_only
from bot.desk import closures, queue, sessions
from bot.desk.errors import DeskError
from bot.desk.models import DeskClosure, DeskHostAssignment, DeskQueueEntry, DeskSeries, DeskSession
from bot.desk.schedule import DeskCalendar
from bot.models import OutboxMessage

from .support import count


def test_generation_is_idempotent(engine, people, config, clock) -> None:
    first = sessions.generate(engine, config, now=clock(), weeks=2)
    assert first.created == 20 and first.unstaffed == 0
    again = sessions.generate(engine, config, now=clock(), weeks=2)
    assert (again.created, again.cancelled, again.restored) == (0, 0, 0)
    assert [dataclasses.astuple(v) for v in again.sessions] == [dataclasses.astuple(v) for v in first.sessions]
    assert count(engine, DeskSession) == 20
    assert count(engine, DeskHostAssignment) == 20
    assert count(engine, DeskSeries) == 2


def test_generated_sessions_store_utc_across_the_dst_change(engine, people, config, clock) -> None:
    result = sessions.generate(engine, config, now=clock(), first=dt.date(2026, 3, 23), weeks=2)
    starts = {(v.day, v.slot): v.start for v in result.sessions}
    assert starts[(dt.date(2026, 3, 27), "09:00-09:30")] == dt.datetime(2026, 3, 27, 7, tzinfo=dt.UTC)
    assert starts[(dt.date(2026, 3, 30), "09:00-09:30")] == dt.datetime(2026, 3, 30, 6, tzinfo=dt.UTC)
    assert all(v.start.tzinfo is not None for v in result.sessions)
    assert sessions.list_sessions(engine, dt.date(2026, 3, 30), dt.date(2026, 3, 30))[0].start.hour == 6


def test_a_past_start_day_is_refused_and_nothing_is_written(engine, people, config, clock) -> None:
    with pytest.raises(DeskError) as err:
        sessions.generate(engine, config, now=clock(), first=dt.date(2026, 3, 13), weeks=2)
    assert err.value.code == "past_date"
    assert "2026-03-13 is in the past" in err.value.message_en
    assert "13.3.2026" in err.value.message_fi
    assert count(engine, DeskSession) == 0 and count(engine, DeskSeries) == 0


def test_sessions_already_over_today_are_not_created(engine, people, config, clock) -> None:
    clock.now = dt.datetime(2026, 3, 16, 10, 0, tzinfo=dt.UTC)  # 12:00 in Helsinki: the morning session is over
    result = sessions.generate(engine, config, now=clock(), weeks=1)
    assert [v.slot for v in result.sessions if v.day == dt.date(2026, 3, 16)] == ["13:00-13:30"]


def test_closure_cancels_sessions_tells_the_queue_and_can_be_undone(engine, people, config, clock) -> None:
    sessions.generate(engine, config, now=clock(), weeks=2)
    clock.now = dt.datetime(2026, 3, 17, 12, 0, tzinfo=dt.UTC)  # Tuesday afternoon: next session is Wednesday 09:00
    status = queue.join_queue(engine, people.actor(people.kalle), "sosiaalipalvelun valinta", now=clock(), config=config)
    wednesday = dt.date(2026, 3, 18)
    assert status.start.date() == wednesday
    result = closures.add_closure(engine, config, wednesday, "Koulutuspäivä", now=clock())
    assert (result.sessions_changed, result.workers_told) == (2, 1)
    assert wednesday not in {v.day for v in sessions.list_sessions(engine, wednesday, wednesday)}
    with read_only(engine) as session:
        entry = session.exec(select(DeskQueueEntry)).one()
        assert entry.state == "cancelled" and entry.active_key is None
        texts = [m.text for m in session.exec(select(OutboxMessage))]
    assert any("peruttu" in t for t in texts)
    assert not any(t.startswith("Muistutus") for t in texts)  # the reminder was withdrawn

    again = sessions.generate(engine, config, now=clock(), weeks=2)  # re-generation respects the stored closure
    # from Tuesday, two whole weeks end on Sunday 5 April: Monday 30 March to Thursday 2 April are new (3 April is Good Friday)
    assert again.created == 8
    assert wednesday not in {v.day for v in again.sessions} and again.sessions[-1].day == dt.date(2026, 4, 2)

    with pytest.raises(DeskError) as err:
        closures.add_closure(engine, config, wednesday, "", now=clock())
    assert err.value.code == "closure_exists"

    restored = closures.remove_closure(engine, config, wednesday, now=clock())
    assert restored.sessions_changed == 2
    back = sessions.list_sessions(engine, wednesday, wednesday)
    assert len(back) == 2 and all(v.hosts for v in back)


def test_closure_in_the_past_or_unknown_is_refused(engine, people, config, clock) -> None:
    with pytest.raises(DeskError) as err:
        closures.add_closure(engine, config, dt.date(2026, 3, 1), "", now=clock())
    assert err.value.code == "past_date"
    with pytest.raises(DeskError) as err:
        closures.remove_closure(engine, config, dt.date(2026, 4, 1), now=clock())
    assert err.value.code == "closure_not_found"
    assert count(engine, DeskClosure) == 0


def test_a_removed_slot_cancels_its_future_sessions_and_series(engine, people, config, clock) -> None:
    sessions.generate(engine, config, now=clock(), weeks=1)
    mornings_only = dataclasses.replace(
        config, calendar=DeskCalendar(slots=((dt.time(9), dt.time(9, 30)),))
    )
    result = sessions.generate(engine, mornings_only, now=clock(), weeks=1)
    assert result.cancelled == 5
    assert {v.slot for v in result.sessions} == {"09:00-09:30"}
    with read_only(engine) as session:
        statuses = {s.slot: s.status for s in session.exec(select(DeskSeries))}
    assert statuses == {"09:00-09:30": "active", "13:00-13:30": "cancelled"}


def test_weeks_out_of_range_is_refused(engine, people, config, clock) -> None:
    with pytest.raises(DeskError) as err:
        sessions.generate(engine, config, now=clock(), weeks=0)
    assert err.value.code == "bad_weeks"


def test_next_sessions_for_chat(engine, people, config, clock) -> None:
    sessions.generate(engine, config, now=clock(), weeks=1)
    nxt = sessions.upcoming(engine, clock(), limit=2)
    assert [(v.day, v.slot) for v in nxt] == [(dt.date(2026, 3, 16), "09:00-09:30"), (dt.date(2026, 3, 16), "13:00-13:30")]
    assert nxt[0].hosts
