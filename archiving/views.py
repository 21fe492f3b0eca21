"""What the core hands to its callers about a document: plain data with Finnish labels, no henkilötunnus.

Views are built in batches (a few queries for any number of documents), so the
pending list of a busy worker stays one round of queries: from loaded documents
with :func:`build_views`, or, for lists, straight from two column queries
(``archiving.view_rows``: no ORM objects, no content).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import Session, col, select

from archiving import messages
from archiving.codesets.readmodel import Code, CodeSets, Unit
from archiving.codesets import systems
from archiving.enums import DocumentStatus as S
from archiving.hetu import redact
from archiving.lifecycle import is_resendable
from archiving.models import Client, ClientRelationship, Document, DocumentSocialService, Worker
from archiving.order_rule import prerequisites_archived, unarchived_kinds
from archiving.validation import Metadata, Problem, problem, validate


@dataclass(frozen=True)
class DocumentView:
    """One document as a card or a list row shows it."""

    id: int
    kind: str
    kind_label_fi: str
    status: str
    status_label_fi: str
    version: int
    title: str
    document_type_code: str
    document_type_name_fi: str
    client_id: int
    client_label_fi: str
    case_id: int | None
    author_id: int
    author_name: str
    service_task: Code | None
    social_services: tuple[Code, ...]
    service_unit: Unit | None
    created_at: dt.datetime
    updated_at: dt.datetime
    archived_at: dt.datetime | None
    last_error_code: str | None
    last_error: str | None
    error_retryable: bool | None
    invalidation_reason: str | None
    problems: tuple[Problem, ...]
    next_step_fi: str
    actions: tuple[str, ...]

    @property
    def has_blocking_problems(self) -> bool:
        return any(p.blocking for p in self.problems)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form; ``problems`` are the English texts, ``problem_details`` the full objects."""
        return {
            "id": self.id,
            "kind": self.kind,
            "kind_label_fi": self.kind_label_fi,
            "status": self.status,
            "status_label_fi": self.status_label_fi,
            "version": self.version,
            "title": self.title,
            "document_type": {"code": self.document_type_code, "name_fi": self.document_type_name_fi},
            "client_id": self.client_id,
            "client_label_fi": self.client_label_fi,
            "case_id": self.case_id,
            "author_id": self.author_id,
            "author_name": self.author_name,
            "service_task": self.service_task.to_dict() if self.service_task else None,
            "social_services": [c.to_dict() for c in self.social_services],
            "service_unit": self.service_unit.to_dict() if self.service_unit else None,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "archived_at": self.archived_at.isoformat() if self.archived_at else None,
            "last_error_code": self.last_error_code,
            "last_error": self.last_error,
            "error_retryable": self.error_retryable,
            "invalidation_reason": self.invalidation_reason,
            "problems": [p.message_en for p in self.problems],
            "problem_details": [p.to_dict() for p in self.problems],
            "next_step_fi": self.next_step_fi,
            "actions": list(self.actions),
        }


def initials(name: str) -> str:
    """``"Aino Virtanen"`` → ``"A. V."``: enough to tell clients apart in a list."""
    return " ".join(part[0].upper() + "." for part in name.replace("-", " ").split() if part) or "?"


def metadata_of(document: Document, social_services: Sequence[str], unit_oid: str | None, level: str | None) -> Metadata:
    return Metadata(
        kind=document.kind,
        document_type_system=document.document_type_system,
        document_type_code=document.document_type_code,
        service_task_code=document.service_task_code,
        social_service_codes=tuple(social_services),
        service_unit_oid=unit_oid,
        relationship_level=level,
    )


def social_services_of(session: Session, document_ids: Sequence[int]) -> dict[int, list[str]]:
    """The social-service codes of each document, in a few queries."""
    result: dict[int, list[str]] = defaultdict(list)
    ids = list(document_ids)
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(DocumentSocialService.document_id, DocumentSocialService.code)
            .where(col(DocumentSocialService.document_id).in_(ids[start : start + 500]))
            .order_by(DocumentSocialService.document_id, DocumentSocialService.code)
        ).all()
        for document_id, code in rows:
            result[document_id].append(code)
    return result


def relationship_levels(session: Session, documents: Sequence[Document]) -> dict[int, str]:
    ids = {d.relationship_id for d in documents if d.relationship_id is not None}
    if not ids:
        return {}
    rows = session.exec(select(ClientRelationship.id, ClientRelationship.level).where(col(ClientRelationship.id).in_(ids)))
    return {rid: level for rid, level in rows.all() if rid is not None}


def _code(table: dict[str, Code], system_oid: str, code: str | None) -> Code | None:
    if not code:
        return None
    return table.get(code) or Code(system_oid, code, messages.UNKNOWN_CODE_NAME, active=False)


# Archive error codes whose fix is a metadata field (so a form can highlight it).
ARCHIVE_ERROR_FIELDS = {
    "UNKNOWN_SERVICE_UNIT": "service_unit",
    "INVALID_OID": "service_unit",
    "UNKNOWN_SERVICE_TASK": "service_task",
    "UNKNOWN_SOCIAL_SERVICE": "social_services",
    "SOCIAL_SERVICE_NOT_ALLOWED": "social_services",
    "SOCIAL_SERVICE_REQUIRED": "social_services",
    "SOCIAL_SERVICE_NOT_EXPECTED": "social_services",
}


