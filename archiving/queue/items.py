"""What the queue's steps hand each other: jobs in flight, their results, and batch statistics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from archiving.actors import Actor
from archiving.enums import Channel
from archiving.kanta.gateway import ArchiveReceipt, Outcome

QUEUE_ACTOR = Actor.system("queue", Channel.QUEUE)


class Result:
    """What happened to one job in this batch."""

    ARCHIVED = "archived"
    INVALIDATED = "invalidated"
    RETRY = "retry"
    REJECTED = "rejected"  # permanent archive error: the document needs a fix
    CORRECTED = "corrected"  # the archive held this version as sent before a fix: the fix goes as version + 1
    DEAD = "dead"  # retryable errors until the attempts ran out
    DEFERRED = "deferred"  # order rule: a record that must go first did not make it
    SKIPPED = "skipped"  # another worker owns the job now


@dataclass
class Item:
    """One leased job on its way through the archive."""

    job_id: int
    document_id: int
    client_id: int
    version: int
    operation: str
    priority: int
    request: Any = None  # Submission | Invalidation; None when it could not be built
    metadata: dict[str, object] | None = None
    blockers: list[int] = field(default_factory=list)
    outcome: Outcome | None = None  # set before sending when the job is settled without a send
    deferred_for: int | None = None
    attempts: int = 0  # including this one
    stored: ArchiveReceipt | None = None  # what the archive holds under the key, when it conflicts


@dataclass(frozen=True)
class JobResult:
    """Reported to the notifier (e.g. the bot's outbox) inside the outcome transaction."""

    job_id: int
    document_id: int
    author_id: int | None
    version: int
    operation: str
    result: str
    code: str | None = None
    message_fi: str | None = None
    message_en: str | None = None


Notifier = Callable[[Session, Sequence[JobResult]], None]


@dataclass
class BatchStats:
    """What one batch did; ``seconds`` runs from the lease to the committed outcomes."""

    leased: int = 0
    deferred: int = 0
    seconds: float = 0.0
    results: dict[str, int] = field(default_factory=dict)

    @property
    def idle(self) -> bool:
        return self.leased == 0 and self.deferred == 0 and not self.results


@dataclass
class DrainStats:
    """Totals over a drain; ``latencies`` holds one lease-to-commit time per sent job."""

    batches: int = 0
    results: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    remaining: int = 0

    def add(self, batch: BatchStats) -> None:
        self.batches += 1
        for key, n in batch.results.items():
            self.results[key] = self.results.get(key, 0) + n
        sent = sum(n for k, n in batch.results.items() if k not in (Result.DEFERRED, Result.SKIPPED))
        self.latencies.extend([batch.seconds] * sent)
