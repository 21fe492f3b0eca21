"""The embedded stand-in for the national archive: rules, its own storage, and injected faults.

Faults come from settings (``kanta_fault_rate``, ``kanta_latency_ms``) and a
random generator passed in, so a seeded run misbehaves the same way every
time. Each item of a batch independently meets one of:

* ``busy``: refused before anything is stored (retryable),
* ``timeout``: no answer in time and nothing stored (outcome unknown to the sender),
* ``lost``: stored, but the answer never arrives (outcome unknown to the sender).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from archiving.clock import Clock, system_clock
from archiving.kanta import messages as m
from archiving.kanta.catalog import CatalogSource
from archiving.kanta.gateway import (
    ArchiveReceipt,
    ArchiveUnavailable,
    EntryPage,
    Outcome,
    OutcomeUnknown,
)
from archiving.kanta.store import ArchiveStore
from archiving.kanta.submission import Invalidation, Submission


class Fault(StrEnum):
    BUSY = "busy"
    TIMEOUT = "timeout"
    LOST = "lost"


@dataclass(frozen=True)
class FaultPlan:
    """How often the archive misbehaves (0–1) and how slow each request is."""

    rate: float = 0.0
    latency_ms: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("fault rate must be between 0 and 1")
        if self.latency_ms < 0:
            raise ValueError("latency must not be negative")

    def roll(self, rng: random.Random) -> Fault | None:
        """None for a normal answer, otherwise which fault this item or request meets."""
        if self.rate <= 0.0 or rng.random() >= self.rate:
            return None
        return rng.choice((Fault.BUSY, Fault.TIMEOUT, Fault.LOST))


def fault_error(fault: Fault) -> ArchiveUnavailable | OutcomeUnknown:
    """The error the sender sees for a fault."""
    if fault is Fault.BUSY:
        return ArchiveUnavailable("BUSY", m.BUSY.en, m.BUSY.fi)
    if fault is Fault.TIMEOUT:
        return OutcomeUnknown("TIMEOUT", m.TIMEOUT.en, m.TIMEOUT.fi)
    return OutcomeUnknown("RESPONSE_LOST", m.RESPONSE_LOST.en, m.RESPONSE_LOST.fi)


class KantaSimulator:
    """An :class:`~archiving.kanta.gateway.ArchiveGateway` running in-process."""

    def __init__(
        self,
        store: ArchiveStore,
        catalog: CatalogSource,
        *,
        faults: FaultPlan = FaultPlan(),
        rng: random.Random,
        clock: Clock = system_clock,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self._catalog = catalog
        self._faults = faults
        self._rng = rng
        self._clock = clock
        self._sleep = sleep

    def _delay(self) -> None:
        if self._faults.latency_ms:
            self._sleep(self._faults.latency_ms / 1000)

    def _with_faults(self, items: Sequence, store: Callable[[list], list[Outcome]]) -> list[Outcome]:  # type: ignore[type-arg]
        self._delay()
        faults = [self._faults.roll(self._rng) for _ in items]
        passing = [i for i, f in zip(items, faults, strict=True) if f is None or f is Fault.LOST]
        stored = iter(store(passing))
        outcomes: list[Outcome] = []
        for fault in faults:
            if fault is None:
                outcomes.append(next(stored))
            elif fault is Fault.LOST:
                next(stored)  # stored (or rejected), but the answer is lost
                outcomes.append(fault_error(fault))
            else:
                outcomes.append(fault_error(fault))
        return outcomes

    def submit(self, items: Sequence[Submission]) -> list[Outcome]:
        return self._with_faults(items, lambda batch: self.store.submit(batch, self._catalog(), self._clock()))

    def invalidate(self, items: Sequence[Invalidation]) -> list[Outcome]:
        return self._with_faults(items, lambda batch: self.store.invalidate(batch, self._clock()))

    def lookup(self, idempotency_key: str) -> ArchiveReceipt | None:
        return self.store.lookup(idempotency_key)

    def entries(self, *, after: int = 0, limit: int = 1000) -> EntryPage:
        return self.store.entries(after=after, limit=limit)

    def close(self) -> None:
        self.store.close()
