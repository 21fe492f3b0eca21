"""What travels to the archive: a CDA R2-style header plus the body, built from a Document.

The henkilötunnus rides in :class:`Submission` only because the archive files
documents under it; it is hidden from ``repr`` and never copied into
:meth:`Submission.header`, which is what the core keeps and logs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from archiving.enums import DocumentKind, JobOperation
from archiving.models import (
    Client,
    ClientRelationship,
    Document,
    DocumentSocialService,
    Organisation,
    ServiceUnit,
    Worker,
)
from archiving.queue import idempotency_key

SET_ARC = "11"  # under the register keeper's OID: 11 = document sets (an example arc of our own)
INSTANCE_ARC = "12"  # 12 = document instances (one per version)


def content_digest(content: str) -> str:
    """The SHA-256 of the body, as the header's integrity check."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def header_json(header: dict[str, Any]) -> str:
    """The header as canonical JSON: equal headers give equal text, so a digest can stand for it."""
    return json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def header_digest(text: str) -> str:
    """The SHA-256 of a header's canonical JSON; the archive compares resends by it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def set_id_for(register_keeper_oid: str, document_id: int) -> str:
    """The CDA setId: stays the same across all versions of one document."""
    return f"{register_keeper_oid}.{SET_ARC}.{document_id}"


@dataclass(frozen=True)
class Submission:
    """One document version for the archive (CDA R2 header fields, body and its hash)."""

    idempotency_key: str
    document_id: int
    set_id: str
    document_oid: str
    version: int
    replaces_version: int | None
    kind: str
    document_type_system: str
    document_type_code: str
    title: str
    client_hetu: str = field(repr=False)
    service_task_code: str | None
    social_service_codes: tuple[str, ...]
    service_unit_oid: str | None
    register_keeper_oid: str
    author_id: str
    author_name: str
    case_set_id: str | None
    relationship_level: str | None
    effective_time: dt.datetime
    created_at: dt.datetime
    content_hash: str
    content: str = field(repr=False)
    operation: str = JobOperation.ARCHIVE

    def header(self) -> dict[str, Any]:
        """The metadata the core keeps in DocumentVersion: no henkilötunnus, no body."""
        data = {
            name: getattr(self, name) for name in self.__dataclass_fields__ if name not in ("client_hetu", "content")
        }
        data["social_service_codes"] = list(self.social_service_codes)
        data["effective_time"] = self.effective_time.isoformat()
        data["created_at"] = self.created_at.isoformat()
        return data

    def to_json(self) -> dict[str, Any]:
        data = self.header()
        data["client_hetu"] = self.client_hetu
        data["content"] = self.content
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Submission:
        values = dict(data)
        values["social_service_codes"] = tuple(values.get("social_service_codes") or ())
        values["effective_time"] = dt.datetime.fromisoformat(values["effective_time"])
        values["created_at"] = dt.datetime.fromisoformat(values.get("created_at") or values["effective_time"])
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in values.items() if k in names})


@dataclass(frozen=True)
class Invalidation:
    """A request to declare an archived version void; the archive keeps the version."""

    idempotency_key: str
    document_id: int
    set_id: str
    version: int
    reason: str
    register_keeper_oid: str
    operation: str = JobOperation.INVALIDATE

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Invalidation:
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class _Context:
    """Rows the headers refer to, loaded once per batch."""

    hetus: dict[int, str]
    authors: dict[int, str]
    unit_oids: dict[int, tuple[str, int]]
    organisation_oids: dict[int, str]
    default_keeper: str
    services: dict[int, list[str]]
    case_documents: dict[int, int]
    levels: dict[int, str]


def _load_context(session: Session, documents: Sequence[Document]) -> _Context:
    doc_ids = [d.id for d in documents]
    client_ids = {d.client_id for d in documents}
    author_ids = {d.author_id for d in documents}
    case_ids = {d.case_id for d in documents if d.case_id is not None and d.kind == DocumentKind.CLIENT}
    hetus = dict(session.exec(select(Client.id, Client.hetu).where(col(Client.id).in_(client_ids))).all())
    authors = dict(session.exec(select(Worker.id, Worker.name).where(col(Worker.id).in_(author_ids))).all())
    units = {
        u: (oid, org)
        for u, oid, org in session.exec(select(ServiceUnit.id, ServiceUnit.oid, ServiceUnit.organisation_id))
    }
    orgs = dict(session.exec(select(Organisation.id, Organisation.oid).order_by(Organisation.id)).all())
    services: dict[int, list[str]] = {}
    rows = session.exec(
        select(DocumentSocialService.document_id, DocumentSocialService.code)
        .where(col(DocumentSocialService.document_id).in_(doc_ids))
        .order_by(DocumentSocialService.document_id, DocumentSocialService.code)
    )
    for doc_id, code in rows:
        services.setdefault(doc_id, []).append(code)
    case_documents: dict[int, int] = {}
    if case_ids:
        rows = session.exec(
            select(Document.case_id, Document.id)
            .where(Document.kind == DocumentKind.CASE, col(Document.case_id).in_(case_ids))
            .order_by(Document.id)
        )
        for case_id, doc_id in rows:
            case_documents.setdefault(case_id, doc_id)
    relationship_ids = {d.relationship_id for d in documents if d.relationship_id is not None}
    levels = (
        dict(
            session.exec(
                select(ClientRelationship.id, ClientRelationship.level).where(
                    col(ClientRelationship.id).in_(relationship_ids)
                )
            ).all()
        )
        if relationship_ids
        else {}
    )
    default_keeper = next(iter(orgs.values()), "")
    return _Context(hetus, authors, units, orgs, default_keeper, services, case_documents, levels)


def _keeper(ctx: _Context, document: Document) -> tuple[str, str | None]:
    if document.service_unit_id is not None and document.service_unit_id in ctx.unit_oids:
        unit_oid, org_id = ctx.unit_oids[document.service_unit_id]
        return ctx.organisation_oids.get(org_id, ctx.default_keeper), unit_oid
    return ctx.default_keeper, None


def build_submissions(session: Session, documents: Sequence[Document]) -> dict[int, Submission]:
    """Headers for a batch of documents at their current version, keyed by document id."""
    if not documents:
        return {}
    ctx = _load_context(session, documents)
    result: dict[int, Submission] = {}
    for doc in documents:
        assert doc.id is not None
        keeper, unit_oid = _keeper(ctx, doc)
        set_id = set_id_for(keeper, doc.id)
        # only a client document refers to its case record (never to what else is in the batch)
        client_of_case = doc.kind == DocumentKind.CLIENT and doc.case_id is not None
        case_doc = ctx.case_documents.get(doc.case_id) if client_of_case else None
        result[doc.id] = Submission(
            idempotency_key=idempotency_key(doc.id, doc.version, JobOperation.ARCHIVE),
            document_id=doc.id,
            set_id=set_id,
            document_oid=f"{keeper}.{INSTANCE_ARC}.{doc.id}.{doc.version}",
            version=doc.version,
            replaces_version=doc.version - 1 if doc.version > 1 else None,
            kind=doc.kind,
            document_type_system=doc.document_type_system,
            document_type_code=doc.document_type_code,
            title=doc.title,
            client_hetu=ctx.hetus.get(doc.client_id, ""),
            service_task_code=doc.service_task_code,
            social_service_codes=tuple(ctx.services.get(doc.id, ())),
            service_unit_oid=unit_oid,
            register_keeper_oid=keeper,
            author_id=str(doc.author_id),
            author_name=ctx.authors.get(doc.author_id, ""),
            case_set_id=set_id_for(keeper, case_doc) if case_doc is not None else None,
            relationship_level=ctx.levels.get(doc.relationship_id) if doc.relationship_id is not None else None,
            effective_time=doc.locked_at or doc.completed_at or doc.updated_at,
            created_at=doc.created_at,
            content_hash=doc.content_hash,
            content=doc.content,
        )
    return result


def build_submission(session: Session, document: Document) -> Submission:
    """The header and body for one document at its current version."""
    assert document.id is not None
    return build_submissions(session, [document])[document.id]


def build_invalidations(session: Session, items: Iterable[tuple[Document, int]]) -> dict[int, Invalidation]:
    """Invalidation requests for (document, archived version) pairs, keyed by document id."""
    pairs = list(items)
    if not pairs:
        return {}
    ctx = _load_context(session, [d for d, _ in pairs])
    result: dict[int, Invalidation] = {}
    for doc, version in pairs:
        assert doc.id is not None
        keeper, _ = _keeper(ctx, doc)
        result[doc.id] = Invalidation(
            idempotency_key=idempotency_key(doc.id, version, JobOperation.INVALIDATE),
            document_id=doc.id,
            set_id=set_id_for(keeper, doc.id),
            version=version,
            reason=doc.invalidation_reason or "",
            register_keeper_oid=keeper,
        )
    return result
