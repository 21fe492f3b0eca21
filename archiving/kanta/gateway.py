"""The seam between the queue and the national archive (Kanta).

Two implementations stand behind :class:`ArchiveGateway`: the embedded stand-in
(``archiving.kanta.simulator``) and an HTTP client for a national-archive
gateway or ``kanta-sim`` (``archiving.kanta.http_client``). Both answer every
item of a batch with either an :class:`ArchiveReceipt` or an
:class:`ArchiveError` (``archiving.kanta.answers``, re-exported here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from archiving.kanta.answers import (
    Ack,
    ArchiveConflict,
    ArchiveError,
    ArchiveReceipt,
    ArchiveRejected,
    ArchiveUnavailable,
    Outcome,
    OutcomeUnknown,
    Violation,
)

if TYPE_CHECKING:
    from archiving.kanta.submission import Invalidation, Submission

__all__ = [
    "Ack",
    "ArchiveConflict",
    "ArchiveEntry",
    "ArchiveError",
    "ArchiveGateway",
    "ArchiveReceipt",
    "ArchiveRejected",
    "ArchiveUnavailable",
    "EntryPage",
    "EntryState",
    "Outcome",
    "OutcomeUnknown",
    "Violation",
]


class EntryState(StrEnum):
    """State of one archived version inside the archive."""

    ACTIVE = "active"
    SUPERSEDED = "superseded"  # a correction replaced it; still kept
    INVALIDATED = "invalidated"  # declared void with a reason; still kept


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
    (``duplicate=True``) when it is the same (same body hash and header), with
    :class:`ArchiveConflict` when it is not, and never stored twice. ``lookup``
    answers the stored entry with its header. ``lookup`` and ``entries`` raise
    :class:`ArchiveError` when the archive cannot be asked.
    """

    def submit(self, items: Sequence[Submission]) -> list[Outcome]: ...

    def invalidate(self, items: Sequence[Invalidation]) -> list[Outcome]: ...

    def lookup(self, idempotency_key: str) -> ArchiveReceipt | None: ...

    def entries(self, *, after: int = 0, limit: int = 1000) -> EntryPage: ...

    def close(self) -> None: ...
