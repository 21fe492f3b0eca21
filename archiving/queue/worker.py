"""The queue worker: lease a batch, send it to the archive in order, commit the outcomes.

``archive work``, the bot's background task, ``seed-demo`` and the benchmark
all run :func:`drain` (or :meth:`QueueWorker.run_once`). A batch is three
steps: one transaction leases jobs and reads what to send; the sends happen
outside any transaction (relationship records first, then case records, then
client documents), followed by a lookup at the archive for the few answers that
need one (``archiving.queue.settle``); one transaction commits every outcome.
A crash between the steps leaves leased jobs that are taken again when the
lease expires, and the archive answers the resend from its idempotency key.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import socket
import time
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from archiving import audit
from archiving.clock import Clock
from archiving.db import read_only, transaction
from archiving.enums import JobOperation
from archiving.kanta import messages as m
from archiving.kanta.gateway import ArchiveError, ArchiveGateway, ArchiveReceipt, ArchiveRejected, OutcomeUnknown
from archiving.kanta.submission import Submission, build_invalidations, build_submissions
from archiving.models import Document
from archiving.queue.jobs import Lease, QueuePolicy, lease, workable
from archiving.queue.items import QUEUE_ACTOR, BatchStats, DrainStats, Item, JobResult, Notifier
from archiving.queue.outcomes import apply_outcomes
from archiving.queue.settle import settle

ARCHIVE_SEND = "archive.send"
SENT_COLUMNS = (
    "id",
    "kind",
    "document_type_system",
    "document_type_code",
    "title",
    "author_id",
    "client_id",
    "case_id",
    "relationship_id",
    "service_task_code",
    "service_unit_id",
    "version",
    "content",
    "content_hash",
    "created_at",
    "completed_at",
    "locked_at",
    "updated_at",
    "invalidation_reason",
)


def _version_metadata(doc: Document, sub: Submission) -> dict[str, object]:
    """What DocumentVersion keeps (as ``lifecycle.archived_metadata``), plus the archive identifiers."""
    return {
        "kind": doc.kind,
        "document_type": {"system": doc.document_type_system, "code": doc.document_type_code},
        "title": doc.title,
        "service_task": doc.service_task_code,
        "social_services": sorted(sub.social_service_codes),
        "service_unit": sub.service_unit_oid,
        "client_id": doc.client_id,
        "case_id": doc.case_id,
        "version": sub.version,
        "set_id": sub.set_id,
        "document_oid": sub.document_oid,
    }


class QueueWorker:
    """One worker identity (``owner``) working batches off the shared queue."""

    def __init__(
        self,
        engine: Engine,
        gateway: ArchiveGateway,
        *,
        clock: Clock,
        rng: random.Random,
        policy: QueuePolicy = QueuePolicy(),
        owner: str | None = None,
        notifier: Notifier | None = None,
        monotonic: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.engine = engine
        self.gateway = gateway
        self.clock = clock
        self.rng = rng
        self.policy = policy
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{rng.getrandbits(32):08x}"
        self.notifier = notifier
        self._monotonic = monotonic

    def _prepare(self, session: Session, leased: Lease, now: dt.datetime) -> list[Item]:
        jobs = leased.jobs + leased.expired_dead
        expired = {j.id for j in leased.expired_dead}
        table = Document.__table__  # type: ignore[attr-defined]
        rows = session.execute(
            select(*(table.c[name] for name in SENT_COLUMNS)).where(table.c.id.in_([j.document_id for j in jobs]))
        )
        docs = {row.id: row for row in rows}  # plain rows: what a header needs, none of the ORM bookkeeping
        current = [
            docs[j.document_id]
            for j in jobs
            if j.operation == JobOperation.ARCHIVE and j.version == docs[j.document_id].version
        ]
        subs = build_submissions(session, current)
        invs = build_invalidations(
            session, [(docs[j.document_id], j.version) for j in jobs if j.operation == JobOperation.INVALIDATE]
        )
        items: list[Item] = []
        for job in jobs:
            assert job.id is not None
            doc = docs[job.document_id]
            item = Item(
                job.id,
                job.document_id,
                job.client_id,
                job.version,
                job.operation,
                job.priority,
                blockers=leased.blocked_by.get(job.id, []),
                attempts=job.attempts,
            )
            if job.operation == JobOperation.INVALIDATE:
                item.request = invs[job.document_id]
            elif job.version == doc.version:
                item.request = subs[job.document_id]
                item.metadata = _version_metadata(doc, item.request)
            else:
                item.outcome = ArchiveRejected("STALE_VERSION", m.STALE_VERSION.en, m.STALE_VERSION.fi)
            if job.id in expired:  # not sent again: the archive is asked whether the last send arrived
                item.outcome = OutcomeUnknown("LEASE_EXPIRED", m.LEASE_EXPIRED.en, m.LEASE_EXPIRED.fi)
            items.append(item)
        targets = [
            audit.Target(i.document_id, i.client_id, {"operation": i.operation, "version": i.version})
            for i in items
            if i.request is not None and i.outcome is None
        ]
        audit.record_many(session, QUEUE_ACTOR, ARCHIVE_SEND, targets, now=now)
        return items

    def _call(self, send: Callable[[list], list], batch: list[Item]) -> None:  # type: ignore[type-arg]
        if not batch:
            return
        try:
            outcomes = send([i.request for i in batch])
        except ArchiveError as exc:  # the whole request failed (e.g. the archive is unreachable)
            outcomes = [exc] * len(batch)
        for item, outcome in zip(batch, outcomes, strict=True):
            item.outcome = outcome

    def _send(self, items: list[Item]) -> None:
        by_document = {i.document_id: i for i in items if i.operation == JobOperation.ARCHIVE}
        for priority in sorted({i.priority for i in items}):
            ready: list[Item] = []
            for item in items:
                if item.priority != priority or item.outcome is not None:
                    continue
                missing = [
                    b
                    for b in item.blockers
                    if not isinstance(getattr(by_document.get(b), "outcome", None), ArchiveReceipt)
                ]
                if missing:
                    item.deferred_for = missing[0]
                else:
                    ready.append(item)
            self._call(self.gateway.submit, [i for i in ready if i.operation == JobOperation.ARCHIVE])
            self._call(self.gateway.invalidate, [i for i in ready if i.operation == JobOperation.INVALIDATE])

    def run_once(self) -> BatchStats:
        """Lease, send and commit one batch; an idle result means nothing was due."""
        started = self._monotonic()
        now = self.clock()
        with transaction(self.engine) as session:
            leased = lease(session, owner=self.owner, now=now, policy=self.policy)
            items = self._prepare(session, leased, now) if leased.jobs or leased.expired_dead else []
        stats = BatchStats(leased=len(items), deferred=leased.deferred)
        results: list[JobResult] = []
        if items:
            self._send(items)
            settle(self.gateway, items, self.policy)
            with transaction(self.engine) as session:
                results += apply_outcomes(
                    session,
                    items,
                    owner=self.owner,
                    now=self.clock(),
                    policy=self.policy,
                    rng=self.rng,
                    notifier=self.notifier,
                )
        for r in results:
            stats.results[r.result] = stats.results.get(r.result, 0) + 1
        stats.seconds = self._monotonic() - started
        return stats


def drain(
    engine: Engine,
    gateway: ArchiveGateway,
    clock: Clock,
    rng: random.Random,
    *,
    policy: QueuePolicy = QueuePolicy(),
    until_empty: bool = True,
    sleep: Callable[[float], None] = time.sleep,
    should_stop: Callable[[], bool] = lambda: False,
    notifier: Notifier | None = None,
    owner: str | None = None,
    max_sleep_s: float = 5.0,
    on_batch: Callable[[BatchStats], None] | None = None,
) -> DrainStats:
    """Work the queue; with ``until_empty`` stop once no job can make progress any more.

    Waits (with ``sleep``) for jobs in backoff; jobs waiting for a record that nobody
    has queued are counted in ``remaining`` rather than waited for. Without
    ``until_empty`` it runs until ``should_stop()`` says so.
    """
    worker = QueueWorker(engine, gateway, clock=clock, rng=rng, policy=policy, owner=owner, notifier=notifier)
    stats = DrainStats()
    while not should_stop():
        batch = worker.run_once()
        if not batch.idle:
            stats.add(batch)
            if on_batch is not None:
                on_batch(batch)
            continue
        with read_only(engine) as session:
            count, next_due = workable(session)
        stats.remaining = count
        if until_empty and count == 0:
            break
        wait = max_sleep_s if next_due is None else (next_due - clock()).total_seconds()
        sleep(min(max(wait, 0.01), max_sleep_s))
    return stats
