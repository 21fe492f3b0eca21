"""The queue with time passed in: joining the next session, positions, reminders, turns, notes, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from archiving.db import read_only
from bot.desk import queue, queue_calls, sessions
from bot.desk.errors import DeskError
from bot.desk.models import DeskQueueEntry, InstructionNeed
from bot.models import OutboxMessage
from bot.outbox import due_messages

from .support import MEETING, count

UTC = dt.UTC


def outbox(engine) -> list[OutboxMessage]:
    with read_only(engine) as session:
        rows = list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))
        session.expunge_all()  # keep the loaded values after read_only's rollback
        return rows


@pytest.fixture
def scheduled(engine, people, config, clock):
    sessions.generate(engine, config, now=clock(), weeks=1)
    return people


def test_join_next_session_positions_and_reminder_time(engine, scheduled, config, clock) -> None:
    p = scheduled
    kalle = queue.join_queue(engine, p.actor(p.kalle), "  metatietojen   korjaus ", now=clock(), config=config)
    assert kalle.start == dt.datetime(2026, 3, 16, 7, tzinfo=UTC)  # Monday 09:00 Helsinki
    assert (kalle.position, kalle.topic, kalle.meeting_url) == (1, "metatietojen korjaus", MEETING)
    clock.advance(minutes=5)
    liisa = queue.join_queue(engine, p.actor(p.liisa), "lukitseminen", now=clock(), config=config)
    assert liisa.position == 2 and liisa.session_id == kalle.session_id

    reminders = outbox(engine)
    assert [m.worker_id for m in reminders] == [p.kalle, p.liisa]
    assert all(m.not_before == dt.datetime(2026, 3, 16, 6, 50, tzinfo=UTC) for m in reminders)
    assert "10 minuutin kuluttua" in reminders[0].text and MEETING in reminders[0].text
    assert "metatietojen korjaus" in reminders[0].text

    with read_only(engine) as session:
        assert due_messages(session, dt.datetime(2026, 3, 16, 6, 49, tzinfo=UTC)) == []
        assert len(due_messages(session, dt.datetime(2026, 3, 16, 6, 50, tzinfo=UTC))) == 2


def test_a_running_session_is_the_next_one_and_no_reminder_is_due(engine, scheduled, config, clock) -> None:
    clock.now = dt.datetime(2026, 3, 16, 7, 10, tzinfo=UTC)  # 09:10, the morning session is running
    status = queue.join_queue(engine, scheduled.actor(scheduled.kalle), "EXDATE?", now=clock(), config=config)
    assert status.start == dt.datetime(2026, 3, 16, 7, tzinfo=UTC)
    assert outbox(engine) == []
    clock.now = dt.datetime(2026, 3, 16, 7, 31, tzinfo=UTC)  # after the morning session: the afternoon one
    status = queue.join_queue(engine, scheduled.actor(scheduled.liisa), "toinen", now=clock(), config=config)
    assert status.start == dt.datetime(2026, 3, 16, 11, tzinfo=UTC)


def test_double_join_is_refused_and_changes_nothing(engine, scheduled, config, clock) -> None:
    actor = scheduled.actor(scheduled.kalle)
    queue.join_queue(engine, actor, "ensimmäinen", now=clock(), config=config)
    before = (count(engine, DeskQueueEntry), count(engine, OutboxMessage))
    with pytest.raises(DeskError) as err:
        queue.join_queue(engine, actor, "toinen", now=clock(), config=config)
    assert err.value.code == "already_queued"
    assert "Olet jo jonossa" in err.value.message_fi and "sijasi: 1" in err.value.message_fi
    assert "2026-03-16 09:00-09:30 Europe/Helsinki" in err.value.message_en
    assert (count(engine, DeskQueueEntry), count(engine, OutboxMessage)) == before


def test_topic_is_required_short_and_masked(engine, scheduled, config, clock) -> None:
    actor = scheduled.actor(scheduled.kalle)
    with pytest.raises(DeskError) as err:
        queue.join_queue(engine, actor, "   ", now=clock(), config=config)
    assert err.value.code == "topic_missing"
    with pytest.raises(DeskError) as err:
        queue.join_queue(engine, actor, "x" * 201, now=clock(), config=config)
    assert err.value.code == "too_long"
    assert count(engine, DeskQueueEntry) == 0
    status = queue.join_queue(engine, actor, "asiakkaan 131052-308T asiakirja ei arkistoidu", now=clock(), config=config)
    assert "131052-308T" not in status.topic and "[henkilötunnus]" in status.topic
    assert not any("131052-308T" in m.text for m in outbox(engine))


def test_no_session_scheduled_is_a_clear_error(engine, people, config, clock) -> None:
    with pytest.raises(DeskError) as err:
        queue.join_queue(engine, people.actor(people.kalle), "apua", now=clock(), config=config)
    assert err.value.code == "no_session" and "ei ole vielä aikataulutettu" in err.value.message_fi


def test_leaving_withdraws_the_reminder_and_moves_others_up(engine, scheduled, config, clock) -> None:
    p = scheduled
    queue.join_queue(engine, p.actor(p.kalle), "a", now=clock(), config=config)
    clock.advance(seconds=1)
    queue.join_queue(engine, p.actor(p.liisa), "b", now=clock(), config=config)
    queue.leave_queue(engine, p.actor(p.kalle), now=clock())
    assert queue.my_status(engine, p.actor(p.liisa)).position == 1
    assert queue.my_status(engine, p.actor(p.kalle)) is None
    assert [m.worker_id for m in outbox(engine)] == [p.liisa]
    with pytest.raises(DeskError) as err:
        queue.leave_queue(engine, p.actor(p.kalle), now=clock())
    assert err.value.code == "not_queued"
    # after leaving, joining again is allowed
    assert queue.join_queue(engine, p.actor(p.kalle), "c", now=clock(), config=config).position == 2


def test_desk_staff_call_in_order_and_the_worker_is_told(engine, scheduled, config, clock) -> None:
    p = scheduled
    for worker, topic in ((p.kalle, "eka"), (p.liisa, "toka"), (p.yrjo, "kolmas")):
        queue.join_queue(engine, p.actor(worker), topic, now=clock(), config=config)
        clock.advance(seconds=30)
    session_id = queue.my_status(engine, p.actor(p.kalle)).session_id
    clock.now = dt.datetime(2026, 3, 16, 7, 1, tzinfo=UTC)
    staff = p.actor(p.aino)

    called = queue_calls.call_next(engine, staff, session_id, now=clock(), config=config)
    assert (called.worker_id, called.state) == (p.kalle, "called")
    turn = [m for m in outbox(engine) if m.text.startswith("Nyt on vuorosi")]
    assert [m.worker_id for m in turn] == [p.kalle] and MEETING in turn[0].text
    assert queue.my_status(engine, p.actor(p.liisa)).position == 1

    queue_calls.finish_entry(engine, staff, called.entry_id, now=clock(), note="Ohje sosiaalipalvelun valinnasta puuttuu", needs_instruction=True)
    assert queue_calls.call_next(engine, staff, session_id, now=clock(), config=config).worker_id == p.liisa
    with read_only(engine) as session:
        rows = queue_calls.session_queue(session, session_id)
    assert [(r.worker_id, r.state, r.position) for r in rows] == [(p.kalle, "done", 0), (p.liisa, "called", 0), (p.yrjo, "waiting", 1)]
    assert rows[0].notes == "Ohje sosiaalipalvelun valinnasta puuttuu"
    with read_only(engine) as session:
        need = session.exec(select(InstructionNeed)).one()
        session.expunge_all()
    assert need.source == "desk_note" and "eka" in need.summary and "sosiaalipalvelun valinnasta" in need.summary

    with pytest.raises(DeskError) as err:
        queue_calls.finish_entry(engine, staff, called.entry_id, now=clock())
    assert err.value.code == "entry_state"


def test_workers_cannot_run_the_queue(engine, scheduled, config, clock) -> None:
    p = scheduled
    status = queue.join_queue(engine, p.actor(p.kalle), "a", now=clock(), config=config)
    with pytest.raises(DeskError) as err:
        queue_calls.call_next(engine, p.actor(p.liisa), status.session_id, now=clock(), config=config)
    assert err.value.code == "not_desk_staff"
    with pytest.raises(DeskError):
        queue_calls.add_note(engine, p.actor(p.kalle), status.entry_id, "oma muistiinpano", now=clock())
    assert queue.my_status(engine, p.actor(p.kalle)).state == "waiting"


def test_empty_queue_is_a_clear_error(engine, scheduled, config, clock) -> None:
    first = sessions.upcoming(engine, clock())[0]
    clock.now = first.start
    with pytest.raises(DeskError) as err:
        queue_calls.call_next(engine, scheduled.actor(scheduled.aino), first.id, now=clock(), config=config)
    assert err.value.code == "queue_empty"
