"""Desk test people and configuration: synthetic workers with roles, a fixed clock, a calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.actors import Actor, load_actor
from archiving.clock import FixedClock
from archiving.db import read_only, transaction
from archiving.enums import Channel
from archiving.models import Organisation, ServiceUnit, Worker, WorkerRole
from bot.desk.config import DeskConfig
from bot.desk.schedule import DeskCalendar

MEETING = "https://teams.example.invalid/l/meetup-join/arkistodeski"


@dataclass
class People:
    """Synthetic staff: three desk hosts, two workers, a communications person, a contact person."""

    engine: Engine
    aino: int
    eero: int
    helmi: int
    kalle: int
    liisa: int
    viivi: int
    yrjo: int
    unit_id: int

    def actor(self, worker_id: int, channel: Channel = Channel.CHAT) -> Actor:
        with read_only(self.engine) as session:
            return load_actor(session, worker_id, channel)


def add_people(engine: Engine) -> People:
    with transaction(engine) as session:
        org = Organisation(oid="1.2.246.10.99999999", name="Testin hyvinvointialue")
        session.add(org)
        session.flush()
        unit = ServiceUnit(oid="1.2.246.10.99999999.10.1", name="Lastensuojelu, testiyksikkö", organisation_id=org.id)
        session.add(unit)
        session.flush()
        ids = {}
        for key, name, roles in (
            ("aino", "Aino Neuvoja", ["desk"]),
            ("eero", "Eero Neuvoja", ["desk"]),
            ("helmi", "Helmi Neuvoja", ["desk", "worker"]),
            ("kalle", "Kalle Sosiaalityöntekijä", ["worker"]),
            ("liisa", "Liisa Ohjaaja", ["worker"]),
            ("viivi", "Viivi Viestijä", ["communications"]),
            ("yrjo", "Yrjö Yhteyshenkilö", ["worker", "contact_person"]),
        ):
            worker = Worker(name=name, channel_user_id=f"aad-{key}", service_unit_id=unit.id, email=f"{key}@example.invalid")
            session.add(worker)
            session.flush()
            for role in roles:
                session.add(WorkerRole(worker_id=worker.id, role=role))
            ids[key] = worker.id
        return People(engine=engine, unit_id=int(unit.id), **ids)  # type: ignore[arg-type]


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


def count(engine: Engine, model: type) -> int:
    """Rows in a table, for 'nothing changed' checks."""
    with read_only(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


class Inbox:
    """What a real local SMTP server (aiosmtpd) received."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list:
        import email
        from email import policy

        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


@pytest.fixture
def smtp_server():
    """An aiosmtpd server on a free local port; yields (host, port, inbox)."""
    import socket

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
