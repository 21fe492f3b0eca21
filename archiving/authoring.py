"""Creating documents as the client information system would: used by the demo and the tests.

The real client system writes documents through its own integration; this module is
its stand-in inside the core, so that seeded and test documents go through the same
model rules (content hash, timestamps, social services).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from sqlmodel import Session

from archiving import audit
from archiving.actors import Actor
from archiving.codesets import systems
from archiving.enums import DocumentKind, DocumentStatus
from archiving.models import Document, DocumentSocialService


def content_hash(content: str) -> str:
    """SHA-256 of the content, as the archive compares it."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def create_document(
    session: Session,
    actor: Actor,
    *,
    author_id: int,
    client_id: int,
    title: str,
    document_type_code: str,
    kind: DocumentKind = DocumentKind.CLIENT,
    document_type_system: str | None = None,
    service_task_code: str | None = None,
    social_services: Sequence[str] = (),
    service_unit_id: int | None = None,
    case_id: int | None = None,
    relationship_id: int | None = None,
    content: str = "",
    status: DocumentStatus = DocumentStatus.DRAFT,
    now: dt.datetime,
) -> Document:
    """A new document (normally a draft) in the caller's transaction, with its audit row."""
    if document_type_system is None:
        document_type_system = systems.DOCUMENT_TYPE if kind == DocumentKind.CLIENT else systems.RELATIONSHIP_DOCUMENT_TYPE
    document = Document(
        kind=kind,
        document_type_system=document_type_system,
        document_type_code=document_type_code,
        title=title,
        author_id=author_id,
        client_id=client_id,
        case_id=case_id,
        relationship_id=relationship_id,
        service_task_code=service_task_code,
        service_unit_id=service_unit_id,
        status=status,
        content=content,
        content_hash=content_hash(content),
        created_at=now,
        updated_at=now,
        completed_at=now if status != DocumentStatus.DRAFT else None,
    )
    session.add(document)
    session.flush()
    assert document.id is not None
    session.add_all(DocumentSocialService(document_id=document.id, code=c) for c in dict.fromkeys(social_services))
    audit.record(session, actor, audit.DOCUMENT_CREATE, document_id=document.id, client_id=client_id, now=now)
    return document
