"""Desk test helpers shared with the web tests: synthetic people, row counts, a real SMTP inbox."""

from __future__ import annotations

import email
from dataclasses import dataclass
from email import policy

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.actors import Actor, load_actor
from archiving.db import read_only, transaction
from archiving.enums import Channel
from archiving.models import Organisation, ServiceUnit, Worker, WorkerRole

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
    other_unit_id: int

    def actor(self, worker_id: int, channel: Channel = Channel.CHAT) -> Actor:
        with read_only(self.engine) as session:
            return load_actor(session, worker_id, channel)


def add_people(engine: Engine) -> People:
    """Two service units and seven workers with their roles (synthetic names, no clients)."""
    with transaction(engine) as session:
        org = Organisation(oid="1.2.246.10.99999999", name="Testin hyvinvointialue")
        session.add(org)
        session.flush()
        unit = ServiceUnit(oid="1.2.246.10.99999999.10.1", name="Lastensuojelu, testiyksikkö", organisation_id=org.id)
        other = ServiceUnit(oid="1.2.246.10.99999999.10.2", name="Vammaispalvelut, testiyksikkö", organisation_id=org.id)
        session.add_all([unit, other])
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
        return People(engine=engine, unit_id=int(unit.id), other_unit_id=int(other.id), **ids)  # type: ignore[arg-type]


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
        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]
