"""Tables of the archiving core.

The schema is created and upgraded by alembic (``archiving/migrations/versions``);
``tests/test_migrations.py`` checks that these classes and the migrations agree.
Enumerated columns store the string values of ``archiving.enums``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from archiving.free_text import json_column, text_column, text_field
from archiving.types import UTCDateTime

# Ids are INTEGER columns: PostgreSQL refuses anything larger, so no larger number is looked up as an id.
MAX_ID = 2**31 - 1


def _ts(nullable: bool = True, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


# --- organisation and people ---------------------------------------------------


class Organisation(SQLModel, table=True):
    """The register keeper (rekisterinpitäjä), e.g. a welfare district."""

    __tablename__ = "organisation"
    id: int | None = Field(default=None, primary_key=True)
    oid: str = Field(max_length=128, unique=True)
    name: str = Field(max_length=200)


class ServiceUnit(SQLModel, table=True):
    """A service unit (palveluyksikkö) of the SOTE organisation register (OID 1.2.246.537.6.202)."""

    __tablename__ = "service_unit"
    id: int | None = Field(default=None, primary_key=True)
    oid: str = Field(max_length=128, unique=True)
    name: str = Field(max_length=200)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    active: bool = True


class Worker(SQLModel, table=True):
    """A person using the bot; ``channel_user_id`` is the chat identity (Teams: AAD object id)."""

    __tablename__ = "worker"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, **text_field())
    email: str | None = Field(default=None, max_length=254)
    channel_user_id: str | None = Field(default=None, max_length=200, unique=True)
    service_unit_id: int | None = Field(default=None, foreign_key="service_unit.id", index=True)
    active: bool = True


class WorkerRole(SQLModel, table=True):
    __tablename__ = "worker_role"
    worker_id: int = Field(foreign_key="worker.id", primary_key=True)
    role: str = Field(max_length=32, primary_key=True)


class Client(SQLModel, table=True):
    """A social-welfare client. The henkilötunnus is stored for the archive and never shown."""

    __tablename__ = "client"
    id: int | None = Field(default=None, primary_key=True)
    hetu: str = Field(max_length=11, unique=True, repr=False)
    name: str = Field(max_length=200, **text_field())

    def __str__(self) -> str:
        return f"Client(id={self.id})"


class ClientRelationship(SQLModel, table=True):
    """One level of client relationship; archived as an asiakkuusasiakirja before any document."""

    __tablename__ = "client_relationship"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    level: str = Field(max_length=32)
    service_task_code: str | None = Field(default=None, max_length=32)
    service_unit_id: int | None = Field(default=None, foreign_key="service_unit.id")
    started_on: dt.date
    ended_on: dt.date | None = None


class Case(SQLModel, table=True):
    """A case (asia) of a client under one service task; archived as an asia-asiakirja."""

    __tablename__ = "client_case"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    service_task_code: str = Field(max_length=32)
    title: str = Field(max_length=300, **text_field())
    opened_on: dt.date
    closed_on: dt.date | None = None


# --- documents -------------------------------------------------------------------------


class Document(SQLModel, table=True):
    """A client document and its current archiving metadata and state.

    Relationship and case records are documents too (code system 1.2.246.537.6.1505),
    so one queue and one lifecycle carry everything that goes to the archive.
    """

    __tablename__ = "document"
    __table_args__ = (
        Index("ix_document_author_status", "author_id", "status"),
        Index("ix_document_client_kind_status", "client_id", "kind", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    document_type_system: str = Field(max_length=64)
    document_type_code: str = Field(max_length=32)
    title: str = Field(max_length=300, **text_field())
    author_id: int = Field(foreign_key="worker.id")
    client_id: int = Field(foreign_key="client.id")
    case_id: int | None = Field(default=None, foreign_key="client_case.id", index=True)
    relationship_id: int | None = Field(default=None, foreign_key="client_relationship.id")
    service_task_code: str | None = Field(default=None, max_length=32)
    service_unit_id: int | None = Field(default=None, foreign_key="service_unit.id", index=True)
    status: str = Field(max_length=16, index=True)
    version: int = 1
    content: str = Field(default="", sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64)
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    completed_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    locked_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    queued_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    archived_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    last_error: str | None = Field(default=None, sa_column=text_column())
    last_error_code: str | None = Field(default=None, max_length=64)
    error_retryable: bool | None = None
    invalidation_reason: str | None = Field(default=None, sa_column=text_column())
    archive_reference: str | None = Field(default=None, max_length=200)


class DocumentSocialService(SQLModel, table=True):
    """A social service (sosiaalipalvelu) marked on a document; the archive searches by these."""

    __tablename__ = "document_social_service"
    document_id: int = Field(foreign_key="document.id", primary_key=True)
    code: str = Field(max_length=32, primary_key=True)


class DocumentVersion(SQLModel, table=True):
    """Each version that reached the archive, kept after corrections and invalidation."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    version: int
    state: str = Field(max_length=16)  # archived | superseded | invalidated
    metadata_json: str = Field(sa_column=Column(Text, nullable=False))
    content_hash: str = Field(max_length=64)
    archive_reference: str | None = Field(default=None, max_length=200)
    archived_at: dt.datetime = Field(sa_column=_ts(nullable=False))


