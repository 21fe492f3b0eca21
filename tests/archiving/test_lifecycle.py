"""Every lifecycle transition, legal and illegal; illegal ones explain in Finnish what to do."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlmodel import select

from archiving import lifecycle
from archiving.db import transaction
from archiving.enums import DocumentStatus as S
from archiving.errors import IllegalTransition
from archiving.models import Document, DocumentVersion

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def doc(status: S, *, retryable: bool | None = None, version: int = 1) -> Document:
    return Document(
        id=7, kind="client", document_type_system="x", document_type_code="1", title="t", author_id=1, client_id=1,
        status=status, version=version, content_hash="h", created_at=NOW, updated_at=NOW, error_retryable=retryable,
    )  # fmt: skip


def _complete(d: Document) -> None:
    lifecycle.complete(d, now=NOW)


def _lock(d: Document) -> None:
    lifecycle.lock(d, now=NOW)


def _queue(d: Document) -> None:
    lifecycle.queue(d, now=NOW)


def _correct(d: Document) -> None:
    lifecycle.start_correction(d, now=NOW)


def _invalidate(d: Document) -> None:
    lifecycle.invalidate(d, reason="väärä asiakas", now=NOW)


def _fail(d: Document) -> None:
    lifecycle.mark_failed(d, code="BUSY", message="busy", retryable=True, now=NOW)


def _change(d: Document) -> None:
    lifecycle.begin_metadata_change(d, now=NOW)


# action → (states where it is legal, resulting state)
TABLE = {
    "complete": (_complete, {S.DRAFT: S.COMPLETED}),
    "lock": (_lock, {S.COMPLETED: S.LOCKED}),
    "queue": (_queue, {S.LOCKED: S.QUEUED, S.CORRECTED: S.QUEUED}),  # failed: see its own tests
    "correct": (_correct, {S.ARCHIVED: S.CORRECTED}),
    "invalidate": (_invalidate, {S.ARCHIVED: S.INVALIDATED}),
    "fail": (_fail, {S.QUEUED: S.FAILED}),
    "change metadata": (_change, {s: s for s in (S.DRAFT, S.COMPLETED, S.LOCKED, S.FAILED, S.CORRECTED)} | {S.ARCHIVED: S.CORRECTED}),
}
CASES = [(name, status) for name in TABLE for status in S if not (name == "queue" and status == S.FAILED)]


@pytest.mark.parametrize(("action", "status"), CASES, ids=[f"{a}-{s}" for a, s in CASES])
def test_transition(action: str, status: S) -> None:
    run, legal = TABLE[action]
    d = doc(status)
    if status in legal:
        run(d)
        assert d.status == legal[status]
        assert d.updated_at == NOW
    else:
        with pytest.raises(IllegalTransition) as caught:
            run(d)
        assert d.status == status, "a refused transition must not change the document"
        assert caught.value.message_fi.startswith("Asiakirja 7: ")
        assert len(caught.value.message_fi) > 30  # a sentence saying what to do, not a code


def test_failed_retryable_can_be_requeued_as_is() -> None:
    d = doc(S.FAILED, retryable=True)
    lifecycle.queue(d, now=NOW)
    assert d.status == S.QUEUED and d.error_retryable is None and d.last_error is None


def test_failed_permanently_needs_a_fix_first() -> None:
    d = doc(S.FAILED, retryable=False)
    with pytest.raises(IllegalTransition) as caught:
        lifecycle.queue(d, now=NOW)
    assert "Korjaa ensin metatiedot" in caught.value.message_fi
    lifecycle.queue(d, now=NOW, after_fix=True)
    assert d.status == S.QUEUED


def test_correction_makes_a_new_version_and_queued_documents_cannot_change() -> None:
    d = doc(S.ARCHIVED)
    assert lifecycle.begin_metadata_change(d, now=NOW) is True
    assert (d.status, d.version) == (S.CORRECTED, 2)
    queued = doc(S.QUEUED)
    with pytest.raises(IllegalTransition) as caught:
        lifecycle.begin_metadata_change(queued, now=NOW)
    assert "jonossa" in caught.value.message_fi and "uutena versiona" in caught.value.message_fi


def test_completing_records_time_and_locking_too() -> None:
    d = doc(S.DRAFT)
    lifecycle.complete(d, now=NOW)
    lifecycle.lock(d, now=NOW + dt.timedelta(minutes=1))
    assert d.completed_at == NOW and d.locked_at == NOW + dt.timedelta(minutes=1)


def test_archive_results_keep_versions(engine, world) -> None:  # type: ignore[no-untyped-def]
    """queued → archived records the version; a correction supersedes it; invalidation keeps it."""
    document_id = world.document(S.LOCKED)
    with transaction(engine) as session:
        d = session.get(Document, document_id)
        lifecycle.queue(d, now=NOW)
        lifecycle.mark_archived(session, d, version=1, archive_reference="KA-1", now=NOW)
    with transaction(engine) as session:
        d = session.get(Document, document_id)
        assert d.status == S.ARCHIVED and d.archived_at == NOW and d.archive_reference == "KA-1"
        lifecycle.start_correction(d, now=NOW)
        lifecycle.queue(d, now=NOW)
        with pytest.raises(IllegalTransition):
            lifecycle.mark_archived(session, d, version=1, archive_reference="stale", now=NOW)
        lifecycle.mark_archived(session, d, version=2, archive_reference="KA-2", now=NOW)
        lifecycle.invalidate(d, reason="väärä asiakas", now=NOW)
        lifecycle.confirm_invalidation(session, d, now=NOW)
    with transaction(engine) as session:
        rows = session.exec(select(DocumentVersion).where(DocumentVersion.document_id == document_id).order_by(DocumentVersion.version)).all()
        assert [(r.version, r.state, r.archive_reference) for r in rows] == [(1, "superseded", "KA-1"), (2, "invalidated", "KA-2")]
        meta = json.loads(rows[1].metadata_json)
        assert meta["service_task"] == "20" and meta["social_services"] == ["37"] and meta["version"] == 2
        assert "hetu" not in rows[1].metadata_json


def test_mark_failed_only_from_queued() -> None:
    d = doc(S.LOCKED)
    with pytest.raises(IllegalTransition):
        lifecycle.mark_failed(d, code="X", message="x", retryable=False, now=NOW)
    d = doc(S.QUEUED)
    lifecycle.mark_failed(d, code="UNKNOWN_SERVICE_UNIT", message="ei löydy", retryable=False, now=NOW)
    assert (d.status, d.last_error_code, d.error_retryable) == (S.FAILED, "UNKNOWN_SERVICE_UNIT", False)
