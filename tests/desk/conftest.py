"""Desk fixtures: synthetic people, a fixed clock, the calendar, a real local SMTP server."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from sqlalchemy.engine import Engine

from archiving.clock import FixedClock
from bot.desk.config import DeskConfig
from bot.desk.schedule import DeskCalendar

from .support import MEETING, Inbox, People, add_people


@pytest.fixture
def people(engine: Engine) -> People:
    return add_people(engine)


@pytest.fixture
def config() -> DeskConfig:
    return DeskConfig(calendar=DeskCalendar(), meeting_url=MEETING, hosts_per_session=1, reminder_minutes=10, weeks_ahead=2)


@pytest.fixture
def clock() -> FixedClock:
    """Monday 16 March 2026, 06:00 UTC (08:00 in Helsinki), two weeks before the change to summer time."""
    return FixedClock(dt.datetime(2026, 3, 16, 6, 0, tzinfo=dt.UTC))


@pytest.fixture
def smtp_server():
    """An aiosmtpd server on a free local port; yields (host, port, inbox)."""
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port, inbox
    finally:
        controller.stop()
