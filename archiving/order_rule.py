"""The order rule: a client's relationship and case records reach the archive before the client's documents.

Relationship records go first, then case records, then client documents. The queue
enforces the rule when sending; validation reports it (informationally) from here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from archiving.enums import DocumentKind, DocumentStatus
from archiving.models import Document

# Which kinds must be in the archive before a document of each kind may go.
PREREQUISITES = {
    DocumentKind.RELATIONSHIP: frozenset(),
    DocumentKind.CASE: frozenset({DocumentKind.RELATIONSHIP}),
    DocumentKind.CLIENT: frozenset({DocumentKind.RELATIONSHIP, DocumentKind.CASE}),
}


def unarchived_kinds(session: Session, client_ids: Iterable[int]) -> dict[int, set[str]]:
    """Per client, the record kinds (relationship, case) with something not yet in the archive."""
    ids = sorted(set(client_ids))
    pending: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(Document.client_id, Document.kind)
            .where(
                col(Document.client_id).in_(ids[start : start + 500]),
                col(Document.kind).in_([DocumentKind.RELATIONSHIP, DocumentKind.CASE]),
                col(Document.archived_at).is_(None),
                Document.status != DocumentStatus.INVALIDATED,
            )
            .distinct()
        ).all()
        for client_id, kind in rows:
            pending[client_id].add(kind)
    return pending


def prerequisites_archived(kind: str, pending_kinds: set[str]) -> bool:
    """Whether a document of ``kind`` may go, given the client's not-yet-archived kinds."""
    return not (PREREQUISITES[DocumentKind(kind)] & pending_kinds)
