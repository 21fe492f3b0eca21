"""Building blocks of the small synthetic districts the test suites share (synthetic hetus only)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from sqlmodel import Session

from archiving import hetu
from archiving.enums import RelationshipLevel, Role
from archiving.models import Client, ClientRelationship, Organisation, ServiceUnit, Worker, WorkerRole


def add_organisation(session: Session, oid: str, units: Iterable[tuple[str, str, bool]]) -> dict[str, int]:
    """An organisation with its service units given as (oid, name, active); returns unit ids by OID."""
    org = Organisation(oid=oid, name="Testin hyvinvointialue")
    session.add(org)
    session.flush()
    assert org.id is not None
    ids: dict[str, int] = {}
    for unit_oid, name, active in units:
        unit = ServiceUnit(oid=unit_oid, name=name, organisation_id=org.id, active=active)
        session.add(unit)
        session.flush()
        assert unit.id is not None
        ids[unit_oid] = unit.id
    return ids


def add_worker(
    session: Session, name: str, unit_id: int, roles: list[Role], channel_user_id: str | None, *, email: str | None = None
) -> int:
    worker = Worker(name=name, channel_user_id=channel_user_id, service_unit_id=unit_id, email=email)
    session.add(worker)
    session.flush()
    assert worker.id is not None
    session.add_all(WorkerRole(worker_id=worker.id, role=r) for r in roles)
    return worker.id


def add_client(session: Session, rng: random.Random, name: str, born: dt.date) -> tuple[int, str, int]:
    """A client with a synthetic hetu and a social-welfare relationship: (client id, hetu, relationship id)."""
    code = hetu.synthetic(rng, born)
    client = Client(hetu=code, name=name)
    session.add(client)
    session.flush()
    assert client.id is not None
    relationship = ClientRelationship(client_id=client.id, level=RelationshipLevel.SOCIAL_WELFARE, started_on=dt.date(2024, 1, 1))
    session.add(relationship)
    session.flush()
    assert relationship.id is not None
    return client.id, code, relationship.id


CLIENTS = (("c1", "Ville Virtanen", dt.date(1990, 5, 1)), ("c2", "Liisa Laine", dt.date(2012, 2, 3)))
