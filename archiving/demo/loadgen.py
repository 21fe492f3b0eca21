"""Synthetic queued documents in bulk, for the queue benchmark, the crash test and load drills.

Builds a district that the archive accepts as it is: one organisation and
service unit, one author, clients with test-range henkilötunnus, for each client
a relationship record, a case record and client documents (confirmed codes
only), every document locked and queued with its archive job. Rows go in with
bulk inserts, one transaction, so 10,000 documents take seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from archiving import audit, hetu
from archiving.actors import Actor
from archiving.authoring import content_hash
from archiving.codesets import systems
from archiving.codesets.loader import load_packaged
from archiving.db import transaction
from archiving.enums import Channel, DocumentKind, DocumentStatus, JobOperation, JobState, RelationshipLevel
from archiving.models import (
    ArchiveJob,
    Case,
    Client,
    ClientRelationship,
    CodeValue,
    Document,
    DocumentSocialService,
    Organisation,
    ServiceUnit,
    Worker,
)
from archiving.queue import PRIORITY, idempotency_key

# (document type in 1.2.246.537.6.1506, title, service task, social services): confirmed codes and pairs
CLIENT_DOCUMENTS = (
    ("11053", "Vammaispalvelupäätös", "20", ("37",)),
    ("1013", "Vammaispalvelujen palvelutarpeen arvio", "20", ("85",)),
    ("3013", "Vammaispalveluhakemus", "20", ("51",)),
    ("11053", "Vammaispalvelupäätös", "20", ("93", "94")),
)


@dataclass
class District:
    """What was created: ids of every document, by kind."""

    organisation_oid: str
    service_unit_id: int
    author_id: int
    relationship_ids: list[int] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)
    client_document_ids: list[int] = field(default_factory=list)

    @property
    def document_ids(self) -> list[int]:
        return self.relationship_ids + self.case_ids + self.client_document_ids


def _ids(session: Session, model: type, rows: list[dict]) -> list[int]:  # type: ignore[type-arg]
    if not rows:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    result = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


def _hetus(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    codes: list[str] = []
    while len(codes) < n:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 80))
        code = hetu.synthetic(rng, born)
        if code not in taken:
            taken.add(code)
            codes.append(code)
    return codes


def create_queued_district(
    engine: Engine, *, clients: int, documents_per_client: int, rng: random.Random, now: dt.datetime
) -> District:
    """``clients`` × (relationship + case + ``documents_per_client`` client documents), all queued."""
    with transaction(engine) as session:
        if not session.exec(select(func.count()).select_from(CodeValue)).one():
            load_packaged(session)
        tag = f"{rng.getrandbits(24)}"
        org_oid = f"2.999.{tag}"
        org_id = _ids(session, Organisation, [{"oid": org_oid, "name": f"Kuormitusalue {tag}"}])[0]
        unit_id = _ids(
            session,
            ServiceUnit,
            [{"oid": f"{org_oid}.1", "name": "Vammaispalvelut", "organisation_id": org_id, "active": True}],
        )[0]
        author_id = _ids(
            session, Worker, [{"name": f"Kuormitustestaaja {tag}", "service_unit_id": unit_id, "active": True}]
        )[0]
        taken = set(session.exec(select(Client.hetu)).all())
        client_ids = _ids(
            session, Client, [{"hetu": h, "name": f"Asiakas {i}"} for i, h in enumerate(_hetus(rng, clients, taken))]
        )
        started = dt.date(2024, 1, 1)
        rel_ids = _ids(
            session,
            ClientRelationship,
            [
                {
                    "client_id": c,
                    "level": RelationshipLevel.SOCIAL_WELFARE,
                    "service_unit_id": unit_id,
                    "started_on": started,
                    "service_task_code": None,
                    "ended_on": None,
                }
                for c in client_ids
            ],
        )
        case_ids = _ids(
            session,
            Case,
            [
                {
                    "client_id": c,
                    "service_task_code": "20",
                    "title": "Vammaispalvelut",
                    "opened_on": started,
                    "closed_on": None,
                }
                for c in client_ids
            ],
        )
        district = District(org_oid, unit_id, author_id)
        stamp = {
            "status": DocumentStatus.QUEUED,
            "version": 1,
            "author_id": author_id,
            "service_unit_id": unit_id,
            "created_at": now,
            "updated_at": now,
            "completed_at": now,
            "locked_at": now,
            "queued_at": now,
        }

        def doc(kind: str, system: str, code: str, title: str, client: int, **extra: object) -> dict[str, object]:
            content = f"{title}\nSynteettinen kuormitustestiasiakirja {rng.getrandbits(48):x}."
            return {
                "kind": kind,
                "document_type_system": system,
                "document_type_code": code,
                "title": title,
                "client_id": client,
                "content": content,
                "content_hash": content_hash(content),
                "case_id": None,
                "relationship_id": None,
                "service_task_code": None,
                **stamp,
                **extra,
            }

        record = systems.RELATIONSHIP_DOCUMENT_TYPE
        district.relationship_ids = _ids(
            session,
            Document,
            [
                doc(
                    DocumentKind.RELATIONSHIP,
                    record,
                    systems.RELATIONSHIP_DOCUMENT_CODE,
                    "Asiakkuus",
                    c,
                    relationship_id=r,
                )
                for c, r in zip(client_ids, rel_ids, strict=True)
            ],
        )
        district.case_ids = _ids(
            session,
            Document,
            [
                doc(
                    DocumentKind.CASE,
                    record,
                    systems.CASE_DOCUMENT_CODE,
                    "Vammaispalveluasia",
                    c,
                    case_id=k,
                    service_task_code="20",
                )
                for c, k in zip(client_ids, case_ids, strict=True)
            ],
        )
        plans = [
            (c, k, CLIENT_DOCUMENTS[rng.randrange(len(CLIENT_DOCUMENTS))])
            for c, k in zip(client_ids, case_ids, strict=True)
            for _ in range(documents_per_client)
        ]
        district.client_document_ids = _ids(
            session,
            Document,
            [
                doc(DocumentKind.CLIENT, systems.DOCUMENT_TYPE, code, title, c, case_id=k, service_task_code=task)
                for c, k, (code, title, task, _) in plans
            ],
        )
        services = [
            {"document_id": d, "code": s}
            for d, (_, _, (_, _, _, codes)) in zip(district.client_document_ids, plans, strict=True)
            for s in codes
        ]
        session.execute(insert(DocumentSocialService.__table__), services)  # type: ignore[attr-defined]
        kinds = (
            [(d, DocumentKind.RELATIONSHIP) for d in district.relationship_ids]
            + [(d, DocumentKind.CASE) for d in district.case_ids]
            + [(d, DocumentKind.CLIENT) for d in district.client_document_ids]
        )
        clients_of = dict(zip(district.relationship_ids + district.case_ids, client_ids + client_ids, strict=True))
        clients_of.update({d: c for d, (c, _, _) in zip(district.client_document_ids, plans, strict=True)})
        session.execute(
            insert(ArchiveJob.__table__),
            [  # type: ignore[attr-defined]
                {
                    "document_id": d,
                    "client_id": clients_of[d],
                    "version": 1,
                    "operation": JobOperation.ARCHIVE,
                    "priority": PRIORITY[kind],
                    "idempotency_key": idempotency_key(d, 1, JobOperation.ARCHIVE),
                    "state": JobState.PENDING,
                    "attempts": 0,
                    "not_before": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for d, kind in kinds
            ],
        )
        audit.record_many(
            session,
            Actor.system("seed", Channel.SEED),
            audit.DOCUMENT_CREATE,
            (audit.Target(d, clients_of[d], {"loadgen": True}) for d, _ in kinds),
            now=now,
        )
    return district