# --- code sets -------------------------------------------------------------------------


class CodeValue(SQLModel, table=True):
    """A value of a national code system (service tasks, social services)."""

    __tablename__ = "code_value"
    system_oid: str = Field(max_length=64, primary_key=True)
    code: str = Field(max_length=32, primary_key=True)
    name_fi: str = Field(max_length=300)
    name_sv: str | None = Field(default=None, max_length=300)
    source: str = Field(max_length=300)
    active: bool = True


class ServiceTaskSocialService(SQLModel, table=True):
    """Which social services may be marked together with which service task."""

    __tablename__ = "service_task_social_service"
    service_task_code: str = Field(max_length=32, primary_key=True)
    social_service_code: str = Field(max_length=32, primary_key=True)
    source: str = Field(max_length=300)


class DocumentType(SQLModel, table=True):
    """A document type (asiakirjatyyppi) and whether it needs a social service."""

    __tablename__ = "document_type"
    system_oid: str = Field(max_length=64, primary_key=True)
    code: str = Field(max_length=32, primary_key=True)
    name_fi: str = Field(max_length=300)
    name_sv: str | None = Field(default=None, max_length=300)
    document_class: str | None = Field(default=None, max_length=100)
    social_service: str = Field(max_length=16)
    source: str = Field(max_length=300)
    active: bool = True


class CodeSetStamp(SQLModel, table=True):
    """One row whose token database triggers change with every change to the code tables or service units.

    Lets every process cache ``CodeSets`` and notice another process's import with one tiny read.
    """

    __tablename__ = "code_set_stamp"
    id: int = Field(default=1, primary_key=True)
    version: int = 0
    token: str = Field(max_length=64)


# --- audit and queue -------------------------------------------------------------------


class AuditEvent(SQLModel, table=True):
    """Who read or changed which client's data, when and through which channel."""

    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(sa_column=_ts(nullable=False, index=True))
    actor_id: int | None = Field(default=None, foreign_key="worker.id", index=True)
    actor_label: str = Field(max_length=200, **text_field())
    action: str = Field(max_length=64)
    channel: str = Field(max_length=16)
    document_id: int | None = Field(default=None, index=True)
    client_id: int | None = Field(default=None, index=True)
    detail: str = Field(default="{}", sa_column=json_column())


class ArchiveJob(SQLModel, table=True):
    """One send to the archive; ``idempotency_key`` (document, version, operation) is unique."""

    __tablename__ = "archive_job"
    __table_args__ = (Index("ix_archive_job_ready", "state", "priority", "not_before"),)
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    client_id: int = Field(index=True)
    version: int
    operation: str = Field(max_length=16)
    priority: int = 2  # 0 relationship, 1 case, 2 client document: earlier kinds first
    idempotency_key: str = Field(max_length=128, unique=True)
    state: str = Field(max_length=16)
    attempts: int = 0
    not_before: dt.datetime = Field(sa_column=_ts(nullable=False))
    lease_owner: str | None = Field(default=None, max_length=128)
    lease_expires_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    waiting_for: int | None = Field(default=None, index=True)  # order rule: a record that must go first
    last_error: str | None = Field(default=None, sa_column=text_column())
    last_error_code: str | None = Field(default=None, max_length=64)
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    finished_at: dt.datetime | None = Field(default=None, sa_column=_ts())
