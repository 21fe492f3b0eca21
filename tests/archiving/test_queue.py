"""The archive queue on SQLite and PostgreSQL: leases, backoff, dead letters, the order rule, idempotency."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import threading
from pathlib import Path

import pytest
from queue_support import NOW, POLICY, Flaky, advancing, district, documents, jobs, stand_in
from sqlalchemy.engine import Engine
from sqlmodel import select, update

from archiving import lifecycle
from archiving.clock import FixedClock
from archiving.db import make_engine, read_only, transaction
from archiving.enums import DocumentStatus, JobState
from archiving.kanta.gateway import ArchiveReceipt
from archiving.kanta.submission import build_submissions
from archiving.kanta.verify import verify
from archiving.models import ArchiveJob, AuditEvent, Document, DocumentVersion
from archiving.queue import backoff_delay, enqueue, lease, queue_counts, workable
from archiving.queue.worker import QueueWorker, drain


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def worker(
    engine: Engine, gateway, clock: FixedClock, owner: str = "w1", seed: int = 9, **policy: object
) -> QueueWorker:  # type: ignore[no-untyped-def]
    return QueueWorker(
        engine, gateway, clock=clock, rng=random.Random(seed), policy=dataclasses.replace(POLICY, **policy), owner=owner
    )


def test_lease_takes_due_jobs_by_priority_and_holds_them(engine: Engine, clock: FixedClock) -> None:
    d = district(engine, clients=3, per_client=2)
    with transaction(engine) as session:
        taken = lease(session, owner="a", now=NOW, policy=dataclasses.replace(POLICY, batch_size=5))
    assert [j.document_id for j in taken.jobs] == d.relationship_ids + d.case_ids[:2]
    for job in taken.jobs:
        assert (job.state, job.lease_owner, job.attempts) == (JobState.LEASED, "a", 1)
        assert job.lease_expires_at == NOW + dt.timedelta(seconds=POLICY.lease_s)
    assert taken.blocked_by[taken.jobs[3].id] == [d.relationship_ids[0]]  # a case waits for its relationship record
    with transaction(engine) as session:  # another worker: what is left waits for records held by "a"
        second = lease(session, owner="b", now=NOW, policy=POLICY)
    assert second.jobs == [] and second.deferred == 7
    waiting = jobs(engine)[d.client_document_ids[0]]
    assert (waiting.state, waiting.attempts, waiting.waiting_for) == (JobState.PENDING, 0, d.relationship_ids[0])


def test_order_rule_defers_without_spending_attempts_and_releases_on_archiving(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=2, per_client=2)
    rel = d.relationship_ids[0]
    with transaction(engine) as session:  # the first client's relationship record is not queued yet
        session.delete(session.exec(select(ArchiveJob).where(ArchiveJob.document_id == rel)).one())
        session.get(Document, rel).status = DocumentStatus.LOCKED  # type: ignore[union-attr]
    archive = Flaky(stand_in(engine, tmp_path, clock))
    stats = drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    state = jobs(engine)
    blocked = [d.case_ids[0]] + d.client_document_ids[:2]
    assert all(state[i].state == JobState.PENDING and state[i].attempts == 0 for i in blocked)
    assert {state[i].waiting_for for i in blocked} == {rel}
    assert stats.remaining == 0  # nothing can move until someone queues the record
    assert not any(k.startswith(f"{i}:") for i in blocked for k in archive.send_counts())
    with transaction(engine) as session:
        doc = session.get(Document, rel)
        assert doc is not None
        lifecycle.queue(doc, now=clock())
        enqueue(session, doc, now=clock())
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    assert {j.state for j in jobs(engine).values()} == {JobState.DONE}
    assert all(jobs(engine)[i].attempts == 1 for i in blocked)


def test_a_missed_wakeup_is_swept_up_by_the_next_lease(engine: Engine, tmp_path: Path, clock: FixedClock) -> None:
    """Another worker decided to wait for a record just as it was archived (a race on PostgreSQL)."""
    d = district(engine, clients=1, per_client=1)
    rel, doc = d.relationship_ids[0], d.client_document_ids[0]
    later = NOW + dt.timedelta(hours=1)
    with transaction(engine) as session:
        session.execute(update(ArchiveJob).where(ArchiveJob.document_id == doc).values(not_before=later))

    def late_waiter(batch: object) -> None:  # committed after the record's release had already run
        with transaction(engine) as session:
            session.execute(
                update(ArchiveJob)
                .where(ArchiveJob.document_id == doc, ArchiveJob.state == JobState.PENDING)
                .values(waiting_for=rel, not_before=later)
            )

    stats = drain(
        engine,
        stand_in(engine, tmp_path, clock),
        clock,
        random.Random(1),
        policy=POLICY,
        sleep=advancing(clock),
        on_batch=late_waiter,
    )
    assert stats.results == {"archived": 3} and clock() < later
    assert jobs(engine)[doc].state == JobState.DONE


def test_backoff_grows_with_jitter_then_dead_letter_keeps_the_last_error(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=1, per_client=1)
    rel = d.relationship_ids[0]
    archive = Flaky(stand_in(engine, tmp_path, clock), script={f"{rel}:1:archive": ["busy"] * 10})
    w = worker(engine, archive, clock, seed=9)
    expected = random.Random(9)
    for attempt in range(1, POLICY.max_attempts):
        w.run_once()
        job = jobs(engine)[rel]
        delay = (job.not_before - clock()).total_seconds()
        assert delay == pytest.approx(backoff_delay(attempt, POLICY, expected))
        assert 2.0 * 2 ** (attempt - 1) / 2 <= delay <= 2.0 * 2 ** (attempt - 1)
        assert (job.state, job.attempts, job.last_error_code) == (JobState.PENDING, attempt, "BUSY")
        clock.now = job.not_before
    w.run_once()
    job, doc = jobs(engine)[rel], documents(engine)[rel]
    assert (job.state, job.attempts, job.last_error_code) == (JobState.DEAD, 4, "BUSY")
    assert "4 attempts" in (job.last_error or "") and "busy" in (job.last_error or "")
    assert (doc.status, doc.error_retryable, doc.last_error_code) == (DocumentStatus.FAILED, True, "BUSY")
    assert "4 yrityksellä" in (doc.last_error or "")
    stats = drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    assert stats.remaining == 0 and jobs(engine)[d.client_document_ids[0]].waiting_for == rel


def test_backoff_is_capped() -> None:
    policy = dataclasses.replace(POLICY, backoff_base_s=2.0, backoff_cap_s=60.0)
    assert all(30.0 <= backoff_delay(n, policy, random.Random(n)) <= 60.0 for n in range(6, 30))


def test_permanent_error_fails_the_document_at_once(engine: Engine, tmp_path: Path, clock: FixedClock) -> None:
    d = district(engine, clients=1, per_client=1)
    target = d.client_document_ids[0]
    with transaction(engine) as session:  # changed after locking: the archive's hash check refuses it
        session.get(Document, target).content = "muutettu jälkikäteen"  # type: ignore[union-attr]
    drain(engine, stand_in(engine, tmp_path, clock), clock, random.Random(1), policy=POLICY, sleep=advancing(clock))
    job, doc = jobs(engine)[target], documents(engine)[target]
    assert (job.state, job.attempts, job.last_error_code) == (JobState.DEAD, 1, "HASH_MISMATCH")
    assert (doc.status, doc.error_retryable, doc.last_error_code) == (DocumentStatus.FAILED, False, "HASH_MISMATCH")
    assert "tiivistettä" in (doc.last_error or "")


def test_expired_lease_is_taken_again_and_the_late_worker_changes_nothing(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=2, per_client=1)
    archive = Flaky(stand_in(engine, tmp_path, clock))
    slow, fast = worker(engine, archive, clock, owner="slow"), worker(engine, archive, clock, owner="fast")

    def meanwhile() -> None:  # the slow worker's send outlives its lease; another worker takes over
        clock.advance(seconds=POLICY.lease_s + 1)
        fast.run_once()

    archive.before_return = meanwhile
    stats = slow.run_once()
    assert stats.results == {"skipped": 6}
    assert archive.send_counts() == {f"{i}:1:archive": 2 for i in d.document_ids}
    assert archive.inner.store.count() == 6
    with read_only(engine) as session:
        assert len(session.exec(select(DocumentVersion)).all()) == 6
    assert {(j.state, j.attempts, j.lease_owner) for j in jobs(engine).values()} == {(JobState.DONE, 2, None)}


def _killed_on_every_attempt(engine: Engine, clock: FixedClock, attempts: int) -> None:
    for _ in range(attempts):  # leased, then the worker is killed before it reports
        with transaction(engine) as session:
            lease(session, owner="killed", now=clock(), policy=dataclasses.replace(POLICY, max_attempts=attempts))
        clock.advance(seconds=POLICY.lease_s + 1)


def test_a_job_whose_workers_keep_dying_is_given_up(engine: Engine, tmp_path: Path, clock: FixedClock) -> None:
    d = district(engine, clients=1, per_client=1)
    rel = d.relationship_ids[0]
    _killed_on_every_attempt(engine, clock, 2)
    told: list[tuple[int, str, str | None]] = []
    archive = Flaky(stand_in(engine, tmp_path, clock))
    survivor = worker(engine, archive, clock, max_attempts=2)
    survivor.notifier = lambda session, results: told.extend((r.document_id, r.result, r.code) for r in results)
    survivor.run_once()
    assert archive.sent == []  # asked about, never sent again
    job, doc = jobs(engine)[rel], documents(engine)[rel]
    assert (job.state, job.attempts, job.last_error_code) == (JobState.DEAD, 2, "LEASE_EXPIRED")
    assert (doc.status, doc.error_retryable) == (DocumentStatus.FAILED, True)
    assert "2 yrityksellä" in (doc.last_error or "") and "keskeytyi" in (doc.last_error or "")
    assert sorted(told) == [(i, "dead", "LEASE_EXPIRED") for i in d.document_ids]  # the notifier hears of each


def test_a_killed_last_send_that_reached_the_archive_is_archived_not_failed(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=1, per_client=1)
    rel, case, client = d.document_ids
    _killed_on_every_attempt(engine, clock, 2)
    archive = Flaky(stand_in(engine, tmp_path, clock))
    with read_only(engine) as session:  # the killed worker's last send of the two records did arrive
        built = build_submissions(session, [session.get(Document, i) for i in (rel, case)])  # type: ignore[misc]
    assert all(isinstance(o, ArchiveReceipt) for o in archive.inner.submit([built[rel], built[case]]))
    stats = worker(engine, archive, clock, max_attempts=2).run_once()
    assert stats.results == {"archived": 2, "dead": 1} and archive.sent == []
    state, docs = jobs(engine), documents(engine)
    assert [(state[i].state, docs[i].status) for i in d.document_ids] == [
        (JobState.DONE, DocumentStatus.ARCHIVED),
        (JobState.DONE, DocumentStatus.ARCHIVED),
        (JobState.DEAD, DocumentStatus.FAILED),
    ]
    assert verify(engine, archive).ok


def test_lost_answers_and_resends_leave_one_archive_entry_each(
    engine: Engine, tmp_path: Path, clock: FixedClock
) -> None:
    d = district(engine, clients=2, per_client=2)
    keys = [f"{i}:1:archive" for i in d.document_ids]
    archive = Flaky(stand_in(engine, tmp_path, clock), script={k: ["lost"] for k in keys})
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock), max_sleep_s=3600)
    assert archive.send_counts() == {k: 2 for k in keys}
    assert archive.inner.store.count() == len(keys)
    assert {(j.state, j.attempts) for j in jobs(engine).values()} == {(JobState.DONE, 2)}
    assert {d.status for d in documents(engine).values()} == {DocumentStatus.ARCHIVED}
    with transaction(engine) as session:  # queuing the same version again reuses the finished job
        doc = session.get(Document, d.client_document_ids[0])
        assert enqueue(session, doc, now=clock()).state == JobState.DONE  # type: ignore[arg-type]
    with read_only(engine) as session:
        assert queue_counts(session) == {"done": len(keys)}
        assert workable(session) == (0, None)


def test_queue_writes_versions_and_audit_rows_without_hetu(engine: Engine, tmp_path: Path, clock: FixedClock) -> None:
    d = district(engine, clients=1, per_client=1)
    drain(engine, stand_in(engine, tmp_path, clock), clock, random.Random(1), policy=POLICY, sleep=advancing(clock))
    with read_only(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.channel == "queue")).all()
        versions = session.exec(select(DocumentVersion)).all()
        clients = session.exec(select(Document.client_id)).all()
        session.expunge_all()
    by_action: dict[str, set[int]] = {}
    for e in events:
        by_action.setdefault(e.action, set()).add(e.document_id)  # type: ignore[arg-type]
        assert e.actor_label == "system:queue" and e.actor_id is None and e.client_id in clients
    assert by_action == {"archive.send": set(d.document_ids), "archive.result": set(d.document_ids)}
    assert all("archived" in e.detail for e in events if e.action == "archive.result")
    from archiving.hetu import contains_hetu

    assert not any(contains_hetu(e.detail) for e in events)
    assert {(v.document_id, v.version, v.state) for v in versions} == {(i, 1, "archived") for i in d.document_ids}
    assert all(not contains_hetu(v.metadata_json) and v.archive_reference for v in versions)


def test_two_workers_never_send_the_same_job(db_url: str, tmp_path: Path) -> None:
    """Separate engines and threads, one queue: SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite."""
    setup = make_engine(db_url)
    d = district(setup, clients=40, per_client=3)
    clock = FixedClock(NOW)
    archive = Flaky(stand_in(setup, tmp_path, clock))
    lock = threading.Lock()
    original = archive._through

    def recorded(items, call):  # type: ignore[no-untyped-def]
        with lock:
            return original(items, call)

    archive._through = recorded  # type: ignore[method-assign]
    errors: list[BaseException] = []

    def run(owner: str) -> None:
        engine = make_engine(db_url)
        try:
            drain(
                engine,
                archive,
                clock,
                random.Random(owner),
                policy=dataclasses.replace(POLICY, batch_size=15),
                owner=owner,
                sleep=lambda s: None,
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert archive.send_counts() == {f"{i}:1:archive": 1 for i in d.document_ids}
    owners = {}
    with read_only(setup) as session:
        for e in session.exec(select(AuditEvent).where(AuditEvent.action == "archive.send")).all():
            owners[e.document_id] = owners.get(e.document_id, 0) + 1
    assert set(owners.values()) == {1}
    assert {j.state for j in jobs(setup).values()} == {JobState.DONE}
    setup.dispose()
