"""The order rule: a client's relationship and case records reach the archive before the client's documents.

Relationship records go first, then case records, then client documents. The queue
enforces the rule when sending; validation reports it (informationally) from here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Exists, exists
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from archiving.enums import DocumentKind, DocumentStatus
from archiving.models import Document

# Which kinds must be in the archive before a document of each kind may go.
PREREQUISITES = {
    DocumentKind.RELATIONSHIP: frozenset(),
    DocumentKind.CASE: frozenset({DocumentKind.RELATIONSHIP}),
    DocumentKind.CLIENT: frozenset({DocumentKind.RELATIONSHIP, DocumentKind.CASE}),
}


def _not_in_archive(record: Any) -> tuple[ColumnElement[bool], ...]:
    """A record counts as not yet in the archive until archived, unless it was invalidated."""
    return (col(record.archived_at).is_(None), record.status != DocumentStatus.INVALIDATED)


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
                *_not_in_archive(Document),
            )
            .distinct()
        ).all()
        for client_id, kind in rows:
            pending[client_id].add(kind)
    return pending


def has_unarchived(kind: DocumentKind, client_id: ColumnElement[int]) -> Exists:
    """SQL for one row of a query: whether that client has a ``kind`` record not yet in the archive.

    The same rule as :func:`unarchived_kinds`, for queries that list documents in one statement.
    """
    record = aliased(Document)
    return exists().where(col(record.client_id) == client_id, record.kind == kind, *_not_in_archive(record))


def prerequisites_archived(kind: str, pending_kinds: set[str]) -> bool:
    """Whether a document of ``kind`` may go, given the client's not-yet-archived kinds."""
    return not (PREREQUISITES[DocumentKind(kind)] & pending_kinds)
