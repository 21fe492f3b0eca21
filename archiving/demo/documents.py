"""The demo district's documents: relationship and case records, and client documents with a target state.

Each client document is planned for the state it should end in; the demo worker's
own documents follow :data:`DEMO_PLAN`, which includes documents with problems to fix.
The district joined the archive :data:`ROLLOUT_WEEKS` weeks ago, so each document
bound for the archive is also planned a moment to go there (:func:`archive_moment`):
the backlog slowly at first, new documents within days by the end, as in a real rollout.
The demo sends them week by week (:meth:`Plan.waves`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import insert
from sqlmodel import Session

from archiving.authoring import content_hash
from archiving.codesets import systems
from archiving.codesets.readmodel import CodeSets
from archiving.demo.district import DemoClient, District, insert_returning_ids
from archiving.demo.names import DOCUMENT_TYPES, SERVICE_UNITS
from archiving.enums import DocumentKind, DocumentStatus as S, SocialServiceRule
from archiving.models import Document, DocumentSocialService


class Target(StrEnum):
    DRAFT = "draft"
    COMPLETED = "completed"
    LOCKED = "locked"
    QUEUED = "queued"
    ARCHIVED = "archived"
    ARCHIVED_V2 = "archived_v2"  # corrected once, the correction archived too
    CORRECTED = "corrected"
    INVALIDATED = "invalidated"
    FAILED_REJECTED = "failed_rejected"  # the archive refused it (unit not in its register)
    FAILED_RETRY = "failed_retry"  # the archive could not be reached, attempts ran out


WEIGHTS = {
    Target.ARCHIVED: 50, Target.ARCHIVED_V2: 4, Target.DRAFT: 8, Target.COMPLETED: 10, Target.LOCKED: 8,
    Target.QUEUED: 8, Target.FAILED_REJECTED: 2, Target.FAILED_RETRY: 2, Target.CORRECTED: 5, Target.INVALIDATED: 3,
}  # fmt: skip
NEEDS_ARCHIVE = {Target.ARCHIVED, Target.ARCHIVED_V2, Target.CORRECTED, Target.INVALIDATED, Target.FAILED_REJECTED, Target.FAILED_RETRY}
INITIAL = {Target.DRAFT: S.DRAFT, Target.COMPLETED: S.COMPLETED}  # everything else starts locked
ROLLOUT_WEEKS = 12  # the follow-up period: the units joined the archive this long ago
UNREGISTERED_UNIT = next(u[0] for u in SERVICE_UNITS if not u[4])
CLOSED_UNIT = next(u[0] for u in SERVICE_UNITS if not u[3])
# The demo worker's own documents: (target, scenario); scenarios give problems to fix.
DEMO_PLAN = (
    [(Target.DRAFT, "ok"), (Target.DRAFT, "no_metadata"), (Target.DRAFT, "ok")]
    + [(Target.COMPLETED, s) for s in ("ok", "ok", "missing_service", "closed_unit", "wrong_pair", "new_client")]
    + [(Target.LOCKED, s) for s in ("ok", "ok", "ok", "missing_task")]
    + [(Target.QUEUED, "ok")] * 3 + [(Target.ARCHIVED, "ok")] * 8 + [(Target.ARCHIVED_V2, "ok")] * 2
    + [(Target.CORRECTED, "ok")] * 2 + [(Target.INVALIDATED, "ok")] * 2
    + [(Target.FAILED_REJECTED, "ok")] * 2 + [(Target.FAILED_RETRY, "ok")] * 2
)


@dataclass
class Plan:
    """Where each client document should end, and which records go to the archive first."""

    records: list[int] = field(default_factory=list)
    targets: dict[int, Target] = field(default_factory=dict)
    demo_docs: set[int] = field(default_factory=set)
    archive_at: dict[int, dt.datetime] = field(default_factory=dict)  # when each document (and record) goes to the archive

    def ids(self, *targets: Target, demo: bool = False) -> list[int]:
        """Documents planned for ``targets``: the demo worker's (``demo``) or everyone else's."""
        return [i for i, t in self.targets.items() if t in targets and (i in self.demo_docs) == demo]

    def waves(self, *targets: Target) -> list[tuple[dt.datetime, list[int]]]:
        """The records and everyone else's documents planned for ``targets`` by the week they go to the archive, oldest first.

        Each week's documents go at the latest of their moments, so none is archived before it was written.
        """
        weeks: dict[tuple[int, int], list[int]] = {}
        for i in self.records + self.ids(*targets):
            weeks.setdefault(self.archive_at[i].isocalendar()[:2], []).append(i)
        return sorted((max(self.archive_at[i] for i in ids), ids) for ids in weeks.values())


def archive_moment(created: dt.datetime, now: dt.datetime, rng: random.Random) -> dt.datetime:
    """When a document went to the archive: weeks after it was written at the start of the rollout, days by its end."""
    start = now - dt.timedelta(weeks=ROLLOUT_WEEKS)
    base = max(created, start)
    progress = (base - start) / (now - start)
    delay = dt.timedelta(days=0.2 + rng.random() ** 2 * (40 * (1 - progress) + 3))  # mostly soon, some after weeks
    return min(base + delay, now - dt.timedelta(hours=1))


class _Writer:
    def __init__(self, codes: CodeSets, district: District, rng: random.Random, now: dt.datetime) -> None:
        self.codes, self.d, self.rng, self.now = codes, district, rng, now

    def services(self, task: str, dtype: str, *, draft: bool) -> list[str]:
        rule = self.codes.document_type(systems.DOCUMENT_TYPE, dtype)
        allowed = [c.code for c in self.codes.social_services_for(task)]
        if rule is not None and rule.rule == SocialServiceRule.REQUIRED and not (draft and self.rng.random() < 0.3):
            return self.rng.sample(allowed, k=min(len(allowed), self.rng.choice((1, 1, 2))))
        return [self.rng.choice(allowed)] if self.rng.random() < 0.5 else []

    def client_doc(self, client: DemoClient, author: int, target: Target, scenario: str, n: int) -> tuple[dict[str, object], list[str]]:
        rng = self.rng
        task: str | None = client.task
        unit = UNREGISTERED_UNIT if target == Target.FAILED_REJECTED else client.unit_oid
        dtype = rng.choice(DOCUMENT_TYPES[client.task])
        services = self.services(client.task, dtype, draft=target == Target.DRAFT)
        if scenario == "missing_service":
            dtype, services = "11002", []
        elif scenario == "closed_unit":
            unit = CLOSED_UNIT
        elif scenario == "wrong_pair":
            services = ["37"]  # day activities: not a child-welfare social service
        elif scenario in ("missing_task", "no_metadata"):
            task = None
            services = [] if scenario == "no_metadata" else services
        name = self.codes.document_type(systems.DOCUMENT_TYPE, dtype).name_fi  # type: ignore[union-attr]
        created = self.now - dt.timedelta(days=rng.uniform(1, 90))
        content = f"Synteettinen demoasiakirja {n}: {name}."
        status = INITIAL.get(target, S.LOCKED)
        row = {
            "kind": DocumentKind.CLIENT, "document_type_system": systems.DOCUMENT_TYPE, "document_type_code": dtype,
            "title": name, "author_id": author, "client_id": client.id, "case_id": rng.choice(client.cases),
            "relationship_id": None, "service_task_code": task,
            "service_unit_id": None if scenario == "no_metadata" else self.d.units[unit],
            "status": status, "version": 1, "content": content, "content_hash": content_hash(content),
            "created_at": created, "updated_at": created,
            "completed_at": None if status == S.DRAFT else created, "locked_at": created if status == S.LOCKED else None,
        }  # fmt: skip
        return row, services

    def record_rows(self) -> list[dict[str, object]]:
        """Relationship (three levels) and case records, locked and ready to send."""
        rows = []
        created = self.now - dt.timedelta(days=120)
        for client in self.d.clients:
            author = self.rng.choice([w for w in self.d.workers_by_unit[client.unit_oid] if w != self.d.demo_worker])
            base = {
                "document_type_system": systems.RELATIONSHIP_DOCUMENT_TYPE, "author_id": author, "client_id": client.id,
                "service_unit_id": self.d.units[client.unit_oid], "status": S.LOCKED, "version": 1, "content": "",
                "content_hash": content_hash(""), "created_at": created, "updated_at": created,
                "completed_at": created, "locked_at": created, "case_id": None, "relationship_id": None,
            }  # fmt: skip
            for rel_id, level in client.relationships:
                rows.append(base | {
                    "kind": DocumentKind.RELATIONSHIP, "document_type_code": systems.RELATIONSHIP_DOCUMENT_CODE,
                    "title": "Asiakkuusasiakirja", "relationship_id": rel_id,
                    "service_task_code": None if level == "social_welfare" else client.task,
                })  # fmt: skip
            for case_id in client.cases:
                rows.append(base | {
                    "kind": DocumentKind.CASE, "document_type_code": systems.CASE_DOCUMENT_CODE, "title": "Asia-asiakirja",
                    "case_id": case_id, "service_task_code": client.task,
                })  # fmt: skip
        return rows

    def assignments(self, count: int) -> list[tuple[DemoClient, int, Target, str]]:
        """(client, author, target, scenario) for every client document, the demo worker's first."""
        d, rng = self.d, self.rng
        own = [c for c in d.clients if c.unit_oid == SERVICE_UNITS[0][0] and not c.new]
        fresh = [c for c in d.clients if c.new and c.task == "10"] or [c for c in d.clients if c.new]
        plans = [(rng.choice(fresh if s == "new_client" else own), d.demo_worker, t, s) for t, s in DEMO_PLAN]
        while len(plans) < count:
            client = rng.choice(d.clients)
            target = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            if client.new and target in NEEDS_ARCHIVE:
                target = Target.COMPLETED  # the order rule would hold it back
            authors = [w for w in d.workers_by_unit[client.unit_oid] if w != d.demo_worker]
            plans.append((client, rng.choice(authors), target, "ok"))
        return plans


