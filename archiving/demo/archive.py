"""The demo's way to the archive: bulk queueing, draining through the embedded stand-in, corrections.

The archive the demo talks to checks service units against a register that does
not yet know the unit still being registered, so documents of that unit are
refused there, as a real archive would refuse them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import insert, update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving import documents as service
from archiving import lifecycle, messages
from archiving.actors import Actor
from archiving.authoring import content_hash
from archiving.clock import Clock
from archiving.db import transaction
from archiving.demo.documents import UNREGISTERED_UNIT, Plan, Target
from archiving.enums import DocumentKind, DocumentStatus as S, JobOperation, JobState
from archiving.errors import InvalidInput
from archiving.kanta.catalog import catalog_from_database, fixed_catalog
from archiving.kanta.simulator import Fault, FaultPlan, KantaSimulator
from archiving.kanta.store import ArchiveStore
from archiving.models import ArchiveJob, Document
from archiving.queue import PRIORITY, QueuePolicy, enqueue, idempotency_key
from archiving.queue.worker import BatchStats, drain

INVALIDATION_REASON = "Kirjattu väärälle asiakkaalle (demo)"


class AlwaysBusy(FaultPlan):
    """The archive refuses every request as busy: nothing is stored, the attempts run out."""

    def roll(self, rng: random.Random) -> Fault | None:
        return Fault.BUSY


def queue_bulk(engine: Engine, ids: list[int], clock: Clock) -> None:
    """locked → queued with one job each, in bulk: what ``submit`` does, without per-row round trips."""
    now = clock()
    with transaction(engine) as session:
        for start in range(0, len(ids), 2000):
            rows = session.exec(
                select(Document.id, Document.client_id, Document.version, Document.kind).where(
                    col(Document.id).in_(ids[start : start + 2000]), Document.status == S.LOCKED
                )
            ).all()
            if not rows:
                continue
            session.execute(
                update(Document).where(col(Document.id).in_([r[0] for r in rows])).values(status=S.QUEUED, queued_at=now, updated_at=now)
            )
            session.execute(insert(ArchiveJob), [{
                "document_id": i, "client_id": c, "version": v, "operation": JobOperation.ARCHIVE,
                "priority": PRIORITY[DocumentKind(k)], "idempotency_key": idempotency_key(i, v, JobOperation.ARCHIVE),
                "state": JobState.PENDING, "attempts": 0, "not_before": now, "created_at": now, "updated_at": now,
            } for i, c, v, k in rows])  # fmt: skip


def drain_archive(
    engine: Engine, archive_url: str, rng: random.Random, clock: Clock, progress: Callable[[str], None], label: str,
    *, unreachable: bool = False, policy: QueuePolicy | None = None,
) -> dict[str, int]:  # fmt: skip
    """Work the queue through the embedded archive until nothing can move (or it is unreachable)."""
    catalog = catalog_from_database(engine)
    catalog = replace(catalog, service_units=frozenset((catalog.service_units or frozenset()) - {UNREGISTERED_UNIT}))
    store = ArchiveStore(archive_url, rng=random.Random(rng.getrandbits(64)))
    faults = AlwaysBusy() if unreachable else FaultPlan()
    gateway = KantaSimulator(store, fixed_catalog(catalog), faults=faults, rng=rng, clock=clock)
    started, sent = time.perf_counter(), [0]

    def report(batch: BatchStats) -> None:
        sent[0] += batch.leased
        progress(f"  {label}: {sent[0]} sent to the archive ({time.perf_counter() - started:.1f} s)")

    try:
        stats = drain(engine, gateway, clock, rng, policy=policy or QueuePolicy(batch_size=500),
                      until_empty=True, on_batch=report, max_sleep_s=0.2)  # fmt: skip
    finally:
        gateway.close()
    return dict(stats.results)


def correct_and_invalidate(engine: Engine, plan: Plan, actor: Actor, clock: Clock) -> None:
    """New versions and invalidations of archived documents: the demo worker's through the service API."""
    now = clock()
    for i in plan.ids(Target.CORRECTED, Target.ARCHIVED_V2, demo=True):
        service.start_correction(engine, actor, i, content=f"Korjattu demoasiakirja {i}.", now=now)
    service.submit(engine, actor, plan.ids(Target.ARCHIVED_V2, demo=True), now=now)
    for i in plan.ids(Target.INVALIDATED, demo=True):
        service.invalidate(engine, actor, i, INVALIDATION_REASON, now=now)
    with transaction(engine) as session:
        ids = plan.ids(Target.CORRECTED, Target.ARCHIVED_V2, Target.INVALIDATED)
        for doc in session.exec(select(Document).where(col(Document.id).in_(ids), Document.status == S.ARCHIVED)).all():
            target = plan.targets[doc.id]  # type: ignore[index]
            if target == Target.INVALIDATED:
                lifecycle.invalidate(doc, reason=INVALIDATION_REASON, now=now)
                enqueue(session, doc, now=now, operation=JobOperation.INVALIDATE)
                continue
            lifecycle.start_correction(doc, now=now)
            doc.content = f"Korjattu demoasiakirja {doc.id}."
            doc.content_hash = content_hash(doc.content)
            if target == Target.ARCHIVED_V2:
                lifecycle.queue(doc, now=now)
                enqueue(session, doc, now=now)


def require_empty_archive(url: str, rng: random.Random) -> None:
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
