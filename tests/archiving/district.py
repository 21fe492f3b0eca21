"""A small synthetic district for the archiving tests: codes, units, workers, clients, documents."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from archiving.actors import Actor, load_actor
from archiving.authoring import create_document
from archiving.codesets.loader import load_packaged
from archiving.db import transaction
from archiving.enums import Channel, DocumentKind, DocumentStatus, Role
from archiving.models import Document
from synthetic import CLIENTS, add_client, add_organisation, add_worker

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


def build_world(engine: Engine, *, relationships_archived: bool = True) -> World:
    world = World(engine)
    rng = random.Random(7)
    with transaction(engine) as session:
        load_packaged(session)
        units = ((UNIT_A, "Vammaispalvelut A", True), (UNIT_B, "Lastensuojelu B", True), (UNIT_OLD, "Lakkautettu yksikkö", False))
        world.units.update(add_organisation(session, "2.999.10", units))
        world.workers["anna"] = add_worker(session, "Anna Aalto", world.units[UNIT_A], [Role.WORKER], "u-anna")
        world.workers["bertta"] = add_worker(session, "Bertta Berg", world.units[UNIT_B], [Role.WORKER], "u-bertta")
        world.workers["cecilia"] = add_worker(session, "Cecilia Contact", world.units[UNIT_A], [Role.WORKER, Role.CONTACT_PERSON], "u-cecilia")
        world.workers["aarne"] = add_worker(session, "Aarne Arkisto", world.units[UNIT_B], [Role.ARCHIVIST], "u-aarne")
        for key, name, born in CLIENTS:
            world.clients[key], _, relationship_id = add_client(session, rng, name, born)
            doc = create_document(
                session, Actor.system("seed"), kind=DocumentKind.RELATIONSHIP, author_id=world.workers["anna"],
                client_id=world.clients[key], title="Asiakkuus", document_type_code="1", relationship_id=relationship_id,
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
