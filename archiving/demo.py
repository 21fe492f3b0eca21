"""``seed-demo``: a synthetic welfare district with 10,000 client documents in every state.

Deterministic from a seed. States that mean the archive has (or refused) a document
are reached through the real queue worker and the embedded archive stand-in:
archived, corrected, invalidated and failed documents really went there. The worker
``demo`` ("Demo Työntekijä") has documents in every state, some with problems to fix,
and acts through the service API so the audit log shows what happened.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum

from sqlalchemy import func, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving import documents as service
from archiving import lifecycle, messages
from archiving.actors import Actor, load_actor
from archiving.authoring import content_hash
from archiving.clock import Clock
from archiving.codesets import systems
from archiving.codesets.loader import load_packaged
from archiving.codesets.readmodel import CodeSets
from archiving.db import read_only, transaction
from archiving.demo_district import DemoClient, District, build_district, insert_returning_ids
from archiving.demo_names import DOCUMENT_TYPES, SERVICE_UNITS
from archiving.enums import Channel, DocumentKind, DocumentStatus as S, JobOperation, JobState, SocialServiceRule
from archiving.errors import InvalidInput
from archiving.kanta.catalog import catalog_from_database, fixed_catalog
from archiving.kanta.simulator import Fault, FaultPlan, KantaSimulator
from archiving.kanta.store import ArchiveStore
from archiving.models import ArchiveJob, Document, DocumentSocialService
from archiving.queue import PRIORITY, QueuePolicy, enqueue, idempotency_key
from archiving.queue_worker import drain

Progress = Callable[[str], None]


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


class _AlwaysBusy(FaultPlan):
    """The archive refuses every request as busy: nothing is stored, the attempts run out."""

    def roll(self, rng: random.Random) -> Fault | None:
        return Fault.BUSY


def _pick(rng: random.Random) -> Target:
    return rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]


class Seeder:
    """Builds one demo district; each phase runs in its own transaction."""

    def __init__(self, engine: Engine, archive_url: str, rng: random.Random, clock: Clock, progress: Progress) -> None:
        self.engine, self.archive_url, self.rng, self.clock, self.progress = engine, archive_url, rng, clock, progress
        self.targets: dict[int, Target] = {}
        self.demo_docs: dict[int, Target] = {}

    # --- documents ------------------------------------------------------------------------

    def _services(self, codes: CodeSets, task: str, dtype: str, *, draft: bool) -> list[str]:
        rule = codes.document_type(systems.DOCUMENT_TYPE, dtype)
        allowed = [c.code for c in codes.social_services_for(task)]
        if rule is not None and rule.rule == SocialServiceRule.REQUIRED and not (draft and self.rng.random() < 0.3):
            return self.rng.sample(allowed, k=min(len(allowed), self.rng.choice((1, 1, 2))))
        return [self.rng.choice(allowed)] if self.rng.random() < 0.5 else []

    def _client_doc(self, codes: CodeSets, d: District, client: DemoClient, author: int, target: Target, scenario: str, n: int) -> tuple[dict[str, object], list[str]]:
        rng, now = self.rng, self.clock()
        task, unit = client.task, client.unit_oid
        dtype = rng.choice(DOCUMENT_TYPES[task])
        services = self._services(codes, task, dtype, draft=target == Target.DRAFT)
        if target == Target.FAILED_REJECTED:
            unit = UNREGISTERED_UNIT
        if scenario == "missing_service":
            dtype, services = "11002", []
        elif scenario == "closed_unit":
            unit = CLOSED_UNIT
        elif scenario == "wrong_pair":
            services = ["37"]  # day activities: not a child-welfare social service
        elif scenario in ("missing_task", "no_metadata"):
            task = None  # type: ignore[assignment]
            services = [] if scenario == "no_metadata" else services
        created = now - dt.timedelta(days=rng.uniform(1, 90))
        content = f"Synteettinen demoasiakirja {n}: {codes.document_type(systems.DOCUMENT_TYPE, dtype).name_fi}."  # type: ignore[union-attr]
        status = INITIAL.get(target, S.LOCKED)
        row = {
            "kind": DocumentKind.CLIENT, "document_type_system": systems.DOCUMENT_TYPE, "document_type_code": dtype,
            "title": codes.document_type(systems.DOCUMENT_TYPE, dtype).name_fi,  # type: ignore[union-attr]
            "author_id": author, "client_id": client.id, "case_id": rng.choice(client.cases), "relationship_id": None,
            "service_task_code": task, "service_unit_id": d.units[unit] if scenario != "no_metadata" else None,
            "status": status, "version": 1, "content": content, "content_hash": content_hash(content),
            "created_at": created, "updated_at": created,
            "completed_at": None if status == S.DRAFT else created, "locked_at": created if status == S.LOCKED else None,
        }  # fmt: skip
        return row, services

    def _record_rows(self, d: District) -> list[dict[str, object]]:
        """Relationship (three levels) and case records; new clients' records are not sent yet."""
        rows = []
        for client in d.clients:
            author = self.rng.choice([w for w in d.workers_by_unit[client.unit_oid] if w != d.demo_worker])
            created = self.clock() - dt.timedelta(days=120)
            base = {
                "document_type_system": systems.RELATIONSHIP_DOCUMENT_TYPE, "author_id": author, "client_id": client.id,
                "service_unit_id": d.units[client.unit_oid], "status": S.LOCKED, "version": 1, "content": "",
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

    def create_documents(self, d: District, count: int) -> list[int]:
        """Insert records and ``count`` client documents; returns the record ids to send first."""
        with transaction(self.engine) as session:
            codes = CodeSets.load(session)
            record_rows = self._record_rows(d)
            record_ids = insert_returning_ids(session, Document, record_rows)
            new_clients = {c.id for c in d.clients if c.new}
            to_send = [i for i, r in zip(record_ids, record_rows) if r["client_id"] not in new_clients]
            demo_unit = SERVICE_UNITS[0][0]
            own = [c for c in d.clients if c.unit_oid == demo_unit and not c.new]
            fresh = [c for c in d.clients if c.new and c.task == "10"] or [c for c in d.clients if c.new]
            plans: list[tuple[DemoClient, int, Target, str]] = []
            for target, scenario in DEMO_PLAN:
                client = self.rng.choice(fresh if scenario == "new_client" else own)
                plans.append((client, d.demo_worker, target, scenario))
            while len(plans) < count:
                client = self.rng.choice(d.clients)
                target = _pick(self.rng)
                if client.new and target in NEEDS_ARCHIVE:
                    target = Target.COMPLETED
                authors = [w for w in d.workers_by_unit[client.unit_oid] if w != d.demo_worker]
                plans.append((client, self.rng.choice(authors), target, "ok"))
            built = [self._client_doc(codes, d, c, a, t, s, n) for n, (c, a, t, s) in enumerate(plans, start=1)]
            ids = insert_returning_ids(session, Document, [row for row, _ in built])
            services = [{"document_id": i, "code": c} for i, (_, codes_) in zip(ids, built) for c in codes_]
            if services:
                session.execute(insert(DocumentSocialService), services)
            for i, (_, _, target, _) in zip(ids, plans, strict=True):
                self.targets[i] = target
            for i in ids[: len(DEMO_PLAN)]:
                self.demo_docs[i] = self.targets[i]
        return to_send

    # --- the archive --------------------------------------------------------------------------

    def _ids(self, *targets: Target, demo: bool = False) -> list[int]:
        return [i for i, t in self.targets.items() if t in targets and (i in self.demo_docs) == demo]

    def queue_bulk(self, ids: list[int]) -> None:
        """locked → queued with one job each, in bulk (what ``submit`` does, without per-row round trips)."""
        now = self.clock()
        with transaction(self.engine) as session:
            for start in range(0, len(ids), 2000):
                chunk = ids[start : start + 2000]
                rows = session.exec(select(Document.id, Document.client_id, Document.version, Document.kind).where(
                    col(Document.id).in_(chunk), Document.status == S.LOCKED)).all()  # fmt: skip
                session.execute(update(Document).where(col(Document.id).in_([r[0] for r in rows])).values(status=S.QUEUED, queued_at=now, updated_at=now))
                session.execute(insert(ArchiveJob), [{
                    "document_id": i, "client_id": c, "version": v, "operation": JobOperation.ARCHIVE,
                    "priority": PRIORITY[DocumentKind(k)], "idempotency_key": idempotency_key(i, v, JobOperation.ARCHIVE),
                    "state": JobState.PENDING, "attempts": 0, "not_before": now, "created_at": now, "updated_at": now,
                } for i, c, v, k in rows])  # fmt: skip

    def drain(self, label: str, *, unreachable: bool = False, policy: QueuePolicy | None = None) -> dict[str, int]:
        """Work the queue through the embedded archive until nothing can move (or it is unreachable)."""
        catalog = catalog_from_database(self.engine)
        # the register the archive checks units against does not know the unit still being registered
        catalog = replace(catalog, service_units=frozenset((catalog.service_units or frozenset()) - {UNREGISTERED_UNIT}))
        store = ArchiveStore(self.archive_url, rng=random.Random(self.rng.getrandbits(64)))
        faults = _AlwaysBusy() if unreachable else FaultPlan()
        gateway = KantaSimulator(store, fixed_catalog(catalog), faults=faults, rng=self.rng, clock=self.clock)
        started, done = time.perf_counter(), [0]

        def report(batch: object) -> None:
            done[0] += getattr(batch, "leased", 0)
            self.progress(f"  {label}: {done[0]} sent to the archive ({time.perf_counter() - started:.1f} s)")

        try:
            stats = drain(self.engine, gateway, self.clock, self.rng, policy=policy or QueuePolicy(batch_size=500),
                          until_empty=True, on_batch=report, max_sleep_s=0.2)  # fmt: skip
        finally:
            gateway.close()
        return dict(stats.results)

    def demo_actor(self, d: District) -> Actor:
        with read_only(self.engine) as session:
            return load_actor(session, d.demo_worker, Channel.SEED)

    def correct_and_invalidate(self, actor: Actor) -> None:
        """Corrections (new versions) and invalidations of archived documents."""
        now = self.clock()
        for i in self._ids(Target.CORRECTED, Target.ARCHIVED_V2, demo=True):
            service.start_correction(self.engine, actor, i, content=f"Korjattu demoasiakirja {i}.", now=now)
        service.submit(self.engine, actor, self._ids(Target.ARCHIVED_V2, demo=True), now=now)
        for i in self._ids(Target.INVALIDATED, demo=True):
            service.invalidate(self.engine, actor, i, "Kirjattu väärälle asiakkaalle (demo)", now=now)
        with transaction(self.engine) as session:
            ids = self._ids(Target.CORRECTED, Target.ARCHIVED_V2, Target.INVALIDATED)
            for doc in session.exec(select(Document).where(col(Document.id).in_(ids), Document.status == S.ARCHIVED)).all():
                if self.targets[doc.id] == Target.INVALIDATED:  # type: ignore[index]
                    lifecycle.invalidate(doc, reason="Kirjattu väärälle asiakkaalle (demo)", now=now)
                    enqueue(session, doc, now=now, operation=JobOperation.INVALIDATE)
                    continue
                lifecycle.start_correction(doc, now=now)
                doc.content = f"Korjattu demoasiakirja {doc.id}."
                doc.content_hash = content_hash(doc.content)
                if self.targets[doc.id] == Target.ARCHIVED_V2:  # type: ignore[index]
                    lifecycle.queue(doc, now=now)
                    enqueue(session, doc, now=now)


def seed_demo(
    engine: Engine,
    *,
    archive_database_url: str,
    clock: Clock,
    seed: int = 2026,
    if_empty: bool = False,
    documents: int = 10_000,
    clients: int = 1_000,
    workers: int = 50,
    progress: Progress = lambda _: None,
) -> dict[str, object]:
    """Seed the district; with ``if_empty`` do nothing when documents exist already."""
    with read_only(engine) as session:
        existing = session.exec(select(func.count()).select_from(Document)).one()
    if existing:
        if if_empty:
            progress("the database already has documents: nothing to do")
            return {"skipped": True, "documents": existing}
        raise InvalidInput(messages.DEMO_DATABASE_NOT_EMPTY, "the database already has data: use --if-empty or an empty database")
    started = time.perf_counter()
    rng = random.Random(seed)
    seeder = Seeder(engine, archive_database_url, rng, clock, progress)
    _require_empty_archive(archive_database_url, rng)
    progress("code sets, units, workers, clients ...")
    with transaction(engine) as session:
        load_packaged(session)
        district = build_district(session, rng, workers=workers, clients=clients, today=clock().date())
    progress(f"documents ({documents:,} client documents + relationship and case records) ...")
    records = seeder.create_documents(district, documents)
    actor = seeder.demo_actor(district)
    progress("sending relationship and case records and documents to the archive stand-in ...")
    seeder.queue_bulk(records + seeder._ids(Target.ARCHIVED, Target.ARCHIVED_V2, Target.CORRECTED, Target.INVALIDATED, Target.FAILED_REJECTED))
    service.submit(engine, actor, seeder._ids(Target.ARCHIVED, Target.ARCHIVED_V2, Target.CORRECTED, Target.INVALIDATED, Target.FAILED_REJECTED, demo=True), now=clock())
    results = Counter(seeder.drain("first versions"))
    progress("corrections and invalidations ...")
    seeder.correct_and_invalidate(actor)
    results.update(seeder.drain("corrections and invalidations"))
    progress("documents the archive cannot be reached for ...")
    seeder.queue_bulk(seeder._ids(Target.FAILED_RETRY))
    service.submit(engine, actor, seeder._ids(Target.FAILED_RETRY, demo=True), now=clock())
    results.update(seeder.drain("unreachable archive", unreachable=True, policy=QueuePolicy(max_attempts=1, batch_size=500)))
    seeder.queue_bulk(seeder._ids(Target.QUEUED))
    service.submit(engine, actor, seeder._ids(Target.QUEUED, demo=True), now=clock())
    with read_only(engine) as session:
        statuses = dict(session.exec(select(Document.status, func.count()).group_by(Document.status)).all())
        kinds = dict(session.exec(select(Document.kind, func.count()).group_by(Document.kind)).all())
        demo_statuses = dict(session.exec(select(Document.status, func.count()).where(Document.author_id == district.demo_worker).group_by(Document.status)).all())
    seconds = round(time.perf_counter() - started, 1)
    progress(f"done in {seconds} s")
    return {
        "seed": seed, "workers": workers, "clients": clients, "service_units": len(SERVICE_UNITS),
        "documents": kinds, "statuses": statuses, "demo_worker": {"channel_user_id": "demo", "statuses": demo_statuses},
        "archive_results": dict(results), "seconds": seconds,
    }  # fmt: skip


def _require_empty_archive(url: str, rng: random.Random) -> None:
    """A fresh district must not meet entries of an earlier one in the stand-in's database."""
    store = ArchiveStore(url, rng=rng)
    try:
        if store.entries(limit=1).entries:
            raise InvalidInput(
                messages.DEMO_ARCHIVE_NOT_EMPTY,
                f"the archive stand-in's database ({url}) already holds entries of an earlier demo: "
                "remove it or set ARKISTOBOTTI_KANTA_SIM_DATABASE_URL to a new file",
            )
    finally:
        store.close()
