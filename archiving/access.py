"""Who may see and act on which document.

A worker: the documents they wrote. An archive contact person: also every document
of their service unit. An archivist or admin, and the system itself: all. A
document the actor may not see is reported exactly like a missing one.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, true
from sqlmodel import Session, col

from archiving.actors import Actor
from archiving.enums import Role
from archiving.errors import AccessDenied, DocumentNotFound
from archiving.ids import is_id
from archiving import messages
from archiving.models import Document

_SEE_ALL = (Role.ARCHIVIST, Role.ADMIN)


def can_see(actor: Actor, document: Document) -> bool:
    """Whether ``actor`` may read (and therefore act on) ``document``."""
    if actor.is_system or actor.has(*_SEE_ALL):
        return True
    if document.author_id == actor.worker_id:
        return True
    return (
        actor.has(Role.CONTACT_PERSON)
        and actor.service_unit_id is not None
        and document.service_unit_id == actor.service_unit_id
    )


def can_invalidate(actor: Actor, document: Document) -> bool:
    """Invalidation is for the author or an archivist (or admin), not for contact persons."""
    return actor.is_system or actor.has(*_SEE_ALL) or document.author_id == actor.worker_id


def visible_filter(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the documents ``actor`` may see."""
    if actor.is_system or actor.has(*_SEE_ALL):
        return true()
    clauses = []
    if actor.worker_id is not None:
        clauses.append(col(Document.author_id) == actor.worker_id)
    if actor.has(Role.CONTACT_PERSON) and actor.service_unit_id is not None:
        clauses.append(col(Document.service_unit_id) == actor.service_unit_id)
    return or_(*clauses) if clauses else false()


def may_list_worker(actor: Actor, worker_id: int) -> bool:
    """Plain workers list only their own documents; contact persons and archivists others' too."""
    return (
        actor.is_system
        or actor.worker_id == worker_id
        or actor.has(Role.CONTACT_PERSON, *_SEE_ALL)
    )


def require_list_worker(actor: Actor, worker_id: int) -> None:
    if not may_list_worker(actor, worker_id):
        raise AccessDenied(messages.OTHER_WORKERS_LIST_DENIED, "you may list only your own documents")


def load_visible(session: Session, actor: Actor, document_id: int, *, for_update: bool = False) -> Document:
    """The document if ``actor`` may see it; otherwise the same error as for a missing one.

    This is the one place a document id from outside meets the database: a number no id
    column can hold is missing too, never a database error.
    """
    if not is_id(document_id):
        raise DocumentNotFound(document_id)
    document = session.get(Document, document_id, with_for_update=for_update or None)
    if document is None or not can_see(actor, document):
        raise DocumentNotFound(document_id)
    return document
