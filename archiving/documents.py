"""The service API of the archiving core: what the CLI, the bot and the web pages call.

Every function takes ``(db, actor, ..., now)``, where ``db`` is an engine (the function
runs its own transaction) or the caller's session. Each state change is one
transaction with its audit rows; a refusal raises a :class:`DomainError` before
anything is changed. Results are plain data without any henkilötunnus.

Submitting lives in ``archiving.submission``, metadata fixes in ``archiving.metadata_fix``
and the fix card's choices in ``archiving.forms``; they are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam
from sqlmodel import Session, col

from archiving import audit, lifecycle, messages
from archiving.access import can_invalidate, load_visible, require_list_worker, visible_filter
from archiving.actors import Actor
from archiving.authoring import content_hash
from archiving.codesets.readmodel import CodeSets
from archiving.enums import DocumentStatus as S, JobOperation
from archiving.errors import AccessDenied, IllegalTransition, InvalidInput
from archiving.forms import FormOptions, form_options
from archiving.hetu import contains_hetu
from archiving.ids import parse_id
from archiving.metadata_fix import FixResult, fix_metadata
from archiving.models import Document
from archiving.queue import enqueue
from archiving.session_scope import Db, unit_of_work
from archiving.submission import ALL, SubmitResult, submit
from archiving.view_rows import row_targets, select_view_rows, views_from_rows
from archiving.views import DocumentView, build_views, group_pending

__all__ = [
    "ALL",
    "DocumentView",
    "FixResult",
    "FormOptions",
    "PENDING_STATUSES",
    "SubmitResult",
    "complete",
    "fix_metadata",
    "form_options",
    "get_document",
    "group_pending",
    "invalidate",
    "lock",
    "parse_document_id",
    "pending_documents",
    "start_correction",
    "submit",
]

# What "pending" means: written and finished, but not yet (successfully) in the archive.
PENDING_STATUSES = (S.COMPLETED, S.LOCKED, S.QUEUED, S.FAILED, S.CORRECTED)
MIN_REASON_LENGTH = 5


def parse_document_id(text: str | int) -> int:
    """A document number from user input; a clear error for anything else."""
    value = parse_id(text, allow_hash=True)
    if value is None:
        shown = str(text)[:20] if isinstance(text, str | int) else "?"
        raise InvalidInput(messages.BAD_DOCUMENT_ID.format(id=shown), f"bad document id {shown!r}")
    return value


def pending_documents(db: Db, actor: Actor, worker_id: int | None = None, *, now: dt.datetime) -> list[DocumentView]:
    """The worker's documents not yet (successfully) in the archive, each with its problems.

    Ordered by state (completed, locked, queued, failed, corrected), then oldest first.
    A contact person or archivist may ask for another worker; they see what their role allows.
    """
    worker_id = actor.worker_id if worker_id is None else worker_id
    if worker_id is None:
        raise InvalidInput(messages.WORKER_NOT_FOUND, "a worker id is needed")
    require_list_worker(actor, worker_id)
    # one's own documents are always visible to oneself: that statement is built once
    statement = _own_pending() if worker_id == actor.worker_id else _pending(visible_filter(actor))
    with unit_of_work(db) as session:
        rows = session.connection().execute(statement, {"worker_id": worker_id}).all()  # plain columns: no ORM result work
        if not rows:
            return []
        views = views_from_rows(CodeSets.load(session, stamp=rows[0].code_set_stamp), rows)
        audit.record_many(session, actor, audit.DOCUMENT_LIST, row_targets(rows), now=now)
    order = {status: i for i, status in enumerate(PENDING_STATUSES)}
    return sorted(views, key=lambda v: order[S(v.status)])


def _pending(*criteria: ColumnElement[bool]) -> Select[Any]:
    return select_view_rows(
        Document.author_id == bindparam("worker_id"), col(Document.status).in_(PENDING_STATUSES), *criteria,
        order_by=(col(Document.updated_at), col(Document.id)),
    )  # fmt: skip


_own_pending = functools.cache(_pending)


def get_document(db: Db, actor: Actor, document_id: int, *, now: dt.datetime) -> DocumentView:
    """One document with its problems; someone else's document is reported as not found."""
    with unit_of_work(db) as session:
        document = load_visible(session, actor, document_id)
        view = build_views(session, CodeSets.load(session), [document])[0]
        audit.record(session, actor, audit.DOCUMENT_READ, document_id=document.id, client_id=document.client_id, now=now)
        return view


