"""The same version sent again with other metadata: the archive keeps what it stored, the queue corrects.

A document whose answer was lost after the archive stored it, and whose job then
died, is fixed by its author and sent again under the same key. The archive must
not call that a duplicate, and the core must not claim the new metadata was
archived: it records what the archive holds and sends the fix as a correction.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from queue_support import NOW, POLICY, Flaky, advancing, district, documents, jobs, stand_in
from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving import documents as core
from archiving import submission
from archiving.actors import load_actor
from archiving.clock import FixedClock
from archiving.db import read_only, transaction
from archiving.enums import Channel, DocumentStatus, JobState
from archiving.kanta.gateway import ArchiveUnavailable, EntryState
from archiving.kanta.verify import verify
from archiving.demo.loadgen import District
from archiving.models import ArchiveJob, AuditEvent, DocumentSocialService, DocumentVersion
from archiving.queue.items import JobResult
from archiving.queue.worker import drain

SERVICES_OF_TASK_20 = ("37", "85", "51")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def services(engine: Engine, document_id: int) -> list[str]:
    with read_only(engine) as session:
        rows = session.exec(
            select(DocumentSocialService.code).where(DocumentSocialService.document_id == document_id)
        ).all()
    return sorted(rows)


def other_service(engine: Engine, document_id: int) -> str:
    return next(c for c in SERVICES_OF_TASK_20 if c not in services(engine, document_id))


def fix_services(engine: Engine, d: District, document_id: int, codes: list[str]) -> None:
    """The author fixes the social services of a failed document, by chat, as a worker would."""
    with transaction(engine) as session:
        author = load_actor(session, d.author_id, Channel.CHAT)
    result = core.fix_metadata(engine, author, document_id, social_services=codes, now=NOW)
    assert result.queued and not result.corrected  # never confirmed archived: the same version goes again


def versions(engine: Engine, document_id: int) -> dict[int, tuple[str, dict[str, object], str | None]]:
    with read_only(engine) as session:
        rows = session.exec(select(DocumentVersion).where(DocumentVersion.document_id == document_id)).all()
        return {r.version: (r.state, json.loads(r.metadata_json), r.archive_reference) for r in rows}


def archive_entries(archive, document_id: int) -> dict[int, tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {
        e.version: (e.state, e.reference) for e in archive.entries(limit=10_000).entries if e.document_id == document_id
    }


def test_a_fix_after_a_lost_answer_becomes_a_correction_and_the_core_tells_the_truth(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=1, per_client=2)
    target, untouched = d.client_document_ids
    key = f"{target}:1:archive"
    # attempt 1: stored, answer lost; attempts 2-4: busy, so the job dies not knowing it was stored
    archive = Flaky(stand_in(engine, tmp_path, clock), script={key: ["lost", "busy", "busy", "busy"]})
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    doc = documents(engine)[target]
    assert (doc.status, doc.error_retryable, jobs(engine)[target].state) == (DocumentStatus.FAILED, True, JobState.DEAD)
    stored_services = services(engine, target)
    assert archive.send_counts()[key] == 4 and 1 in archive_entries(archive, target)

    new_services = [other_service(engine, target)]
    fix_services(engine, d, target, new_services)
    told: list[JobResult] = []
    drain(
        engine,
        archive,
        clock,
        random.Random(2),
        policy=POLICY,
        sleep=advancing(clock),
        notifier=lambda session, results: told.extend(results),
    )

    doc = documents(engine)[target]
    assert (doc.status, doc.version) == (DocumentStatus.ARCHIVED, 2)
    kept = versions(engine, target)
    stored = archive_entries(archive, target)
    assert kept[1][0] == "superseded" and kept[1][1]["social_services"] == stored_services
    assert kept[2][0] == "archived" and kept[2][1]["social_services"] == new_services
    assert {v: ref for v, (_, _, ref) in kept.items()} == {v: ref for v, (_, ref) in stored.items()}
    assert {v: state for v, (state, _) in stored.items()} == {1: EntryState.SUPERSEDED, 2: EntryState.ACTIVE}
    assert doc.archive_reference == stored[2][1]
    assert [(r.version, r.result, r.code) for r in told] == [
        (1, "corrected", "VERSION_CONFLICT"),
        (2, "archived", None),
    ]
    assert {(j.version, j.state) for j in jobs_of(engine, target)} == {(1, JobState.DONE), (2, JobState.DONE)}
    with read_only(engine) as session:  # the queue started the correction, and says so in the audit log
        events = session.exec(
            select(AuditEvent.action, AuditEvent.actor_label).where(
                AuditEvent.document_id == target, AuditEvent.channel == "queue"
            )
        ).all()
    assert ("document.correct", "system:queue") in events and ("document.submit", "system:queue") in events
    assert documents(engine)[untouched].status == DocumentStatus.ARCHIVED
    assert archive.looked_up == [key]  # only the conflict made the queue ask
    report = verify(engine, archive)
    assert report.ok and report.archived == len(d.document_ids) + 1


def jobs_of(engine: Engine, document_id: int) -> list[ArchiveJob]:
    with read_only(engine) as session:
        rows = list(session.exec(select(ArchiveJob).where(ArchiveJob.document_id == document_id)).all())
        session.expunge_all()
    return rows


def test_resubmitting_unchanged_after_a_lost_answer_is_still_a_duplicate(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=1, per_client=1)
    target = d.client_document_ids[0]
    key = f"{target}:1:archive"
    archive = Flaky(stand_in(engine, tmp_path, clock), script={key: ["lost", "busy", "busy", "busy"]})
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    assert documents(engine)[target].status == DocumentStatus.FAILED
    reference = archive_entries(archive, target)[1][1]
    with transaction(engine) as session:
        author = load_actor(session, d.author_id, Channel.CHAT)
    submission.submit(engine, author, [target], now=NOW)  # sent again as it is
    stats = drain(engine, archive, clock, random.Random(2), policy=POLICY, sleep=advancing(clock))
    doc = documents(engine)[target]
    assert stats.results == {"archived": 1} and archive.looked_up == []
    assert (doc.status, doc.version, doc.archive_reference) == (DocumentStatus.ARCHIVED, 1, reference)
    assert archive.inner.store.count() == len(d.document_ids) and archive.send_counts()[key] == 5
    assert verify(engine, archive).ok


def test_a_last_attempt_with_an_unknown_outcome_asks_the_archive_before_giving_up(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=2, per_client=1)
    arrived, never = d.client_document_ids
    archive = Flaky(
        stand_in(engine, tmp_path, clock),
        script={
            f"{arrived}:1:archive": ["busy", "busy", "busy", "lost"],  # the last send was stored
            f"{never}:1:archive": ["timeout"] * 4,  # no send ever reached the archive
        },
    )
    stats = drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    assert sorted(archive.looked_up) == sorted([f"{arrived}:1:archive", f"{never}:1:archive"])
    assert stats.results["dead"] == 1
    state, docs = jobs(engine), documents(engine)
    assert (state[arrived].state, state[arrived].attempts, docs[arrived].status) == (
        JobState.DONE,
        4,
        DocumentStatus.ARCHIVED,
    )
    assert docs[arrived].archive_reference == archive_entries(archive, arrived)[1][1]
    assert (state[never].state, state[never].last_error_code, docs[never].status) == (
        JobState.DEAD,
        "TIMEOUT",
        DocumentStatus.FAILED,
    )
    assert verify(engine, archive).ok


def stored_unknowingly_then_fixed(
    engine: Engine, tmp_path: Path, clock: FixedClock, then: list[str] | None = None
) -> tuple[int, str, Flaky, list[str]]:
    """One document whose first send was stored but its answer lost (then busy), fixed afterwards.

    Returns the document, its first version's key, the archive (``then`` scripts the sends after
    the first four) and the social services as sent before the fix.
    """
    d = district(engine, clients=1, per_client=1)
    target = d.client_document_ids[0]
    key = f"{target}:1:archive"
    archive = Flaky(stand_in(engine, tmp_path, clock), script={key: ["lost", "busy", "busy", "busy"] + (then or [])})
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    old = services(engine, target)
    fix_services(engine, d, target, [other_service(engine, target)])
    return target, key, archive, old


def test_an_unknown_last_attempt_of_a_fixed_version_finds_the_old_one_and_corrects(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    """The fix's own sends never arrive; the lookup before dead-lettering finds the version sent before the fix."""
    target, key, archive, old = stored_unknowingly_then_fixed(engine, tmp_path, clock, then=["timeout"] * 4)
    stats = drain(engine, archive, clock, random.Random(2), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    assert stats.results == {"retry": 3, "corrected": 1, "archived": 1} and archive.looked_up == [key]
    doc = documents(engine)[target]
    assert (doc.status, doc.version) == (DocumentStatus.ARCHIVED, 2)
    assert versions(engine, target)[1][1]["social_services"] == old
    assert verify(engine, archive).ok


def test_a_conflict_the_archive_cannot_be_asked_about_is_retried(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    target, _key, archive, _old = stored_unknowingly_then_fixed(engine, tmp_path, clock)
    asked = archive.lookup
    down = [ArchiveUnavailable("UNREACHABLE", "unreachable", "ei yhteyttä")]

    def lookup(k: str):  # type: ignore[no-untyped-def]
        if down:
            raise down.pop()
        return asked(k)

    archive.lookup = lookup  # type: ignore[method-assign]
    stats = drain(engine, archive, clock, random.Random(2), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    assert stats.results == {"retry": 1, "corrected": 1, "archived": 1}
    doc = documents(engine)[target]
    assert (doc.status, doc.version) == (DocumentStatus.ARCHIVED, 2)
    assert verify(engine, archive).ok
