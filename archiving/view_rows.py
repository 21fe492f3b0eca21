"""Document views for lists straight from one column query: no ORM objects, no document content.

A worker's pending list is one statement: the documents with the client's and
author's names, the relationship level, one row per social service, whether the
client's relationship and case records are still unarchived (the order rule) and
the code-set stamp, so that a cached ``CodeSets`` is used without asking again.
The views are the same as ``build_views`` gives for loaded documents.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select
from sqlmodel import col, select

from archiving.audit import Target
from archiving.codesets.cache import stamp_column
from archiving.codesets.readmodel import CodeSets
from archiving.enums import DocumentKind
from archiving.models import Client, ClientRelationship, Document, DocumentSocialService, Worker
from archiving.order_rule import has_unarchived
from archiving.views import DocumentView, make_view

# The document columns a view needs: everything but the content, which can be long.
VIEW_COLUMNS = (
    "id", "kind", "status", "version", "title", "document_type_system", "document_type_code", "client_id",
    "case_id", "relationship_id", "author_id", "service_task_code", "service_unit_id", "created_at",
    "updated_at", "archived_at", "last_error", "last_error_code", "error_retryable", "invalidation_reason",
)  # fmt: skip
_PENDING_KINDS = {"relationship_pending": DocumentKind.RELATIONSHIP, "case_pending": DocumentKind.CASE}


def select_view_rows(*criteria: ColumnElement[bool], order_by: Sequence[Any] = ()) -> Select[Any]:
    """The documents matching ``criteria`` with everything their views need, in one statement."""
    return _base().where(*criteria).order_by(*order_by, col(DocumentSocialService.code))


@functools.cache
def _base() -> Select[Any]:
    # built once: building the statement (with its correlated subqueries) costs far more than running it
    return (
        select(
            *(getattr(Document, name) for name in VIEW_COLUMNS),
            col(Client.name).label("client_name"),
            col(Worker.name).label("author_name"),
            col(ClientRelationship.level).label("relationship_level"),
            col(DocumentSocialService.code).label("social_service_code"),
            *(has_unarchived(kind, col(Document.client_id)).label(name) for name, kind in _PENDING_KINDS.items()),
            stamp_column().label("code_set_stamp"),
        )
        .join(Client, col(Client.id) == col(Document.client_id))
        .join(Worker, col(Worker.id) == col(Document.author_id))
        .outerjoin(ClientRelationship, col(ClientRelationship.id) == col(Document.relationship_id))
        .outerjoin(DocumentSocialService, col(DocumentSocialService.document_id) == col(Document.id))
    )


def _documents(rows: Sequence[Row[Any]]) -> dict[int, tuple[Row[Any], list[str]]]:
    """Each document's first row and its social-service codes, in first-seen order."""
    documents: dict[int, tuple[Row[Any], list[str]]] = {}
    for row in rows:
        _, services = documents.setdefault(row.id, (row, []))
        if row.social_service_code is not None:
            services.append(row.social_service_code)
    return documents


def row_targets(rows: Sequence[Row[Any]]) -> list[Target]:
    """One audit target per document read (a document with several social services has several rows)."""
    return [Target(row.id, row.client_id) for row, _ in _documents(rows).values()]


def views_from_rows(codes: CodeSets, rows: Sequence[Row[Any]]) -> list[DocumentView]:
    """Views for the rows of :func:`select_view_rows`, in the documents' first-seen order."""
    views = []
    for row, services in _documents(rows).values():
        pending = {str(kind) for name, kind in _PENDING_KINDS.items() if getattr(row, name)}
        views.append(make_view(codes, row, services, row.relationship_level, pending, row.client_name, row.author_name))
    return views