def create_documents(session: Session, district: District, rng: random.Random, now: dt.datetime, count: int) -> Plan:
    """Insert the records and ``count`` client documents in bulk; returns the plan for the archive phases."""
    writer = _Writer(CodeSets.load(session), district, rng, now)
    record_rows = writer.record_rows()
    new_clients = {c.id for c in district.clients if c.new}
    plan = Plan()
    record_ids = insert_returning_ids(session, Document, record_rows)
    plan.records = [
        i for i, r in zip(record_ids, record_rows, strict=True)
        if r["client_id"] not in new_clients  # new clients' records have not been sent yet
    ]  # fmt: skip
    assignments = writer.assignments(count)
    built = [writer.client_doc(c, a, t, s, n) for n, (c, a, t, s) in enumerate(assignments, start=1)]
    ids = insert_returning_ids(session, Document, [row for row, _ in built])
    services = [{"document_id": i, "code": code} for i, (_, codes) in zip(ids, built, strict=True) for code in codes]
    if services:
        session.execute(insert(DocumentSocialService), services)
    plan.targets = {i: target for i, (_, _, target, _) in zip(ids, assignments, strict=True)}
    plan.demo_docs = set(ids[: len(DEMO_PLAN)])
    plan.archive_at = {
        i: archive_moment(row["created_at"], now, rng)  # type: ignore[arg-type]
        for i, (row, _), target in zip(ids, built, plan.targets.values(), strict=True) if target in NEEDS_ARCHIVE
    }  # fmt: skip
    _plan_records(plan, record_rows, record_ids, [row for row, _ in built], ids, rng, now)
    return plan


def _plan_records(
    plan: Plan, record_rows: list[dict[str, object]], record_ids: list[int], doc_rows: list[dict[str, object]], doc_ids: list[int],
    rng: random.Random, now: dt.datetime,
) -> None:  # fmt: skip
    """A client's relationship and case records go with the client's first document (the order rule), or at some moment."""
    first: dict[object, dt.datetime] = {}
    for i, row in zip(doc_ids, doc_rows, strict=True):
        moment = plan.archive_at.get(i)
        if moment is not None and (row["client_id"] not in first or moment < first[row["client_id"]]):
            first[row["client_id"]] = moment
    start = now - dt.timedelta(weeks=ROLLOUT_WEEKS)
    for i, row in zip(record_ids, record_rows, strict=True):
        if i in plan.records:
            plan.archive_at[i] = first.get(row["client_id"]) or start + (now - dt.timedelta(hours=1) - start) * rng.random()
