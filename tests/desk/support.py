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
from archiving.enums import Channel, Role
from synthetic import add_organisation, add_worker

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
        units = add_organisation(
            session, "2.999.30", (("2.999.30.1", "Lastensuojelu, testiyksikkö", True), ("2.999.30.2", "Vammaispalvelut, testiyksikkö", True))
        )
        unit_id, other_unit_id = units["2.999.30.1"], units["2.999.30.2"]
        ids = {}
        for key, name, roles in (
            ("aino", "Aino Neuvoja", [Role.DESK]),
            ("eero", "Eero Neuvoja", [Role.DESK]),
            ("helmi", "Helmi Neuvoja", [Role.DESK, Role.WORKER]),
            ("kalle", "Kalle Sosiaalityöntekijä", [Role.WORKER]),
            ("liisa", "Liisa Ohjaaja", [Role.WORKER]),
            ("viivi", "Viivi Viestijä", [Role.COMMUNICATIONS]),
            ("yrjo", "Yrjö Yhteyshenkilö", [Role.WORKER, Role.CONTACT_PERSON]),
        ):
            ids[key] = add_worker(session, name, unit_id, roles, f"aad-{key}", email=f"{key}@example.invalid")
        return People(engine=engine, unit_id=unit_id, other_unit_id=other_unit_id, **ids)


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
