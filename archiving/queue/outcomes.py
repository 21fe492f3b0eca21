"""What the archive's answers do to jobs and documents, committed together per batch.

One transaction per batch moves every job (done, retry with backoff, dead) and
its document through ``archiving.lifecycle``, records archived versions, frees
jobs that waited for a record, and writes one audit row per job (actor: the
system queue, channel ``queue``). A job whose lease another worker has taken
over is left to that worker. A version conflict (the archive holds the version
as sent before a fix) records what the archive holds and queues the fix as a
correction, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, insert, update
from sqlalchemy.orm import load_only
from sqlmodel import Session, col, select

from archiving import audit, lifecycle
from archiving.enums import DocumentKind, DocumentStatus, JobOperation, JobState
from archiving.errors import IllegalTransition
from archiving.free_text import scrub
from archiving.kanta import messages as m
from archiving.kanta.gateway import ArchiveConflict, ArchiveError, ArchiveReceipt
from archiving.models import Document, DocumentVersion
from archiving.queue.jobs import JOBS, QueuePolicy, backoff_delay, release_waiting
from archiving.queue.items import QUEUE_ACTOR, Item, JobResult, Notifier, Result
from archiving.queue.settle import correct_after_conflict
from archiving.types import UTCDateTime

VERSIONS = DocumentVersion.__table__  # type: ignore[attr-defined]


@dataclass
class _JobRow:
    """The columns an outcome changes, written back for the whole batch in one statement."""

    id: int
    attempts: int
    state: str = JobState.PENDING
    not_before: dt.datetime | None = None
    waiting_for: int | None = None
    last_error: str | None = None
    last_error_code: str | None = None
    finished_at: dt.datetime | None = None


def _write_jobs(session: Session, rows: Sequence[_JobRow], now: dt.datetime) -> None:
    if not rows:
        return
    c = JOBS.c
    statement = (
        update(JOBS)
        .where(c.id == bindparam("b_id"))
        .values(
            state=bindparam("b_state"),
            attempts=bindparam("b_attempts"),
            not_before=func.coalesce(bindparam("b_not_before", type_=UTCDateTime()), c.not_before),
            waiting_for=bindparam("b_waiting_for"),
            last_error=bindparam("b_last_error"),
            last_error_code=bindparam("b_last_error_code"),
            finished_at=bindparam("b_finished_at", type_=UTCDateTime()),
            lease_owner=None,
            lease_expires_at=None,
            updated_at=now,
        )
    )
    values = [{f"b_{k}": v for k, v in vars(r).items()} for r in rows]
    for row in values:  # Core update: the ORM's free-text scrub (archiving.free_text) does not see it
        row["b_last_error"] = scrub(row["b_last_error"])
    session.execute(statement, values)


def _fail_document(
    doc: Document | None, version: int, error: ArchiveError, message_fi: str, retryable: bool, now: dt.datetime
) -> None:
    if doc is not None and doc.status == DocumentStatus.QUEUED and doc.version == version:
        lifecycle.mark_failed(doc, code=error.code, message=message_fi, retryable=retryable, now=now)


def _succeed(
    session: Session, item: Item, job: _JobRow, doc: Document | None, receipt: ArchiveReceipt, now: dt.datetime
) -> str:
    job.state, job.finished_at, job.last_error, job.last_error_code = JobState.DONE, now, None, None
    if doc is None:
        return Result.ARCHIVED
    if item.operation == JobOperation.INVALIDATE:
        if doc.status == DocumentStatus.INVALIDATED:
            lifecycle.confirm_invalidation(session, doc, now=now)
        return Result.INVALIDATED
    if doc.status == DocumentStatus.QUEUED and doc.version == item.version:
        lifecycle.mark_archived(
            session, doc, version=item.version, archive_reference=receipt.reference, now=now, metadata=item.metadata
        )
    return Result.ARCHIVED


def _fail(
    item: Item,
    job: _JobRow,
    doc: Document | None,
    error: ArchiveError,
    now: dt.datetime,
    policy: QueuePolicy,
    rng: random.Random,
) -> str:
    job.last_error, job.last_error_code = error.message_en, error.code[:64]
    if not error.retryable:
        job.state, job.finished_at = JobState.DEAD, now
        _fail_document(doc, item.version, error, error.message_fi, False, now)
        return Result.REJECTED
    if job.attempts >= policy.max_attempts:
        job.state, job.finished_at = JobState.DEAD, now
        text = m.gave_up_fi(job.attempts, error.code, error.message_fi)
        job.last_error = m.GAVE_UP.en.format(attempts=job.attempts, error=error.message_en)
        _fail_document(doc, item.version, error, text, True, now)
        return Result.DEAD
    job.state = JobState.PENDING
    job.not_before = now + dt.timedelta(seconds=backoff_delay(job.attempts, policy, rng))
    return Result.RETRY


def _insert_new_versions(session: Session) -> None:
    """Write the DocumentVersion rows the lifecycle added with one multi-row insert.

    The ORM would insert them one statement each to learn their ids, which
    nothing here needs; they leave the session and go in as plain rows.
    """
    added = [o for o in list(session.new) if isinstance(o, DocumentVersion)]
    if not added:
        return
    for row in added:
        session.expunge(row)
    names = [c.name for c in VERSIONS.c if c.name != "id"]
    session.execute(insert(VERSIONS), [{name: getattr(row, name) for name in names} for row in added])


def _documents(session: Session, ids: Sequence[int]) -> dict[int, Document]:
    # only what the lifecycle's result transitions read; the rest is written without being loaded
    needed = (
        Document.status,
        Document.version,
        Document.kind,
        Document.author_id,
        Document.client_id,
        Document.content_hash,
    )
    query = select(Document).where(col(Document.id).in_(set(ids))).options(load_only(*needed))  # type: ignore[arg-type]
    docs = session.exec(query).all()
    return {d.id: d for d in docs if d.id is not None}


def _audit(session: Session, rows: list[tuple[int, int, dict[str, object]]], now: dt.datetime) -> None:
    targets = [audit.Target(document_id=d, client_id=c, detail=detail) for d, c, detail in rows]
    audit.record_many(session, QUEUE_ACTOR, audit.ARCHIVE_RESULT, targets, now=now)


def apply_outcomes(
    session: Session,
    items: Sequence[Item],
    *,
    owner: str,
    now: dt.datetime,
    policy: QueuePolicy,
    rng: random.Random,
    notifier: Notifier | None = None,
) -> list[JobResult]:
    """Commit what the archive answered for a batch (in the caller's transaction)."""
    if not items:
        return []
    c = JOBS.c
    query = select(c.id, c.attempts).where(
        c.id.in_([i.job_id for i in items]), c.state == JobState.LEASED, c.lease_owner == owner
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    jobs = {row.id: _JobRow(row.id, row.attempts) for row in session.execute(query)}
    docs = _documents(session, [i.document_id for i in items if i.job_id in jobs])
    results: list[JobResult] = []
    audit_rows: list[tuple[int, int, dict[str, object]]] = []
    released: list[int] = []
    for item in items:
        job = jobs.get(item.job_id)
        doc = docs.get(item.document_id)
        error: ArchiveError | None = None
        if job is None:
            results.append(JobResult(item.job_id, item.document_id, None, item.version, item.operation, Result.SKIPPED))
            continue
        if item.deferred_for is not None:
            job.state, job.waiting_for = JobState.PENDING, item.deferred_for
            job.attempts = max(job.attempts - 1, 0)  # the order rule costs no attempt
            job.not_before = now + dt.timedelta(seconds=policy.backoff_cap_s)
            result = Result.DEFERRED
        else:
            assert item.outcome is not None
            try:
                if isinstance(item.outcome, ArchiveReceipt):
                    result = _succeed(session, item, job, doc, item.outcome, now)
                    if doc is not None and doc.kind != DocumentKind.CLIENT:
                        released.append(item.document_id)
                elif isinstance(item.outcome, ArchiveConflict) and item.stored is not None:
                    error = correct_after_conflict(session, item, doc, item.stored, now)
                    job.state, job.finished_at = JobState.DONE, now  # the key is settled in the archive
                    job.last_error, job.last_error_code = error.message_en, error.code
                    result = Result.CORRECTED
                    if doc is not None and doc.kind != DocumentKind.CLIENT:
                        released.append(item.document_id)  # the earlier version is in the archive
                else:
                    error = item.outcome
                    result = _fail(item, job, doc, error, now, policy, rng)
            except IllegalTransition as exc:  # the document moved on meanwhile; keep the job's history
                error = ArchiveError("STATE_CONFLICT", exc.message_en, exc.message_fi)
                job.state, job.finished_at = JobState.DEAD, now
                job.last_error, job.last_error_code = error.message_en, error.code
                result = Result.DEAD
        detail: dict[str, object] = {
            "result": result,
            "operation": item.operation,
            "version": item.version,
            "attempt": job.attempts,
        }
        if error is not None:
            detail["code"] = error.code
        audit_rows.append((item.document_id, item.client_id, detail))
        results.append(
            JobResult(
                item.job_id,
                item.document_id,
                doc.author_id if doc else None,
                item.version,
                item.operation,
                result,
                error.code if error else None,
                error.message_fi if error else None,
                error.message_en if error else None,
            )
        )
    _insert_new_versions(session)
    _write_jobs(session, list(jobs.values()), now)
    release_waiting(session, released, now)
    _audit(session, audit_rows, now)
    if notifier is not None:
        notifier(session, results)
    return results
