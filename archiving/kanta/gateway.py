"""The seam between the queue and the national archive (Kanta).

Two implementations stand behind :class:`ArchiveGateway`: the embedded stand-in
(``archiving.kanta.simulator``) and an HTTP client for a national-archive
gateway or ``kanta-sim`` (``archiving.kanta.http_client``). Both answer every
item of a batch with either an :class:`ArchiveReceipt` or an
:class:`ArchiveError`; the error's class tells the queue what to do next.

Acknowledgement codes follow HL7 v3 message processing: ``AA`` accepted,
``AE`` the content was wrong (permanent: sending it again will not help),
``AR`` rejected for a reason unrelated to the content (retryable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from archiving.kanta.submission import Invalidation, Submission


class Ack(StrEnum):
    """HL7 v3 application acknowledgement types."""

    ACCEPT = "AA"
    ERROR = "AE"  # content error: permanent
    REJECT = "AR"  # not about the content (busy, down): try again later


class EntryState(StrEnum):
    """State of one archived version inside the archive."""

    ACTIVE = "active"
    SUPERSEDED = "superseded"  # a correction replaced it; still kept
    INVALIDATED = "invalidated"  # declared void with a reason; still kept


@dataclass(frozen=True)
class Violation:
    """One broken archive rule: a stable code, the field it concerns, and the archive's words."""

    code: str
    field: str
    message_fi: str
    message_en: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "message_fi": self.message_fi, "message_en": self.message_en}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Violation:
        return cls(str(data["code"]), str(data.get("field", "")), str(data["message_fi"]), str(data["message_en"]))


@dataclass(frozen=True)
class ArchiveReceipt:
    """The archive accepted the item; ``duplicate`` means it already had it under this key."""

    idempotency_key: str
    reference: str
    set_id: str
    version: int
    operation: str
    received_at: dt.datetime
    duplicate: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "idempotency_key": self.idempotency_key,
            "reference": self.reference,
            "set_id": self.set_id,
            "version": self.version,
            "operation": self.operation,
            "received_at": self.received_at.isoformat(),
            "duplicate": self.duplicate,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArchiveReceipt:
        return cls(
            idempotency_key=str(data["idempotency_key"]),
            reference=str(data["reference"]),
            set_id=str(data["set_id"]),
            version=int(data["version"]),
            operation=str(data["operation"]),
            received_at=dt.datetime.fromisoformat(data["received_at"]),
            duplicate=bool(data.get("duplicate", False)),
        )


@dataclass(frozen=True)
class ArchiveEntry:
    """One stored item as ``archive verify`` sees it (no client data)."""

    seq: int
    reference: str
    idempotency_key: str
    set_id: str
    document_id: int
    version: int
    operation: str
    state: str
    received_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "reference": self.reference,
            "idempotency_key": self.idempotency_key,
            "set_id": self.set_id,
            "document_id": self.document_id,
            "version": self.version,
            "operation": self.operation,
            "state": self.state,
            "received_at": self.received_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArchiveEntry:
        return cls(
            seq=int(data["seq"]),
            reference=str(data["reference"]),
            idempotency_key=str(data["idempotency_key"]),
            set_id=str(data["set_id"]),
            document_id=int(data["document_id"]),
            version=int(data["version"]),
            operation=str(data["operation"]),
            state=str(data["state"]),
            received_at=dt.datetime.fromisoformat(data["received_at"]),
        )


class ArchiveError(Exception):
    """The archive did not accept an item. Messages never contain a henkilötunnus."""

    retryable: bool = False
    ack: Ack = Ack.ERROR
    kind: str = "error"

    def __init__(self, code: str, message_en: str, message_fi: str, violations: Sequence[Violation] = ()) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_en = message_en
        self.message_fi = message_fi
        self.violations: tuple[Violation, ...] = tuple(violations)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ack": str(self.ack),
            "code": self.code,
            "message_en": self.message_en,
            "message_fi": self.message_fi,
            "violations": [v.to_json() for v in self.violations],
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> ArchiveError:
        cls = _ERROR_KINDS.get(str(data.get("kind")), ArchiveRejected)
        violations = [Violation.from_json(v) for v in data.get("violations", [])]
        return cls(str(data["code"]), str(data["message_en"]), str(data["message_fi"]), violations)


class ArchiveRejected(ArchiveError):
    """AE: the content breaks the archive's rules; fix the document before sending again."""

    kind = "rejected"


class ArchiveUnavailable(ArchiveError):
    """AR: busy, down or refusing connections; nothing was stored, so try again later."""

    retryable = True
    ack = Ack.REJECT
    kind = "unavailable"


class OutcomeUnknown(ArchiveError):
    """A timeout or a lost answer: the archive may or may not have stored the item.

    Sending again with the same idempotency key is safe and settles it.
    """

    retryable = True
    ack = Ack.REJECT
    kind = "unknown"


_ERROR_KINDS: dict[str, type[ArchiveError]] = {c.kind: c for c in (ArchiveRejected, ArchiveUnavailable, OutcomeUnknown)}

Outcome = ArchiveReceipt | ArchiveError


@dataclass
class EntryPage:
    """A page of archive entries in storage order; ``next_after`` continues the listing."""

    entries: list[ArchiveEntry] = field(default_factory=list)
    next_after: int | None = None


@runtime_checkable
class ArchiveGateway(Protocol):
    """What the queue and ``archive verify`` need from an archive.

    ``submit`` and ``invalidate`` answer each item of the batch, in order (a
    failure of the whole request is every item's answer); an item already
    stored under its idempotency key is answered with the existing receipt
    (``duplicate=True``), never stored twice. ``lookup`` and ``entries`` raise
    :class:`ArchiveError` when the archive cannot be asked.
    """

    def submit(self, items: Sequence[Submission]) -> list[Outcome]: ...

    def invalidate(self, items: Sequence[Invalidation]) -> list[Outcome]: ...

    def lookup(self, idempotency_key: str) -> ArchiveReceipt | None: ...

    def entries(self, *, after: int = 0, limit: int = 1000) -> EntryPage: ...

    def close(self) -> None: ...
