"""Submitting documents to the archive: lock what is completed, validate, queue.

A submit is all-or-nothing by default: if any document cannot go, the whole
submit is refused with every reason listed and nothing changes. With
``skip_invalid`` the documents that can go are queued and the others reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import Session, col, select

from archiving import audit, lifecycle, messages
from archiving.access import load_visible
from archiving.actors import Actor
from archiving.codesets.readmodel import CodeSets
from archiving.enums import DocumentStatus as S
from archiving.errors import DomainError, IllegalTransition, InvalidInput, InvalidMetadata, SubmitRefused
from archiving.models import Document
from archiving.order_rule import prerequisites_archived, unarchived_kinds
from archiving.queue import enqueue
from archiving.session_scope import Db, unit_of_work
from archiving.views import archive_problem, metadata_of, relationship_levels, social_services_of
from archiving.validation import Problem, blocking, validate

ALL: Literal["all"] = "all"


@dataclass(frozen=True)
class Submitted:
    """A document now in the queue; ``waits_for_relationship`` when the order rule holds it back."""

    id: int
    version: int
    locked_now: bool
    waits_for_relationship: bool

    def to_dict(self) -> dict[str, object]:
        return self.__dict__.copy()


@dataclass
class SubmitResult:
    queued: list[Submitted] = field(default_factory=list)
    skipped: list[tuple[int, DomainError]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "queued": [s.to_dict() for s in self.queued],
            "skipped": [{"id": i, "code": e.code, "message_en": e.message_en, "message_fi": e.message_fi} for i, e in self.skipped],
        }


def _select_all(session: Session, actor: Actor) -> list[Document]:
    """The actor's own documents that a submit can send as they are."""
    if actor.worker_id is None:
        raise InvalidInput(messages.WORKER_NOT_FOUND, "submitting all documents needs a worker")
    rows = session.exec(
        select(Document)
        .where(
            Document.author_id == actor.worker_id,
            col(Document.status).in_([S.COMPLETED, S.LOCKED, S.CORRECTED, S.FAILED]),
        )
        .order_by(col(Document.id))
        .with_for_update()
    ).all()
    return [d for d in rows if d.status != S.FAILED or d.error_retryable]


def _refusal(document: Document, problems: list[Problem]) -> DomainError | None:
    """Why ``document`` cannot be submitted now (``problems``: its blocking ones), or None."""
    if document.status not in lifecycle.SUBMITTABLE:
        return IllegalTransition(document.id, document.status, "submit")
    if document.status == S.FAILED and not document.error_retryable:
        reason = archive_problem(document)
        detail = messages.transition_error("submit", S.FAILED)
        if reason is not None:
            detail = reason.message_fi + " " + detail
        return IllegalTransition(document.id, document.status, "submit", detail_fi=detail)
    if problems:
        return InvalidMetadata(problems, document_id=document.id)
    return None


def submit(
    db: Db,
    actor: Actor,
    document_ids: Sequence[int] | Literal["all"],
    *,
    now: dt.datetime,
    skip_invalid: bool = False,
) -> SubmitResult:
    """Lock completed documents and queue them (with corrections and retryable failures).

    ``document_ids`` is a list of ids or :data:`ALL` (the actor's own submittable documents).
    """
    with unit_of_work(db) as session:
        if document_ids == ALL:
            documents = _select_all(session, actor)
        else:
            if not document_ids:
                raise InvalidInput(messages.NO_DOCUMENTS_GIVEN, "no documents given")
            documents = [load_visible(session, actor, i, for_update=True) for i in dict.fromkeys(document_ids)]
        codes = CodeSets.load(session)
        ids = [d.id for d in documents if d.id is not None]
        services = social_services_of(session, ids)
        levels = relationship_levels(session, documents)
        pending = unarchived_kinds(session, {d.client_id for d in documents})
        units = codes.units_by_id
        ready: list[tuple[Document, bool]] = []
        refused: list[tuple[int, DomainError]] = []
        for d in documents:
            assert d.id is not None
            unit = units.get(d.service_unit_id) if d.service_unit_id is not None else None
            waits = not prerequisites_archived(d.kind, pending.get(d.client_id, set()))
            meta = metadata_of(d, services.get(d.id, []), unit.oid if unit else None, levels.get(d.relationship_id or -1))
            problems = blocking(validate(codes, meta))
            error = _refusal(d, problems)
            if error is None:
                ready.append((d, waits))
            else:
                refused.append((d.id, error))
        if refused and not skip_invalid:
            raise refused[0][1] if len(refused) == 1 else SubmitRefused([e for _, e in refused])
        result = SubmitResult(skipped=refused)
        for document, waits in ready:
            previous = document.status
            locked_now = previous == S.COMPLETED
            if locked_now:
                lifecycle.lock(document, now=now)
            lifecycle.queue(document, now=now)
            enqueue(session, document, now=now)
            assert document.id is not None
            result.queued.append(Submitted(document.id, document.version, locked_now, waits))
            audit.record(
                session, actor, audit.DOCUMENT_SUBMIT, document_id=document.id, client_id=document.client_id,
                detail={"from": previous, "locked": locked_now, "version": document.version}, now=now,
            )  # fmt: skip
        return result