def _view(session: Session, document: Document) -> DocumentView:
    return build_views(session, CodeSets.load(session), [document])[0]


def complete(db: Db, actor: Actor, document_id: int, *, now: dt.datetime) -> DocumentView:
    """draft → completed (the client system's "valmis"; used by the demo and tests)."""
    with unit_of_work(db) as session:
        document = load_visible(session, actor, document_id, for_update=True)
        lifecycle.complete(document, now=now)
        audit.record(session, actor, audit.DOCUMENT_COMPLETE, document_id=document.id, client_id=document.client_id, now=now)
        return _view(session, document)


def lock(db: Db, actor: Actor, document_ids: Sequence[int], *, now: dt.datetime) -> list[DocumentView]:
    """completed → locked for every document, or for none if any cannot be locked."""
    if not document_ids:
        raise InvalidInput(messages.NO_DOCUMENTS_GIVEN, "no documents given")
    with unit_of_work(db) as session:
        documents = [load_visible(session, actor, i, for_update=True) for i in dict.fromkeys(document_ids)]
        for document in documents:
            if document.status != S.COMPLETED:
                raise IllegalTransition(document.id, document.status, "lock")
        for document in documents:
            lifecycle.lock(document, now=now)
            audit.record(session, actor, audit.DOCUMENT_LOCK, document_id=document.id, client_id=document.client_id, now=now)
        return build_views(session, CodeSets.load(session), documents)


def start_correction(
    db: Db, actor: Actor, document_id: int, *, content: str | None = None, now: dt.datetime
) -> DocumentView:
    """archived → corrected (version + 1), e.g. after the content was edited in the client system."""
    with unit_of_work(db) as session:
        document = load_visible(session, actor, document_id, for_update=True)
        lifecycle.start_correction(document, now=now)
        if content is not None:
            document.content = content
            document.content_hash = content_hash(content)
        audit.record(
            session, actor, audit.DOCUMENT_CORRECT, document_id=document.id, client_id=document.client_id,
            detail={"version": document.version}, now=now,
        )  # fmt: skip
        return _view(session, document)


def invalidate(db: Db, actor: Actor, document_id: int, reason: str, *, now: dt.datetime) -> DocumentView:
    """archived → invalidated with a reason, and queue the invalidation for the archive.

    Only the author or an archivist may invalidate; the archived version is kept.
    """
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_LENGTH or len(reason) > 1000:
        raise InvalidInput(
            messages.REASON_REQUIRED.format(min=MIN_REASON_LENGTH),
            f"an invalidation reason of {MIN_REASON_LENGTH}-1000 characters is required",
        )
    if contains_hetu(reason):
        raise InvalidInput(messages.REASON_HAS_HETU, "the reason must not contain a personal identity code")
    with unit_of_work(db) as session:
        document = load_visible(session, actor, document_id, for_update=True)
        if not can_invalidate(actor, document):
            raise AccessDenied(messages.INVALIDATE_DENIED, "only the author or an archivist may invalidate")
        lifecycle.invalidate(document, reason=reason, now=now)
        enqueue(session, document, now=now, operation=JobOperation.INVALIDATE)
        audit.record(
            session, actor, audit.DOCUMENT_INVALIDATE, document_id=document.id, client_id=document.client_id,
            detail={"reason": reason, "version": document.version}, now=now,
        )  # fmt: skip
        return _view(session, document)
