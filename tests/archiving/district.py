"""A small synthetic district for the archiving tests: codes, units, workers, clients, documents."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session

from archiving import hetu
from archiving.actors import Actor, load_actor
from archiving.authoring import create_document
from archiving.codesets.loader import load_packaged
from archiving.db import transaction
from archiving.enums import Channel, DocumentKind, DocumentStatus, RelationshipLevel, Role
from archiving.models import Client, ClientRelationship, Document, Organisation, ServiceUnit, Worker, WorkerRole

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
UNIT_A = "2.999.10.1"
UNIT_B = "2.999.10.2"
UNIT_OLD = "2.999.10.9"


@dataclass
class World:
    """Ids of the district's people and places; ``actor(name)`` acts as one of them."""

    engine: Engine
    units: dict[str, int] = field(default_factory=dict)
    workers: dict[str, int] = field(default_factory=dict)
    clients: dict[str, int] = field(default_factory=dict)

    def actor(self, name: str, channel: Channel = Channel.CHAT) -> Actor:
        with transaction(self.engine) as session:
            return load_actor(session, self.workers[name], channel)

    def document(self, status: DocumentStatus = DocumentStatus.COMPLETED, *, author: str = "anna", client: str = "c1", **kw: object) -> int:
        """A client document of ``author`` in ``status`` (only states reachable without the archive)."""
        values: dict[str, object] = {
            "title": "Vammaispalvelupäätös",
            "document_type_code": "11053",
            "service_task_code": "20",
            "social_services": ["37"],
            "service_unit_id": self.units[UNIT_A],
        }
        values.update(kw)
        with transaction(self.engine) as session:
            doc = create_document(
                session, Actor.system("seed"), author_id=self.workers[author], client_id=self.clients[client],
                status=status, now=NOW, **values,  # type: ignore[arg-type]
            )  # fmt: skip
            if status == DocumentStatus.LOCKED:
                doc.locked_at = NOW
            assert doc.id is not None
            return doc.id

    def set_status(self, document_id: int, status: DocumentStatus, **fields: object) -> None:
        """Put a document straight into a state (for states that need the archive)."""
        with transaction(self.engine) as session:
            doc = session.get(Document, document_id)
            assert doc is not None
            doc.status = status
            for key, value in fields.items():
                setattr(doc, key, value)


def _worker(session: Session, name: str, unit_id: int, roles: list[Role], channel_user_id: str) -> int:
    worker = Worker(name=name, channel_user_id=channel_user_id, service_unit_id=unit_id)
    session.add(worker)
    session.flush()
    assert worker.id is not None
    session.add_all(WorkerRole(worker_id=worker.id, role=r) for r in roles)
    return worker.id


def build_world(engine: Engine, *, relationships_archived: bool = True) -> World:
    world = World(engine)
    rng = random.Random(7)
    with transaction(engine) as session:
        load_packaged(session)
        org = Organisation(oid="2.999.10", name="Testin hyvinvointialue")
        session.add(org)
        session.flush()
        assert org.id is not None
        for oid, name, active in ((UNIT_A, "Vammaispalvelut A", True), (UNIT_B, "Lastensuojelu B", True), (UNIT_OLD, "Lakkautettu yksikkö", False)):
            unit = ServiceUnit(oid=oid, name=name, organisation_id=org.id, active=active)
            session.add(unit)
            session.flush()
            assert unit.id is not None
            world.units[oid] = unit.id
        world.workers["anna"] = _worker(session, "Anna Aalto", world.units[UNIT_A], [Role.WORKER], "u-anna")
        world.workers["bertta"] = _worker(session, "Bertta Berg", world.units[UNIT_B], [Role.WORKER], "u-bertta")
        world.workers["cecilia"] = _worker(session, "Cecilia Contact", world.units[UNIT_A], [Role.WORKER, Role.CONTACT_PERSON], "u-cecilia")
        world.workers["aarne"] = _worker(session, "Aarne Arkisto", world.units[UNIT_B], [Role.ARCHIVIST], "u-aarne")
        for key, name, born in (("c1", "Ville Virtanen", dt.date(1990, 5, 1)), ("c2", "Liisa Laine", dt.date(2012, 2, 3))):
            client = Client(hetu=hetu.synthetic(rng, born), name=name)
            session.add(client)
            session.flush()
            assert client.id is not None
            world.clients[key] = client.id
            relationship = ClientRelationship(
                client_id=client.id, level=RelationshipLevel.SOCIAL_WELFARE, started_on=dt.date(2024, 1, 1)
            )
            session.add(relationship)
            session.flush()
            doc = create_document(
                session, Actor.system("seed"), kind=DocumentKind.RELATIONSHIP, author_id=world.workers["anna"],
                client_id=client.id, title="Asiakkuus", document_type_code="1", relationship_id=relationship.id,
                service_unit_id=world.units[UNIT_A], status=DocumentStatus.LOCKED, now=NOW,
            )  # fmt: skip
            if relationships_archived:
                doc.status = DocumentStatus.ARCHIVED
                doc.archived_at = NOW
    return world


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: compare before/after to prove nothing changed."""
    from sqlalchemy import inspect, text

    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    with engine.connect() as conn:
        return {t: sorted(map(tuple, conn.execute(text(f'SELECT * FROM "{t}"')).all()), key=repr) for t in tables}
