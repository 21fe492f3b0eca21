"""The worker end to end with the stand-in archive: corrections, invalidation, notifications, stopping."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from queue_support import NOW, POLICY, advancing, district, documents, stand_in
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from archiving import lifecycle
from archiving.clock import FixedClock
from archiving.db import read_only, transaction
from archiving.enums import DocumentStatus, JobOperation
from archiving.kanta.gateway import EntryState
from archiving.models import Document, DocumentVersion
from archiving.queue import enqueue
from archiving.queue.items import JobResult
from archiving.queue.worker import drain


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def versions(engine: Engine, document_id: int) -> list[tuple[int, str]]:
    with read_only(engine) as session:
        rows = session.exec(select(DocumentVersion).where(DocumentVersion.document_id == document_id)).all()
        return sorted((r.version, r.state) for r in rows)


def archive_states(archive, document_id: int) -> dict[tuple[int, str], str]:  # type: ignore[no-untyped-def]
    return {
        (e.version, e.operation): e.state for e in archive.entries(limit=10_000).entries if e.document_id == document_id
    }


def test_correction_replaces_the_archived_version_in_core_and_archive(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=1, per_client=1)
    archive = stand_in(engine, tmp_path, clock)
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock))
    target = d.client_document_ids[0]
    with transaction(engine) as session:
        doc = session.get(Document, target)
        assert doc is not None
        lifecycle.start_correction(doc, now=clock())
        lifecycle.queue(doc, now=clock())
        enqueue(session, doc, now=clock())
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock))
    doc = documents(engine)[target]
    assert (doc.status, doc.version) == (DocumentStatus.ARCHIVED, 2)
    assert versions(engine, target) == [(1, "superseded"), (2, "archived")]
    assert archive_states(archive, target) == {(1, "archive"): EntryState.SUPERSEDED, (2, "archive"): EntryState.ACTIVE}


def test_invalidation_keeps_the_version_and_is_confirmed_by_the_archive(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=1, per_client=1)
    archive = stand_in(engine, tmp_path, clock)
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock))
    target = d.client_document_ids[0]
    with transaction(engine) as session:
        doc = session.get(Document, target)
        assert doc is not None
        lifecycle.invalidate(doc, reason="väärä asiakas", now=clock())
        enqueue(session, doc, now=clock(), operation=JobOperation.INVALIDATE)
    assert versions(engine, target) == [(1, "archived")]  # not confirmed yet
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock))
    assert documents(engine)[target].status == DocumentStatus.INVALIDATED
    assert versions(engine, target) == [(1, "invalidated")]
    assert archive_states(archive, target) == {
        (1, "archive"): EntryState.INVALIDATED,
        (1, "invalidate"): EntryState.INVALIDATED,
    }


def test_notifier_runs_inside_the_outcome_transaction(engine: Engine, tmp_path: Path, clock: FixedClock) -> None:
    d = district(engine, clients=1, per_client=1)
    seen: list[JobResult] = []

    def notify(session: Session, results) -> None:  # type: ignore[no-untyped-def]
        # the documents' new state is visible to whatever the notifier writes in this transaction
        statuses = {doc.id: doc.status for doc in session.exec(select(Document)).all()}
        assert all(statuses[r.document_id] == DocumentStatus.ARCHIVED for r in results)
        seen.extend(results)

    drain(
        engine,
        stand_in(engine, tmp_path, clock),
        clock,
        random.Random(1),
        policy=POLICY,
        sleep=advancing(clock),
        notifier=notify,
    )
    assert sorted(r.document_id for r in seen) == sorted(d.document_ids)
    assert {(r.result, r.author_id) for r in seen} == {("archived", d.author_id)}


def test_service_mode_runs_until_told_to_stop(engine: Engine, tmp_path: Path, clock: FixedClock) -> None:
    district(engine, clients=1, per_client=1)
    naps: list[float] = []
    stats = drain(
        engine,
        stand_in(engine, tmp_path, clock),
        clock,
        random.Random(1),
        policy=POLICY,
        until_empty=False,
        sleep=naps.append,
        should_stop=lambda: len(naps) >= 3,
        max_sleep_s=0.5,
    )
    assert stats.results == {"archived": 3} and naps == [0.5, 0.5, 0.5]
