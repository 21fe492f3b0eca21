"""The archiving lifecycle of a document: which state changes are legal, and their bookkeeping.

    draft → completed → locked → queued → archived
                                 queued → failed (retryable or not) → queued again (a retryable
                                          failure by resubmitting, any failure after a fix)
    archived → corrected (version + 1) → queued → archived (the new version replaces the old)
    queued → queued as a correction (version + 1), when the archive turns out to hold the
             queued version as it was sent before a fix (see :func:`correct_after_conflict`)
    archived → invalidated (with a reason; the archived version is kept in DocumentVersion)

Metadata may change in draft, completed, locked, failed and corrected; changing an
archived document first makes it a correction. Each function changes one document
in the caller's transaction and raises :class:`IllegalTransition` (with a Finnish
explanation of what to do instead) when the state does not allow it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlmodel import Session, col, select

from archiving.enums import DocumentStatus as S
from archiving.errors import IllegalTransition
from archiving.models import Document, DocumentSocialService, DocumentVersion, ServiceUnit

EDITABLE = frozenset({S.DRAFT, S.COMPLETED, S.LOCKED, S.FAILED, S.CORRECTED})
SUBMITTABLE = frozenset({S.COMPLETED, S.LOCKED, S.FAILED, S.CORRECTED})
IN_ARCHIVE = frozenset({S.ARCHIVED, S.CORRECTED, S.INVALIDATED})


def _require(document: Document, action: str, allowed: frozenset[str] | set[str]) -> None:
    if document.status not in allowed:
        raise IllegalTransition(document.id, document.status, action)


def _move(document: Document, status: S, now: dt.datetime) -> None:
    document.status = status
    document.updated_at = now


def complete(document: Document, *, now: dt.datetime) -> None:
    """draft → completed: the author has finished writing."""
    _require(document, "complete", {S.DRAFT})
    _move(document, S.COMPLETED, now)
    document.completed_at = now


def lock(document: Document, *, now: dt.datetime) -> None:
    """completed → locked: the content can no longer be edited."""
    _require(document, "lock", {S.COMPLETED})
    _move(document, S.LOCKED, now)
    document.locked_at = now


def is_resendable(document: Document) -> bool:
    """Whether a submit may send the document as it is (a non-retryable failure needs a fix first)."""
    if document.status == S.FAILED:
        return bool(document.error_retryable)
    return document.status in (S.LOCKED, S.CORRECTED)


def queue(document: Document, *, now: dt.datetime, after_fix: bool = False) -> None:
    """locked / corrected / failed → queued; a non-retryable failure only ``after_fix``."""
    _require(document, "submit", {S.LOCKED, S.CORRECTED, S.FAILED})
    if document.status == S.FAILED and not (document.error_retryable or after_fix):
        raise IllegalTransition(document.id, document.status, "submit")
    _move(document, S.QUEUED, now)
    document.queued_at = now
    document.last_error = None
    document.last_error_code = None
    document.error_retryable = None


def begin_metadata_change(document: Document, *, now: dt.datetime) -> bool:
    """Allow a metadata change; an archived document becomes a correction. True if it did."""
    if document.status == S.ARCHIVED:
        start_correction(document, now=now)
        return True
    _require(document, "fix", EDITABLE)
    return False


def start_correction(document: Document, *, now: dt.datetime) -> None:
    """archived → corrected: a new version that will replace the archived one."""
    _require(document, "correct", {S.ARCHIVED})
    _move(document, S.CORRECTED, now)
    document.version += 1


def invalidate(document: Document, *, reason: str, now: dt.datetime) -> None:
    """archived → invalidated, recording why; the archived version stays in DocumentVersion."""
    _require(document, "invalidate", {S.ARCHIVED})
    _move(document, S.INVALIDATED, now)
    document.invalidation_reason = reason


# --- results from the archive (called by the queue worker) -------------------------------


def mark_archived(
    session: Session,
    document: Document,
    *,
    version: int,
    archive_reference: str | None,
    now: dt.datetime,
    metadata: dict[str, object] | None = None,
    content_hash: str | None = None,
) -> DocumentVersion:
    """queued → archived for ``version``; records the version and supersedes the previous one.

    ``metadata`` is what was sent (see :func:`archived_metadata`); computed when not given.
    ``content_hash`` is the archived body's hash when the archive holds another than the document's.
    """
    _require(document, "archive_result", {S.QUEUED})
    if document.version != version:
        raise IllegalTransition(document.id, document.status, "archive_result")
    _move(document, S.ARCHIVED, now)
    document.archived_at = now
    document.archive_reference = archive_reference
    document.last_error = None
    document.last_error_code = None
    document.error_retryable = None
    assert document.id is not None
    if version > 1:
        previous = session.exec(
            select(DocumentVersion).where(
                DocumentVersion.document_id == document.id,
                col(DocumentVersion.version) < version,
                DocumentVersion.state == "archived",
            )
        ).all()
        for old in previous:
            old.state = "superseded"
    row = DocumentVersion(
        document_id=document.id,
        version=version,
        state="archived",
        metadata_json=json.dumps(
            metadata if metadata is not None else archived_metadata(session, document),
            ensure_ascii=False,
            sort_keys=True,
        ),
        content_hash=content_hash or document.content_hash,
        archive_reference=archive_reference,
        archived_at=now,
    )
    session.add(row)
    return row


def correct_after_conflict(
    session: Session,
    document: Document,
    *,
    version: int,
    archive_reference: str,
    metadata: dict[str, object],
    content_hash: str | None,
    now: dt.datetime,
) -> DocumentVersion:
    """queued → queued as correction ``version + 1``: the archive already holds ``version`` as sent earlier.

    A version whose answer was lost can be fixed and sent again under the same key;
    the archive keeps what it stored first. Record that truthfully (``metadata`` and
    ``content_hash`` as the archive holds them), then send the document as it is
    now as the next version. The caller queues the new version's job.
    """
    row = mark_archived(
        session,
        document,
        version=version,
        archive_reference=archive_reference,
        now=now,
        metadata=metadata,
        content_hash=content_hash,
    )
    start_correction(document, now=now)
    queue(document, now=now)
    return row


def mark_failed(document: Document, *, code: str, message: str, retryable: bool, now: dt.datetime) -> None:
    """queued → failed with the archive's error; ``retryable`` says whether resending as-is may work."""
    _require(document, "archive_result", {S.QUEUED})
    _move(document, S.FAILED, now)
    document.last_error_code = code[:64]
    document.last_error = message
    document.error_retryable = retryable


def confirm_invalidation(session: Session, document: Document, *, now: dt.datetime) -> None:
    """The archive has invalidated the document: mark its archived version row invalidated (kept)."""
    _require(document, "archive_result", {S.INVALIDATED})
    for row in session.exec(select(DocumentVersion).where(DocumentVersion.document_id == document.id)).all():
        if row.state == "archived":
            row.state = "invalidated"
    document.updated_at = now


def archived_metadata(session: Session, document: Document, social_services: Sequence[str] | None = None) -> dict[str, object]:
    """The metadata a version travels with, as kept in DocumentVersion (no henkilötunnus)."""
    if social_services is None:
        social_services = session.exec(
            select(DocumentSocialService.code).where(DocumentSocialService.document_id == document.id)
        ).all()
    unit = session.get(ServiceUnit, document.service_unit_id) if document.service_unit_id else None
    return {
        "kind": document.kind,
        "document_type": {"system": document.document_type_system, "code": document.document_type_code},
        "title": document.title,
        "service_task": document.service_task_code,
        "social_services": sorted(social_services),
        "service_unit": unit.oid if unit else None,
        "client_id": document.client_id,
        "case_id": document.case_id,
        "version": document.version,
    }