def archive_problem(document: Document) -> Problem | None:
    """The archive's last error on a failed document, as a problem the worker can read."""
    if document.status != S.FAILED or not document.last_error:
        return None
    key = "archive_error_retryable" if document.error_retryable else "archive_error"
    problem_ = problem(key, "archive", blocking=not document.error_retryable, error=redact(document.last_error))
    # the archive's text is Finnish; the English side names its error code
    english = problem(key, "archive", error=document.last_error_code or "?").message_en
    field = ARCHIVE_ERROR_FIELDS.get(document.last_error_code or "", "archive")
    return replace(problem_, message_en=english, field=field)


def actions_for(document: Document, *, blocked: bool = False) -> tuple[str, ...]:
    """What a worker can do next: the bot shows these as buttons. ``blocked``: a blocking problem must be fixed first."""
    status = document.status
    actions: list[str] = []
    if blocked:
        pass  # no lock or submit until the problems are fixed
    elif status == S.COMPLETED:
        actions += ["lock", "submit"]
    elif status in (S.LOCKED, S.CORRECTED) or (status == S.FAILED and is_resendable(document)):
        actions.append("submit")
    if status in (S.DRAFT, S.COMPLETED, S.LOCKED, S.FAILED, S.CORRECTED, S.ARCHIVED):
        actions.append("fix")
    if status == S.ARCHIVED:
        actions.append("invalidate")
    return tuple(actions)


def build_views(session: Session, codes: CodeSets, documents: Sequence[Document]) -> list[DocumentView]:
    """Views with problems for loaded ``documents``, keeping their order."""
    if not documents:
        return []
    ids = [d.id for d in documents if d.id is not None]
    services = social_services_of(session, ids)
    levels = relationship_levels(session, documents)
    pending = unarchived_kinds(session, {d.client_id for d in documents})
    clients = dict(session.exec(select(Client.id, Client.name).where(col(Client.id).in_({d.client_id for d in documents}))).all())
    authors = dict(session.exec(select(Worker.id, Worker.name).where(col(Worker.id).in_({d.author_id for d in documents}))).all())
    return [
        make_view(
            codes, d, services.get(d.id or -1, []), levels.get(d.relationship_id or -1),
            pending.get(d.client_id, set()), clients.get(d.client_id, ""), authors.get(d.author_id, ""),
        )  # fmt: skip
        for d in documents
    ]


def make_view(
    codes: CodeSets, d: Any, services: Sequence[str], level: str | None, pending_kinds: set[str], client_name: str, author_name: str
) -> DocumentView:
    """One view from a ``Document`` or a row of ``archiving.view_rows`` (the same attribute names)."""
    assert d.id is not None
    unit = codes.units_by_id.get(d.service_unit_id) if d.service_unit_id is not None else None
    meta = metadata_of(d, services, unit.oid if unit else None, level)
    problems = validate(codes, meta, relationship_archived=prerequisites_archived(d.kind, pending_kinds))
    extra = archive_problem(d)
    if extra is not None:
        problems.append(extra)
    dtype = codes.document_type(d.document_type_system, d.document_type_code)
    blocked = any(p.blocking for p in problems)
    next_key = "failed_retryable" if d.status == S.FAILED and d.error_retryable else d.status
    if blocked and f"{next_key}_blocked" in messages.NEXT_STEPS:
        next_key = f"{next_key}_blocked"
    return DocumentView(
        id=d.id,
        kind=d.kind,
        kind_label_fi=messages.KIND_LABELS.get(d.kind, d.kind),
        status=d.status,
        status_label_fi=messages.status_label(d.status),
        version=d.version,
        title=d.title,
        document_type_code=d.document_type_code,
        document_type_name_fi=dtype.name_fi if dtype else messages.UNKNOWN_CODE_NAME,
        client_id=d.client_id,
        client_label_fi=messages.CLIENT_LABEL.format(initials=initials(client_name), id=d.client_id),
        case_id=d.case_id,
        author_id=d.author_id,
        author_name=author_name,
        service_task=_code(codes.service_tasks, systems.SERVICE_TASK, d.service_task_code),
        social_services=tuple(c for c in (_code(codes.social_services, systems.SOCIAL_SERVICE, s) for s in services) if c),
        service_unit=unit,
        created_at=d.created_at,
        updated_at=d.updated_at,
        archived_at=d.archived_at,
        last_error_code=d.last_error_code,
        last_error=redact(d.last_error) if d.last_error else None,
        error_retryable=d.error_retryable,
        invalidation_reason=d.invalidation_reason,
        problems=tuple(problems),
        next_step_fi=messages.NEXT_STEPS.get(next_key, ""),
        actions=actions_for(d, blocked=blocked),
    )


def group_pending(views: Sequence[DocumentView]) -> list[tuple[str, str, list[DocumentView]]]:
    """(status, Finnish heading, views) in the order the bot lists them; empty groups left out."""
    by_status: dict[str, list[DocumentView]] = defaultdict(list)
    for view in views:
        by_status[view.status].append(view)
    return [(status, heading, by_status[status]) for status, heading in messages.PENDING_GROUPS.items() if by_status[status]]

