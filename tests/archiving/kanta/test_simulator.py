"""The embedded stand-in archive: its own storage, the rules, idempotency, corrections, faults."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from sqlmodel import SQLModel

from archiving.kanta.catalog import CodeCatalog, fixed_catalog
from archiving.kanta.gateway import (
    ArchiveConflict,
    ArchiveReceipt,
    ArchiveRejected,
    ArchiveUnavailable,
    EntryState,
    OutcomeUnknown,
)
from archiving.kanta.simulator import Fault, FaultPlan, KantaSimulator
from archiving.kanta.store import ArchiveStore
from archiving.kanta.submission import Invalidation, Submission, content_digest
from archiving.kanta.tables import metadata

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
HETU = "010190-901R"
OTHER_HETU = "020202A903J"
KEEPER = "2.999.10"
CATALOG = CodeCatalog.of(
    service_tasks=["20"],
    social_services=["37"],
    document_types={
        ("1.2.246.537.6.1506", "11053"): "required",
        ("1.2.246.537.6.1505", "1"): "none",
        ("1.2.246.537.6.1505", "2"): "none",
    },
    allowed_pairs=[("20", "37")],
)


def doc(document_id: int, *, kind: str = "client", version: int = 1, hetu: str = HETU, **changes: object) -> Submission:
    record = kind != "client"
    content = f"asiakirja {document_id} v{version}"
    sub = Submission(
        idempotency_key=f"{document_id}:{version}:archive",
        document_id=document_id,
        set_id=f"{KEEPER}.11.{document_id}",
        document_oid=f"{KEEPER}.12.{document_id}.{version}",
        version=version,
        replaces_version=version - 1 if version > 1 else None,
        kind=kind,
        document_type_system="1.2.246.537.6.1505" if record else "1.2.246.537.6.1506",
        document_type_code={"relationship": "1", "case": "2"}.get(kind, "11053"),
        title="Otsikko",
        client_hetu=hetu,
        service_task_code="20",
        social_service_codes=() if record else ("37",),
        service_unit_oid=f"{KEEPER}.1",
        register_keeper_oid=KEEPER,
        author_id="1",
        author_name="Anna",
        case_set_id=None,
        relationship_level=None,
        effective_time=NOW,
        created_at=NOW,
        content_hash=content_digest(content),
        content=content,
    )
    return dataclasses.replace(sub, **changes)  # type: ignore[arg-type]


class ForcedFaults(random.Random):
    """A seeded generator whose fault choice is fixed, to meet one fault kind on purpose."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(1)
        self.fault = fault

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return self.fault


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    """The stand-in's storage; on SQLite and PostgreSQL (it makes its own tables)."""
    s = ArchiveStore(db_url, rng=random.Random(5))
    yield s
    s.close()


def sim(store: ArchiveStore, fault: Fault | None = None, rate: float = 0.0, sleep=None) -> KantaSimulator:  # type: ignore[no-untyped-def]
    rng: random.Random = ForcedFaults(fault) if fault else random.Random(3)
    return KantaSimulator(
        store,
        fixed_catalog(CATALOG),
        faults=FaultPlan(rate if fault is None else 1.0, 25 if sleep else 0),
        rng=rng,
        clock=lambda: NOW,
        sleep=sleep or (lambda s: None),
    )


def test_tables_stay_out_of_the_product_schema() -> None:
    assert "kanta_entry" in metadata.tables
    assert "kanta_entry" not in SQLModel.metadata.tables


def test_relationship_first_then_documents_in_one_batch(store: ArchiveStore) -> None:
    gateway = sim(store)
    outcomes = gateway.submit([doc(1, kind="relationship"), doc(2, kind="case"), doc(3)])
    assert all(isinstance(o, ArchiveReceipt) and not o.duplicate for o in outcomes)
    assert store.count() == 3


def test_document_before_relationship_is_rejected(store: ArchiveStore) -> None:
    [outcome] = sim(store).submit([doc(3)])
    assert isinstance(outcome, ArchiveRejected) and outcome.code == "RELATIONSHIP_MISSING"
    assert store.count() == 0


