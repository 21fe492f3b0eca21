"""The desk's daily upkeep in the bot: sessions kept generated ahead, changed invitations e-mailed once (bot/desk/upkeep.py, bot/leases.py).

Time is a FixedClock moved by the test; invitations go to a real local SMTP
server (aiosmtpd) and are parsed back with icalendar.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from aiohttp import web
from sqlalchemy.engine import Engine

from archiving.clock import FixedClock
from archiving.db import make_engine
from bot import leases
from bot.app import create_app
from bot.desk import closures, sessions
from bot.desk.config import DeskConfig
from bot.desk.upkeep import JOB, DeskUpkeep, mail_configured
from bot.settings import Settings, load_settings

from .support import MEETING, Inbox, People, add_people

UTC = dt.UTC
LIST = "sosiaalityo-kaikki@example.invalid,sosiaaliohjaus@example.invalid"
MONDAY = dt.datetime(2026, 3, 16, 6, 0, tzinfo=UTC)  # 08:00 in Helsinki


def desk_settings(database_url: str, tmp_path: Path, *, smtp: tuple[str, int] | None, recipients: str = LIST, **more: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "kanta_sim_database_url": f"sqlite:///{tmp_path / 'kanta-sim.db'}",
        "desk_meeting_url": MEETING,
        "desk_weeks_ahead": 2,
        "desk_invite_recipients": recipients,
        "outbox_poll_s": 0.02,  # also how often the upkeep looks whether it is due
    }
    if smtp is not None:
        values["smtp_host"], values["smtp_port"] = smtp
    values.update(more)
    return load_settings({}, **values)


def scheduled(engine: Engine) -> list[dt.date]:
    return sorted({v.day for v in sessions.list_sessions(engine, dt.date(2026, 1, 1), dt.date(2027, 1, 1))})


def sequences(inbox: Inbox) -> list[tuple[str, int, dt.date]]:
    """(method, SEQUENCE, last day) of every invitation received, in order."""
    out = []
    for message in inbox.messages():
        (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        (event,) = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")
        until = event["rrule"]["UNTIL"][0] if "rrule" in event else event.decoded("dtstart")
        out.append((part.get_param("method"), int(event["sequence"]), until.astimezone(UTC).date()))
    return out


def done_on(engine: Engine) -> dt.date | None:
    state = leases.lease_state(engine, JOB)
    return state.last_done_on if state else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- in the running bot -------------------------------------------------------------------------


@pytest.fixture
async def running(sqlite_url: str, tmp_path: Path, smtp_server: tuple[str, int, Inbox]) -> AsyncIterator[tuple[Engine, FixedClock, Inbox, Any]]:
    """The real bot app with its background tasks; returns a function that restarts it."""
    host, port, inbox = smtp_server
    engine = make_engine(sqlite_url)
    add_people(engine)
    clock = FixedClock(MONDAY)
    settings = desk_settings(sqlite_url, tmp_path, smtp=(host, port))
    runners: list[web.AppRunner] = []

    async def start() -> None:
        for runner in runners:
            await runner.cleanup()
        runners.clear()
        runner = web.AppRunner(create_app(settings, clock=clock, rng=random.Random(len(runners))), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        runners.append(runner)

    await start()
    yield engine, clock, inbox, start
    for runner in runners:
        await runner.cleanup()
    engine.dispose()


async def wait_until(check: Any, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await asyncio.to_thread(check):
        assert asyncio.get_running_loop().time() < deadline, f"not within {timeout} s: {check}"
        await asyncio.sleep(0.02)


async def test_the_bot_keeps_sessions_ahead_daily_and_mails_only_what_changed(running: Any) -> None:
    engine, clock, inbox, restart = running
    # never run before: the bot does it at once, two weeks ahead, and invites the users' list
    await wait_until(lambda: done_on(engine) == dt.date(2026, 3, 16))
    days = scheduled(engine)
    assert days[0] == dt.date(2026, 3, 16) and days[-1] == dt.date(2026, 3, 27) and len(days) == 10
    await wait_until(lambda: len(inbox.envelopes) == 2)
    assert sequences(inbox) == [("REQUEST", 0, dt.date(2026, 3, 27))] * 2

    # the next night before 03:00 nothing happens; after it, the weeks ahead are whole again (the Tuesday's two
    # weeks end on Sunday 5 April: 30.3.–2.4. are generated, 3.4. is Good Friday) but nobody is e-mailed for that
    clock.now = dt.datetime(2026, 3, 17, 0, 30, tzinfo=UTC)  # 02:30 in Helsinki
    await asyncio.sleep(0.2)
    assert done_on(engine) == dt.date(2026, 3, 16)
    clock.now = dt.datetime(2026, 3, 17, 1, 5, tzinfo=UTC)  # 03:05
    await wait_until(lambda: done_on(engine) == dt.date(2026, 3, 17))
    assert scheduled(engine)[-1] == dt.date(2026, 4, 2)
    assert len(inbox.envelopes) == 2

    # a closure day is a real change: the next run e-mails it (SEQUENCE 1, EXDATE) at once
    await asyncio.to_thread(closures.add_closure, engine, DeskConfig.from_settings(load_settings({}, desk_meeting_url=MEETING)),
                            dt.date(2026, 3, 25), "Koulutuspäivä", now=clock())  # fmt: skip
    clock.now = dt.datetime(2026, 3, 18, 1, 5, tzinfo=UTC)
    # the mail goes out before the run records itself done: wait for both
    await wait_until(lambda: len(inbox.envelopes) == 4 and done_on(engine) == dt.date(2026, 3, 18))
    assert sequences(inbox)[2:] == [("REQUEST", 1, dt.date(2026, 4, 2))] * 2

    # a restart on the same day sends nothing again
    await restart()
    await asyncio.sleep(0.2)
    assert len(inbox.envelopes) == 4 and done_on(engine) == dt.date(2026, 3, 18)

    # days that only extend the series are sent once the recipients' copy would run out within a week
    for day in (19, 20, 23, 24, 25):
        clock.now = dt.datetime(2026, 3, day, 1, 5, tzinfo=UTC)
        await wait_until(lambda d=day: done_on(engine) == dt.date(2026, 3, d))
    assert len(inbox.envelopes) == 4  # the copy (to 2.4.) still covers a week
    clock.now = dt.datetime(2026, 3, 26, 1, 5, tzinfo=UTC)
    await wait_until(lambda: len(inbox.envelopes) == 6 and done_on(engine) == dt.date(2026, 3, 26))
    # sent on 26.3., when 2.4. was a week away; the whole weeks generated on 24.3. end on Sunday 12.4.
    # (Easter: 3.–6.4.), so the series now ends on Friday 10.4.
    assert [s[1:] for s in sequences(inbox)[4:]] == [(2, dt.date(2026, 4, 10))] * 2


# --- one run, several instances, e-mail settings ------------------------------------------------------


def upkeep(engine: Engine, settings: Settings, clock: FixedClock, holder: str) -> DeskUpkeep:
    return DeskUpkeep(engine, settings, clock, holder=holder)


async def test_of_two_instances_one_runs_the_day_and_each_invitation_is_sent_once(
    engine: Engine, db_url: str, people: People, tmp_path: Path, smtp_server: tuple[str, int, Inbox]
) -> None:
    host, port, inbox = smtp_server
    settings = desk_settings(db_url, tmp_path, smtp=(host, port))
    clock = FixedClock(MONDAY)
    sessions.generate(engine, DeskConfig.from_settings(settings), now=clock())  # e.g. `desk schedule` earlier: both would go on to mail
    leases.finish(engine, JOB, day=dt.date(2026, 3, 15), now=clock() - dt.timedelta(days=1))  # yesterday's run: the row exists
    first, second = upkeep(engine, settings, clock, "a"), upkeep(engine, settings, clock, "b")
    reports = await asyncio.gather(first.run_once(), second.run_once())
    ran = [r for r in reports if r is not None]
    assert len(ran) == 1 and ran[0].created == 0 and ran[0].sent == 2
    assert len(inbox.envelopes) == 2 and len(scheduled(engine)) == 10
    assert await asyncio.gather(first.run_once(), second.run_once()) == [None, None]  # done for today
    assert len(inbox.envelopes) == 2


@pytest.fixture
def lite(sqlite_url: str) -> Iterator[tuple[Engine, str]]:
    """SQLite only where the backend does not matter (the suite stays quick)."""
    engine = make_engine(sqlite_url)
    add_people(engine)
    yield engine, sqlite_url
    engine.dispose()


async def test_without_an_explicit_smtp_host_sessions_are_kept_but_nothing_is_mailed(
    lite: tuple[Engine, str], tmp_path: Path, smtp_server: tuple[str, int, Inbox]
) -> None:
    engine, db_url = lite
    _, port, inbox = smtp_server
    implicit = desk_settings(db_url, tmp_path, smtp=None, smtp_port=port)  # the default host "localhost" would reach the server
    no_list = desk_settings(db_url, tmp_path, smtp=("127.0.0.1", port), recipients="")
    assert not mail_configured(implicit) and not mail_configured(no_list)
    assert mail_configured(desk_settings(db_url, tmp_path, smtp=("127.0.0.1", port)))
    report = await upkeep(engine, implicit, FixedClock(MONDAY), "a").run_once()
    assert report is not None and report.created == 20 and not report.mailed and report.sent == 0
    report = await upkeep(engine, no_list, FixedClock(MONDAY + dt.timedelta(days=1)), "a").run_once()
    assert report is not None and not report.mailed
    assert inbox.envelopes == []


async def test_a_failed_send_is_retried_an_hour_later_and_then_sent_once(lite: tuple[Engine, str], tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller

    engine, db_url = lite
    port = free_port()  # nobody listens yet
    settings = desk_settings(db_url, tmp_path, smtp=("127.0.0.1", port))
    clock = FixedClock(MONDAY)
    job = upkeep(engine, settings, clock, "a")
    report = await job.run_once()
    assert report is not None and report.created == 20 and report.failed == 2 and report.sent == 0
    state = leases.lease_state(engine, JOB)
    assert state is not None and state.last_done_on is None and state.held(clock()) and "not sent" in (state.last_error or "")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        clock.advance(minutes=30)
        assert await job.run_once() is None  # still waiting for the retry time
        clock.advance(minutes=31)
        report = await job.run_once()
        assert report is not None and report.created == 0 and report.sent == 2
        assert [s[:2] for s in sequences(inbox)] == [("REQUEST", 0)] * 2
        assert done_on(engine) == dt.date(2026, 3, 16) and await job.run_once() is None
    finally:
        controller.stop()
