"""What the archive answers for each item: a receipt or an error, and their JSON form.

Acknowledgement codes follow HL7 v3 message processing: ``AA`` accepted,
``AE`` the content was wrong (permanent: sending it again will not help),
``AR`` rejected for a reason unrelated to the content (retryable). The error's
class tells the queue what to do next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Ack(StrEnum):
    """HL7 v3 application acknowledgement types."""

    ACCEPT = "AA"
    ERROR = "AE"  # content error: permanent
    REJECT = "AR"  # not about the content (busy, down): try again later


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
    """The archive accepted the item; ``duplicate`` means it already had it under this key.

    ``content_hash`` and ``header_digest`` describe what is stored, so a sender can
    tell whether the entry is what it sent; ``header`` (the stored CDA header, no
    henkilötunnus) comes only with :meth:`ArchiveGateway.lookup`.
    """

    idempotency_key: str
    reference: str
    set_id: str
    version: int
    operation: str
    received_at: dt.datetime
    duplicate: bool = False
    content_hash: str | None = None
    header_digest: str | None = None
    header: dict[str, Any] | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "idempotency_key": self.idempotency_key,
            "reference": self.reference,
            "set_id": self.set_id,
            "version": self.version,
            "operation": self.operation,
            "received_at": self.received_at.isoformat(),
            "duplicate": self.duplicate,
            "content_hash": self.content_hash,
            "header_digest": self.header_digest,
        }
        if self.header is not None:
            data["header"] = self.header
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArchiveReceipt:
        header = data.get("header")
        return cls(
            idempotency_key=str(data["idempotency_key"]),
            reference=str(data["reference"]),
            set_id=str(data["set_id"]),
            version=int(data["version"]),
            operation=str(data["operation"]),
            received_at=dt.datetime.fromisoformat(data["received_at"]),
            duplicate=bool(data.get("duplicate", False)),
            content_hash=data.get("content_hash"),
            header_digest=data.get("header_digest"),
            header=header if isinstance(header, dict) else None,
        )


class ArchiveError(Exception):
    """The archive did not accept an item. Messages never contain a henkilötunnus."""

    retryable: bool = False
    ack: Ack = Ack.ERROR
    kind: str = "error"

    def __init__(
        self,
        code: str,
        message_en: str,
        message_fi: str,
        violations: Sequence[Violation] = (),
        *,
        reference: str | None = None,
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_en = message_en
        self.message_fi = message_fi
        self.violations: tuple[Violation, ...] = tuple(violations)
        self.reference = reference  # the stored entry an error is about, when there is one

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "ack": str(self.ack),
            "code": self.code,
            "message_en": self.message_en,
            "message_fi": self.message_fi,
            "violations": [v.to_json() for v in self.violations],
        }
        if self.reference is not None:
            data["reference"] = self.reference
        return data

    @staticmethod
    def from_json(data: dict[str, Any]) -> ArchiveError:
        cls = _ERROR_KINDS.get(str(data.get("kind")), ArchiveRejected)
        violations = [Violation.from_json(v) for v in data.get("violations", [])]
        reference = data.get("reference")
        return cls(
            str(data["code"]),
            str(data["message_en"]),
            str(data["message_fi"]),
            violations,
            reference=str(reference) if reference is not None else None,
        )


class ArchiveRejected(ArchiveError):
    """AE: the content breaks the archive's rules; fix the document before sending again."""

    kind = "rejected"


class ArchiveConflict(ArchiveRejected):
    """AE: this key is stored with another body or header; ``reference`` names the stored entry.

    Sending the same key again cannot change what the archive holds: a change
    goes as a new version (a correction).
    """

    kind = "conflict"


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


_ERROR_KINDS: dict[str, type[ArchiveError]] = {
    c.kind: c for c in (ArchiveRejected, ArchiveConflict, ArchiveUnavailable, OutcomeUnknown)
}

Outcome = ArchiveReceipt | ArchiveError