def test_same_key_twice_is_stored_once_and_answered_with_the_same_receipt(store: ArchiveStore) -> None:
    gateway = sim(store)
    first = gateway.submit([doc(1, kind="relationship")])[0]
    again, in_batch_twice = gateway.submit([doc(1, kind="relationship"), doc(1, kind="relationship")])
    assert isinstance(first, ArchiveReceipt) and isinstance(again, ArchiveReceipt)
    assert again.duplicate and again.reference == first.reference
    assert isinstance(in_batch_twice, ArchiveReceipt) and in_batch_twice.reference == first.reference
    assert store.count() == 1
    assert gateway.lookup("1:1:archive") == dataclasses.replace(first, duplicate=True)
    assert gateway.lookup("1:2:archive") is None


def test_a_resend_with_another_header_or_body_is_a_conflict_naming_the_stored_entry(store: ArchiveStore) -> None:
    gateway = sim(store)
    gateway.submit([doc(1, kind="relationship")])
    [first] = gateway.submit([doc(2)])
    assert isinstance(first, ArchiveReceipt)
    body = "toinen sisältö"
    other_unit, other_body, same = gateway.submit(
        [doc(2, service_unit_oid=f"{KEEPER}.2"), doc(2, content=body, content_hash=content_digest(body)), doc(2)]
    )
    for conflict in (other_unit, other_body):
        assert isinstance(conflict, ArchiveConflict) and not conflict.retryable and conflict.ack == "AE"
        assert (conflict.code, conflict.reference) == ("VERSION_CONFLICT", first.reference)
        assert first.reference in conflict.message_fi and "versio 1" in conflict.message_fi
        assert first.reference in conflict.message_en and HETU not in conflict.message_fi + conflict.message_en
        assert conflict.violations[0].field == "version"
    assert isinstance(same, ArchiveReceipt) and same.duplicate and same.reference == first.reference
    assert store.count() == 2
    stored = gateway.lookup("2:1:archive")
    assert stored is not None and stored.header is not None
    assert stored.header["service_unit_oid"] == f"{KEEPER}.1" and stored.content_hash == doc(2).content_hash
    assert "client_hetu" not in stored.header and "content" not in stored.header
    assert stored.header_digest == first.header_digest


def test_the_same_key_twice_in_one_batch_with_other_metadata_stores_the_first(store: ArchiveStore) -> None:
    gateway = sim(store)
    rel, first, second = gateway.submit(
        [doc(1, kind="relationship"), doc(2), doc(2, social_service_codes=("37", "38"))]
    )
    assert isinstance(first, ArchiveReceipt) and not first.duplicate
    assert isinstance(second, ArchiveConflict) and second.reference == first.reference
    assert store.count() == 2


def test_entries_stored_before_header_digests_are_still_compared(store: ArchiveStore) -> None:
    gateway = sim(store)
    [_, first] = gateway.submit([doc(1, kind="relationship"), doc(2)])
    with store.engine.begin() as conn:  # an archive database from before the digest column
        conn.exec_driver_sql("ALTER TABLE kanta_entry DROP COLUMN header_digest")
    reopened = ArchiveStore(store.engine.url.render_as_string(hide_password=False), rng=random.Random(6))
    try:
        with reopened.engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM kanta_entry WHERE header_digest IS NULL").scalar() == 2
        again = sim(reopened)
        [same] = again.submit([doc(2)])
        [other] = again.submit([doc(2, title="Toinen otsikko")])
        assert isinstance(same, ArchiveReceipt) and same.duplicate and same.reference == first.reference
        assert isinstance(other, ArchiveConflict) and other.reference == first.reference
        assert again.lookup("2:1:archive").header_digest == first.header_digest  # type: ignore[union-attr]
    finally:
        reopened.close()


def test_correction_supersedes_and_invalidation_keeps_the_version(store: ArchiveStore) -> None:
    gateway = sim(store)
    gateway.submit([doc(1, kind="relationship"), doc(2)])
    [v2] = gateway.submit([doc(2, version=2)])
    assert isinstance(v2, ArchiveReceipt)
    [inv] = gateway.invalidate([Invalidation("2:2:invalidate", 2, f"{KEEPER}.11.2", 2, "väärä asiakas", KEEPER)])
    assert isinstance(inv, ArchiveReceipt)
    states = {(e.document_id, e.version, e.operation): e.state for e in gateway.entries().entries}
    assert states == {
        (1, 1, "archive"): EntryState.ACTIVE,
        (2, 1, "archive"): EntryState.SUPERSEDED,
        (2, 2, "archive"): EntryState.INVALIDATED,
        (2, 2, "invalidate"): EntryState.INVALIDATED,
    }
    [repeat] = gateway.invalidate([Invalidation("2:2:invalidate", 2, f"{KEEPER}.11.2", 2, "väärä asiakas", KEEPER)])
    assert isinstance(repeat, ArchiveReceipt) and repeat.duplicate
    [after] = gateway.submit([doc(2, version=3)])
    assert isinstance(after, ArchiveRejected) and after.code == "CORRECTING_INVALIDATED"


