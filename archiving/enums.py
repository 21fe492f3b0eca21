"""Closed vocabularies of the archiving core, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a person may do; one person can hold several roles."""

    WORKER = "worker"
    CONTACT_PERSON = "contact_person"  # arkistointiyhteyshenkilö: sees the unit's documents
    DESK = "desk"  # neuvontadeskin henkilöstö
    COMMUNICATIONS = "communications"  # viestintä: publishes instructions
    ARCHIVIST = "archivist"  # arkistonhoitaja: may invalidate and see everything
    ADMIN = "admin"


class DocumentStatus(StrEnum):
    """A document's place in the archiving lifecycle (see ``archiving.lifecycle``)."""

    DRAFT = "draft"
    COMPLETED = "completed"
    LOCKED = "locked"
    QUEUED = "queued"
    ARCHIVED = "archived"
    FAILED = "failed"
    CORRECTED = "corrected"  # archived, then changed: the new version waits to replace the old one
    INVALIDATED = "invalidated"


class RelationshipLevel(StrEnum):
    """The three levels of a client relationship recorded in the archive."""

    SOCIAL_WELFARE = "social_welfare"  # sosiaalihuollon asiakkuus
    SERVICE_TASK = "service_task"  # palvelutehtävän asiakkuus
    SERVICE_UNIT = "service_unit"  # palveluyksikön asiakkuus


class DocumentKind(StrEnum):
    """Which archive record a document is; relationship and case records go first."""

    RELATIONSHIP = "relationship"  # asiakkuusasiakirja
    CASE = "case"  # asia-asiakirja
    CLIENT = "client"  # asiakasasiakirja


class SocialServiceRule(StrEnum):
    """Whether a document type needs at least one social service (sosiaalipalvelu)."""

    REQUIRED = "required"
    OPTIONAL = "optional"
    NONE = "none"  # relationship and case records carry no social service


class JobState(StrEnum):
    PENDING = "pending"
    LEASED = "leased"
    DONE = "done"
    DEAD = "dead"  # gave up after the maximum attempts or a permanent error; keeps the last error


class JobOperation(StrEnum):
    ARCHIVE = "archive"  # first version or a correction
    INVALIDATE = "invalidate"


class Channel(StrEnum):
    """Through which door a read or change came; written to the audit log."""

    CHAT = "chat"
    CLI = "cli"
    WEB = "web"
    QUEUE = "queue"
    API = "api"
    SEED = "seed"
