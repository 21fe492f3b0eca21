"""Asking the archive what it holds, when a send's answer cannot be taken as it is.

Two answers need a look at the archive before the queue commits an outcome:

* a version conflict: the archive holds this key with another header (a fix was
  sent under the key of a version already stored); the queue needs the stored
  header to record what was really archived;
* an unknown outcome (timeout, lost answer, a worker that died mid-send) on the
  job's last attempt: before the job is dead-lettered, the archive may already
  have it, in which case the document is archived, not failed.

:func:`settle` runs between the send and the outcome transaction, outside any
transaction, so the product database is never locked while the archive is
asked; :func:`correct_after_conflict` runs in the outcome transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from archiving import audit, lifecycle
from archiving.enums import JobOperation
from archiving.kanta import messages as m
from archiving.kanta.gateway import (
    ArchiveConflict,
    ArchiveError,
    ArchiveGateway,
    ArchiveReceipt,
    Outcome,
    OutcomeUnknown,
)
from archiving.kanta.rules import version_conflict
from archiving.kanta.submission import Submission, header_digest, header_json
from archiving.models import Document
from archiving.queue.jobs import QueuePolicy, enqueue
from archiving.queue.items import QUEUE_ACTOR, Item


def needs_lookup(item: Item, policy: QueuePolicy) -> bool:
    """A conflict, or an unknown outcome that would otherwise dead-letter the job."""
    if item.request is None:
        return False
    if isinstance(item.outcome, ArchiveConflict):
        return True
    return isinstance(item.outcome, OutcomeUnknown) and item.attempts >= policy.max_attempts


def same_as_sent(request: Submission, stored: ArchiveReceipt) -> bool:
    """Whether the stored entry is what ``request`` carries: the same body hash and header."""
    if stored.content_hash is not None and stored.content_hash != request.content_hash:
        return False
    return stored.header_digest == header_digest(header_json(request.header()))


def _resolve(item: Item, stored: ArchiveReceipt | None) -> Outcome:
    assert item.outcome is not None
    if stored is None:
        if isinstance(item.outcome, ArchiveConflict):  # the archive contradicts itself: try again later
            return OutcomeUnknown("LOOKUP_EMPTY", m.LOOKUP_EMPTY.en, m.LOOKUP_EMPTY.fi)
        return item.outcome  # not stored: the job fails as it would have
    if item.operation == JobOperation.INVALIDATE or same_as_sent(item.request, stored):
        return stored
    item.stored = stored
    if isinstance(item.outcome, ArchiveConflict):
        return item.outcome
    return version_conflict(stored.version, stored.reference)


def settle(gateway: ArchiveGateway, items: Sequence[Item], policy: QueuePolicy) -> None:
    """Replace each looked-up item's outcome with what the archive holds (a receipt or a conflict)."""
    for item in items:
        if not needs_lookup(item, policy):
            continue
        try:
            stored = gateway.lookup(item.request.idempotency_key)
        except ArchiveError as exc:  # cannot ask now: a conflict is retried, an unknown stays unknown
            if isinstance(item.outcome, ArchiveConflict):
                item.outcome = exc
            continue
        item.outcome = _resolve(item, stored)


def stored_metadata(item: Item, stored: ArchiveReceipt) -> dict[str, object]:
    """What the archive holds for the version, in DocumentVersion's shape (client and case from the core)."""
    header = stored.header or {}
    data = dict(item.metadata or {})
    data.update(
        {
            "kind": header.get("kind", data.get("kind")),
            "document_type": {"system": header.get("document_type_system"), "code": header.get("document_type_code")},
            "title": header.get("title"),
            "service_task": header.get("service_task_code"),
            "social_services": sorted(header.get("social_service_codes") or ()),
            "service_unit": header.get("service_unit_oid"),
            "version": stored.version,
            "set_id": stored.set_id,
            "document_oid": header.get("document_oid"),
        }
    )
    return data


def correct_after_conflict(
    session: Session, item: Item, doc: Document | None, stored: ArchiveReceipt, now: dt.datetime
) -> ArchiveConflict:
    """The archive holds this version as sent before a fix: record that, queue the fix as version + 1.

    Returns what the job and the author are told (the queue's words, not the archive's).
    """
    note, values = m.CORRECTED_AFTER_CONFLICT, {"version": item.version, "next": item.version + 1}
    told = ArchiveConflict(
        "VERSION_CONFLICT", note.en.format(**values), note.fi.format(**values), reference=stored.reference
    )
    if doc is None:
        return told
    lifecycle.correct_after_conflict(
        session,
        doc,
        version=item.version,
        archive_reference=stored.reference,
        metadata=stored_metadata(item, stored),
        content_hash=stored.content_hash,
        now=now,
    )
    enqueue(session, doc, now=now)
    for action, detail in (
        (audit.DOCUMENT_CORRECT, {"version": doc.version, "reason": "archive_conflict", "archived": item.version}),
        (audit.DOCUMENT_SUBMIT, {"version": doc.version, "after_conflict": True}),
    ):
        audit.record(
            session, QUEUE_ACTOR, action, document_id=item.document_id, client_id=item.client_id, detail=detail, now=now
        )
    return told
