"""The database-backed archive queue: enqueue, lease, backoff and the order rule.

``enqueue`` runs inside the caller's transaction (the same one that moves the
document to ``queued``). :func:`lease` takes a batch of due jobs in one
transaction: on PostgreSQL with ``FOR UPDATE SKIP LOCKED`` so several processes
share one queue; on SQLite ``BEGIN IMMEDIATE`` already serialises writers. A
lease expires, so a crashed worker's jobs are taken again. Sending and outcomes
live in ``archiving.queue.worker`` and ``archiving.queue.outcomes``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, type_coerce, update
from sqlmodel import Session, col, select

from archiving.enums import DocumentKind, DocumentStatus, JobOperation, JobState
from archiving.models import ArchiveJob, Document
from archiving.order_rule import PREREQUISITES
from archiving.types import UTCDateTime

PRIORITY = {DocumentKind.RELATIONSHIP: 0, DocumentKind.CASE: 1, DocumentKind.CLIENT: 2}
KIND_OF_PRIORITY = {p: k for k, p in PRIORITY.items()}
ACTIVE = (JobState.PENDING, JobState.LEASED)


def idempotency_key(document_id: int, version: int, operation: str) -> str:
    """The archive sees one entry per (document, version, operation), however often it is sent."""
    return f"{document_id}:{version}:{operation}"


def enqueue(
    session: Session,
    document: Document,
    *,
    now: dt.datetime,
    operation: JobOperation = JobOperation.ARCHIVE,
) -> ArchiveJob:
    """Queue ``document`` at its current version; re-queuing the same version reuses its job."""
    assert document.id is not None
    key = idempotency_key(document.id, document.version, operation)
    job = session.exec(select(ArchiveJob).where(ArchiveJob.idempotency_key == key)).first()
    if job is None:
        job = ArchiveJob(
            document_id=document.id,
            client_id=document.client_id,
            version=document.version,
            operation=operation,
            priority=PRIORITY[DocumentKind(document.kind)],
            idempotency_key=key,
            state=JobState.PENDING,
            not_before=now,
            created_at=now,
            updated_at=now,
        )
        session.add(job)
    elif job.state != JobState.DONE:
        # a retry after a fix: start afresh, keep the key so the archive still dedupes
        job.state = JobState.PENDING
        job.attempts = 0
        job.not_before = now
        job.lease_owner = None
        job.lease_expires_at = None
        job.waiting_for = None
        job.updated_at = now
    session.flush()
    return job


@dataclass(frozen=True)
class QueuePolicy:
    """How the queue retries: attempts before dead-lettering, backoff, lease length, batch size."""

    max_attempts: int = 8
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 900.0
    lease_s: float = 60.0
    batch_size: int = 200

    @classmethod
    def from_settings(cls, settings: Any, **overrides: object) -> QueuePolicy:
        """The policy from ``bot.settings.Settings`` (its ``queue_*`` fields); None overrides are ignored."""
        values = {name: getattr(settings, f"queue_{name}") for name in cls.__dataclass_fields__}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def backoff_delay(attempts: int, policy: QueuePolicy, rng: random.Random) -> float:
    """Seconds to wait after ``attempts`` failed sends: exponential, capped, with equal jitter."""
    ceiling = min(policy.backoff_cap_s, policy.backoff_base_s * 2 ** max(attempts - 1, 0))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


JOBS = ArchiveJob.__table__  # type: ignore[attr-defined]


@dataclass
class LeasedJob:
    """One job as a worker holds it (a plain record: leasing and outcomes write with bulk statements)."""

    id: int
    document_id: int
    client_id: int
    version: int
    operation: str
    priority: int
    attempts: int
    state: str = JobState.LEASED
    lease_owner: str | None = None
    lease_expires_at: dt.datetime | None = None


@dataclass
class Lease:
    """Jobs taken by one worker, and jobs whose lease expired on their last attempt.

    ``expired_dead`` jobs are held by this worker too, not to be sent again but
    to ask the archive whether the interrupted send arrived before giving up.

    ``blocked_by`` names, per taken job id, the records in the same batch that must
    reach the archive first (the worker sends those earlier and defers on failure).
    """

    jobs: list[LeasedJob]
    expired_dead: list[LeasedJob]
    deferred: int
    blocked_by: dict[int, list[int]]


def _blockers(session: Session, client_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """Per client: (document id, kind) of relationship/case records not yet in the archive."""
    if not client_ids:
        return {}
    rows = session.exec(
        select(Document.client_id, Document.id, Document.kind).where(
            col(Document.client_id).in_(client_ids),
            col(Document.kind).in_((DocumentKind.RELATIONSHIP, DocumentKind.CASE)),
            col(Document.archived_at).is_(None),  # the same test as ``archiving.order_rule``
            Document.status != DocumentStatus.INVALIDATED,
        )
    ).all()
    result: dict[int, list[tuple[int, str]]] = {}
    for client_id, doc_id, kind in rows:
        result.setdefault(client_id, []).append((doc_id, kind))
    return result


def lease(session: Session, *, owner: str, now: dt.datetime, policy: QueuePolicy) -> Lease:
    """Take up to ``batch_size`` due jobs for ``owner`` in the caller's transaction.

    Order rule: a case or client document whose client still has relationship or
    case records outside the archive is not taken unless those records are in
    the same batch; otherwise it waits (``waiting_for``) without spending an attempt.
    """
    c = JOBS.c
    _release_stale_waits(session, now)
    due = or_(
        and_(c.state == JobState.PENDING, c.not_before <= now),
        and_(c.state == JobState.LEASED, c.lease_expires_at <= now),
    )
    query = (
        select(c.id, c.document_id, c.client_id, c.version, c.operation, c.priority, c.attempts, c.state)
        .where(due)
        .order_by(c.priority, c.not_before, c.id)
        .limit(policy.batch_size)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    candidates = session.execute(query).all()
    blockers = _blockers(session, {r.client_id for r in candidates if r.priority > 0})
    in_batch = {r.document_id for r in candidates if r.operation == JobOperation.ARCHIVE}
    expires = now + dt.timedelta(seconds=policy.lease_s)
    result = Lease([], [], 0, {})
    waits: dict[int, list[int]] = {}
    for row in candidates:
        job = LeasedJob(row.id, row.document_id, row.client_id, row.version, row.operation, row.priority, row.attempts)
        needs = PREREQUISITES[KIND_OF_PRIORITY[job.priority]]
        earlier = [d for d, kind in blockers.get(job.client_id, ()) if kind in needs]
        outside = [d for d in earlier if d not in in_batch]
        if outside and job.operation == JobOperation.ARCHIVE:
            waits.setdefault(min(outside), []).append(job.id)
        elif row.state == JobState.LEASED and job.attempts >= policy.max_attempts:
            job.lease_owner, job.lease_expires_at = owner, expires
            result.expired_dead.append(job)  # its workers kept stopping mid-send: settle it, then give up
        else:
            job.attempts += 1
            job.lease_owner, job.lease_expires_at = owner, expires
            result.jobs.append(job)
            if earlier and job.operation == JobOperation.ARCHIVE:
                result.blocked_by[job.id] = earlier
    later = now + dt.timedelta(seconds=policy.backoff_cap_s)
    for record, ids in waits.items():  # released early when the record reaches the archive
        session.execute(
            update(JOBS)
            .where(c.id.in_(ids))
            .values(
                state=JobState.PENDING,
                waiting_for=record,
                not_before=later,
                lease_owner=None,
                lease_expires_at=None,
                updated_at=now,
            )
        )
        result.deferred += len(ids)
    if result.jobs:
        session.execute(
            update(JOBS)
            .where(c.id.in_([j.id for j in result.jobs]))
            .values(
                state=JobState.LEASED,
                lease_owner=owner,
                lease_expires_at=expires,
                attempts=c.attempts + 1,
                waiting_for=None,
                updated_at=now,
            )
        )
    if result.expired_dead:
        session.execute(
            update(JOBS)
            .where(c.id.in_([j.id for j in result.expired_dead]))
            .values(lease_owner=owner, lease_expires_at=expires, updated_at=now)
        )
    return result


def _release_stale_waits(session: Session, now: dt.datetime) -> None:
    """Free jobs still waiting for a record that is already in the archive.

    ``release_waiting`` frees them when the record is archived; a worker that
    decided to wait while another committed that record (PostgreSQL, read
    committed) can miss it, so every lease sweeps up such late waiters.
    """
    docs = Document.__table__  # type: ignore[attr-defined]
    gone = (
        select(docs.c.id)
        .where(docs.c.id == JOBS.c.waiting_for)
        .where(or_(docs.c.archived_at.is_not(None), docs.c.status == DocumentStatus.INVALIDATED))
    )
    session.execute(
        update(JOBS)
        .where(JOBS.c.state == JobState.PENDING, JOBS.c.waiting_for.is_not(None), gone.exists())
        .values(not_before=now, waiting_for=None, updated_at=now)
    )


def release_waiting(session: Session, archived_document_ids: list[int], now: dt.datetime) -> None:
    """Jobs that waited for these records to reach the archive become due now."""
    if archived_document_ids:
        session.execute(
            update(JOBS)
            .where(JOBS.c.state == JobState.PENDING, JOBS.c.waiting_for.in_(archived_document_ids))
            .values(not_before=now, waiting_for=None, updated_at=now)
        )


def queue_counts(session: Session) -> dict[str, int]:
    """Jobs per state."""
    rows = session.exec(select(ArchiveJob.state, func.count()).group_by(ArchiveJob.state)).all()
    return {state: int(n) for state, n in rows}


def workable(session: Session) -> tuple[int, dt.datetime | None]:
    """Jobs that can still make progress, and when the next of them is due.

    A job waiting for a record that has no active job of its own (a draft, or a
    dead job) cannot progress until someone acts, so it is not counted.
    """
    active_docs = select(ArchiveJob.document_id).where(col(ArchiveJob.state).in_(ACTIVE))
    can_move = and_(
        col(ArchiveJob.state).in_(ACTIVE),
        or_(col(ArchiveJob.waiting_for).is_(None), col(ArchiveJob.waiting_for).in_(active_docs)),
    )
    due_at = type_coerce(func.min(func.coalesce(ArchiveJob.lease_expires_at, ArchiveJob.not_before)), UTCDateTime())
    count, next_due = session.exec(select(func.count(), due_at).where(can_move)).one()
    return int(count), next_due