def test_invalidating_a_relationship_record_blocks_new_documents(store: ArchiveStore) -> None:
    gateway = sim(store)
    gateway.submit([doc(1, kind="relationship")])
    gateway.invalidate([Invalidation("1:1:invalidate", 1, f"{KEEPER}.11.1", 1, "väärä asiakas", KEEPER)])
    [outcome] = gateway.submit([doc(3)])
    assert isinstance(outcome, ArchiveRejected) and outcome.code == "RELATIONSHIP_MISSING"


def test_other_clients_relationship_does_not_count(store: ArchiveStore) -> None:
    gateway = sim(store)
    [rel, other] = gateway.submit([doc(1, kind="relationship"), doc(2, hetu=OTHER_HETU)])
    assert isinstance(rel, ArchiveReceipt)
    assert isinstance(other, ArchiveRejected) and other.code == "RELATIONSHIP_MISSING"


def test_busy_and_timeout_store_nothing(store: ArchiveStore) -> None:
    [busy] = sim(store, Fault.BUSY).submit([doc(1, kind="relationship")])
    [late] = sim(store, Fault.TIMEOUT).submit([doc(1, kind="relationship")])
    assert isinstance(busy, ArchiveUnavailable) and busy.retryable
    assert isinstance(late, OutcomeUnknown) and late.retryable
    assert store.count() == 0


def test_lost_answer_is_stored_and_a_resend_finds_it(store: ArchiveStore) -> None:
    [lost] = sim(store, Fault.LOST).submit([doc(1, kind="relationship")])
    assert isinstance(lost, OutcomeUnknown) and lost.code == "RESPONSE_LOST"
    assert store.count() == 1
    [resent] = sim(store).submit([doc(1, kind="relationship")])
    assert isinstance(resent, ArchiveReceipt) and resent.duplicate
    assert store.count() == 1


def test_fault_mix_follows_the_rate_and_the_seed() -> None:
    plan = FaultPlan(0.3)

    def rolls(seed: int, n: int) -> list[Fault | None]:
        rng = random.Random(seed)
        return [plan.roll(rng) for _ in range(n)]

    faults = [f for f in rolls(11, 3000) if f is not None]
    assert 0.25 < len(faults) / 3000 < 0.35
    assert set(faults) == {Fault.BUSY, Fault.TIMEOUT, Fault.LOST}
    assert rolls(11, 50) == rolls(11, 50) != rolls(12, 50)
    assert FaultPlan(0.0).roll(random.Random(1)) is None
    with pytest.raises(ValueError):
        FaultPlan(1.5)


def test_latency_is_slept_once_per_request(store: ArchiveStore) -> None:
    naps: list[float] = []
    gateway = sim(store, sleep=naps.append)
    gateway.submit([doc(1, kind="relationship"), doc(2)])
    assert naps == [0.025]


def test_entries_page_in_storage_order(store: ArchiveStore) -> None:
    gateway = sim(store)
    gateway.submit([doc(i, kind="relationship", hetu=HETU) if i == 1 else doc(i) for i in range(1, 6)])
    first = gateway.entries(after=0, limit=2)
    assert [e.document_id for e in first.entries] == [1, 2] and first.next_after is not None
    rest = gateway.entries(after=first.next_after, limit=10)
    assert [e.document_id for e in rest.entries] == [3, 4, 5] and rest.next_after is None


def test_a_storage_failure_is_retryable_and_never_quotes_the_hetu(store: ArchiveStore) -> None:
    gateway = sim(store)
    with store.engine.begin() as conn:  # the archive's table is gone: every write fails
        conn.exec_driver_sql("DROP TABLE kanta_entry")
    with pytest.raises(ArchiveUnavailable) as caught:
        gateway.submit([doc(1, kind="relationship")])
    assert caught.value.code == "STORAGE_ERROR" and caught.value.retryable
    assert HETU not in str(caught.value) and caught.value.__cause__ is None and caught.value.__suppress_context__
