"""The database-backed archive queue.

``enqueue`` runs inside the caller's transaction (the same one that moves the
document to ``queued``). Leasing, sending, backoff and dead-lettering live
below it.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from archiving.enums import DocumentKind, JobOperation, JobState
from archiving.models import ArchiveJob, Document

PRIORITY = {DocumentKind.RELATIONSHIP: 0, DocumentKind.CASE: 1, DocumentKind.CLIENT: 2}


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
        job.updated_at = now
    session.flush()
    return job
