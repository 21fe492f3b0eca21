"""Shared pieces of the queue tests: a queued district, the stand-in archive, a flaky network.

Importable from tests under ``tests/archiving`` (pytest puts this folder on
``sys.path`` for its conftest). Only the network is scripted: the archive
behind it is the real stand-in with its rules and storage.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.clock import FixedClock
from archiving.db import read_only
from archiving.kanta.catalog import CachedCatalog, catalog_from_database
from archiving.kanta.gateway import ArchiveUnavailable, EntryPage, Outcome, OutcomeUnknown
from archiving.kanta.simulator import KantaSimulator
from archiving.kanta.store import ArchiveStore
from archiving.demo.loadgen import District, create_queued_district
from archiving.models import ArchiveJob, Document
from archiving.queue import QueuePolicy

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
POLICY = QueuePolicy(max_attempts=4, backoff_base_s=2.0, backoff_cap_s=900.0, lease_s=60.0, batch_size=50)


def district(engine: Engine, clients: int = 3, per_client: int = 2, seed: int = 1) -> District:
    return create_queued_district(
        engine, clients=clients, documents_per_client=per_client, rng=random.Random(seed), now=NOW
    )


def stand_in(engine: Engine, tmp_path: Path, clock: FixedClock) -> KantaSimulator:
    """The embedded archive in its own SQLite file, checking codes against the product database."""
    store = ArchiveStore(f"sqlite:///{tmp_path / 'kanta.db'}", rng=random.Random(2))
    return KantaSimulator(
        store, CachedCatalog(lambda: catalog_from_database(engine), max_age_s=0), rng=random.Random(3), clock=clock
    )


@dataclass
class Flaky:
    """A network in front of the archive: per idempotency key, scripted trouble for the next sends.

    ``busy``: refused before the archive sees it; ``timeout``: no answer, and the
    archive never saw it; ``lost``: the archive stores it, the answer is lost.
    Every call's keys are recorded in ``sent``.
    """

    inner: KantaSimulator
    script: dict[str, list[str]] = field(default_factory=dict)
    sent: list[list[str]] = field(default_factory=list)
    looked_up: list[str] = field(default_factory=list)
    before_return: Callable[[], None] | None = None

    def _through(self, items: Sequence, call: Callable[[list], list[Outcome]]) -> list[Outcome]:  # type: ignore[type-arg]
        self.sent.append([i.idempotency_key for i in items])
        trouble = [
            self.script.get(i.idempotency_key, []).pop(0) if self.script.get(i.idempotency_key) else None for i in items
        ]
        passing = [i for i, t in zip(items, trouble, strict=True) if t not in ("busy", "timeout")]
        answers = iter(call(passing))
        outcomes: list[Outcome] = []
        for t in trouble:
            if t == "busy":
                outcomes.append(ArchiveUnavailable("BUSY", "busy", "ruuhka"))
            elif t == "timeout":
                outcomes.append(OutcomeUnknown("TIMEOUT", "timeout", "aikakatkaisu"))
            else:
                answer = next(answers)
                outcomes.append(OutcomeUnknown("RESPONSE_LOST", "lost", "hukassa") if t == "lost" else answer)
        if self.before_return is not None:
            hook, self.before_return = self.before_return, None
            hook()
        return outcomes

    def submit(self, items):  # type: ignore[no-untyped-def]
        return self._through(items, self.inner.submit)

    def invalidate(self, items):  # type: ignore[no-untyped-def]
        return self._through(items, self.inner.invalidate)

    def lookup(self, key):  # type: ignore[no-untyped-def]
        self.looked_up.append(key)
        return self.inner.lookup(key)

    def entries(self, *, after: int = 0, limit: int = 1000) -> EntryPage:
        return self.inner.entries(after=after, limit=limit)

    def close(self) -> None:
        self.inner.close()

    def send_counts(self) -> Counter[str]:
        return Counter(k for call in self.sent for k in call)


def advancing(clock: FixedClock) -> Callable[[float], None]:
    """A ``sleep`` for drain that moves the fixed clock instead of waiting."""
    return lambda seconds: clock.advance(seconds=seconds)


def jobs(engine: Engine) -> dict[int, ArchiveJob]:
    with read_only(engine) as session:
        rows = {j.document_id: j for j in session.exec(select(ArchiveJob)).all()}
        session.expunge_all()  # keep them readable after read_only's rollback
    return rows


def documents(engine: Engine) -> dict[int, Document]:
    with read_only(engine) as session:
        rows = {d.id: d for d in session.exec(select(Document)).all() if d.id is not None}
        session.expunge_all()
    return rows
