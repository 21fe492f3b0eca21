"""The service API: what workers do, and bad input that is refused with a clear error and changes nothing."""

from __future__ import annotations

import pytest
from district import NOW, UNIT_A, UNIT_B, UNIT_OLD
from sqlmodel import select

from archiving import documents
from archiving.db import transaction
from archiving.enums import DocumentStatus as S
from archiving.enums import JobOperation, JobState
from archiving.errors import (
    AccessDenied,
    DocumentNotFound,
    IllegalTransition,
    InvalidInput,
    InvalidMetadata,
    SubmitRefused,
)
from archiving.models import ArchiveJob, Document, DocumentSocialService


def jobs(engine, document_id):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return [(j.version, j.operation, j.state) for j in session.exec(select(ArchiveJob).where(ArchiveJob.document_id == document_id).order_by(ArchiveJob.id))]


def test_pending_lists_what_is_not_yet_in_the_archive_with_problems(engine, world) -> None:  # type: ignore[no-untyped-def]
    ok = world.document()
    missing = world.document(social_services=[])
    locked = world.document(S.LOCKED)
    world.document(S.DRAFT)
    archived = world.document(S.LOCKED)
    world.set_status(archived, S.ARCHIVED, archived_at=NOW)
    failed = world.document(S.LOCKED)
    world.set_status(failed, S.FAILED, last_error="Arkisto hylkäsi asiakirjan.", last_error_code="UNKNOWN_SERVICE_UNIT", error_retryable=False)
    views = documents.pending_documents(engine, world.actor("anna"), now=NOW)
    assert [(v.id, v.status) for v in views] == [(ok, "completed"), (missing, "completed"), (locked, "locked"), (failed, "failed")]
    by_id = {v.id: v for v in views}
    assert by_id[ok].problems == () and by_id[ok].actions == ("lock", "submit", "fix")
    assert [p.code for p in by_id[missing].problems] == ["missing_social_service"]
    assert [(p.code, p.blocking, p.slug, p.field) for p in by_id[failed].problems] == [("archive_error", True, "arkistointivirhe", "service_unit")]
    assert by_id[failed].actions == ("fix",)
    card = by_id[ok].to_dict()
    assert card["client_label_fi"] == f"Asiakas V. V. (nro {world.clients['c1']})"
    assert card["service_task"]["label_fi"] == "Vammaispalvelut (20)" and card["social_services"][0]["name_fi"] == "Päivätoiminta"
    assert card["service_unit"]["oid"] == UNIT_A and card["status_label_fi"] == "Valmis, lukitsematta"
    groups = documents.group_pending(views)
    assert [(status, len(items)) for status, _, items in groups] == [("completed", 2), ("locked", 1), ("failed", 1)]
    assert "hetu" not in str(card) and "Ville" not in str(card)


def test_submit_locks_validates_and_queues(engine, world) -> None:  # type: ignore[no-untyped-def]
    completed, locked = world.document(), world.document(S.LOCKED)
    result = documents.submit(engine, world.actor("anna"), [completed, locked], now=NOW)
    assert [(s.id, s.locked_now, s.waits_for_relationship) for s in result.queued] == [(completed, True, False), (locked, False, False)]
    assert jobs(engine, completed) == [(1, JobOperation.ARCHIVE, JobState.PENDING)]
    with transaction(engine) as session:
        doc = session.get(Document, completed)
        assert doc.status == S.QUEUED and doc.locked_at == NOW and doc.queued_at == NOW


def test_submit_all_takes_only_what_can_go(engine, world) -> None:  # type: ignore[no-untyped-def]
    good = world.document()
    retry = world.document(S.LOCKED)
    world.set_status(retry, S.FAILED, error_retryable=True, last_error="ruuhka")
    rejected = world.document(S.LOCKED)
    world.set_status(rejected, S.FAILED, error_retryable=False, last_error="hylätty")
    world.document(S.DRAFT)
    bad = world.document(social_services=[])
    anna = world.actor("anna")
    with pytest.raises(InvalidMetadata):
        documents.submit(engine, anna, documents.ALL, now=NOW)
    result = documents.submit(engine, anna, documents.ALL, now=NOW, skip_invalid=True)
    assert sorted(s.id for s in result.queued) == sorted([good, retry])
    assert [i for i, _ in result.skipped] == [bad]


def test_fix_before_submit_changes_only_metadata(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document(social_services=[], service_unit_id=None)
    anna = world.actor("anna")
    # one field at a time is fine before submitting: the missing unit does not block fixing the services
    result = documents.fix_metadata(engine, anna, document_id, social_services=["37", "46", "37"], now=NOW)
    assert result.changes == {"social_services": ((), ("37", "46"))} and not result.queued and not result.corrected
    assert [p.code for p in result.document.problems] == ["missing_service_unit"]
    result = documents.fix_metadata(engine, anna, document_id, service_unit_oid=UNIT_B, now=NOW)
    assert result.document.status == S.COMPLETED and result.document.problems == ()


def test_fixing_an_archived_document_makes_a_correction_and_queues_it(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document(S.LOCKED)
    world.set_status(document_id, S.ARCHIVED, archived_at=NOW)
    result = documents.fix_metadata(engine, world.actor("anna"), document_id, social_services=["46"], now=NOW)
    assert result.corrected and result.queued
    assert (result.document.status, result.document.version) == (S.QUEUED, 2)
    assert jobs(engine, document_id) == [(2, JobOperation.ARCHIVE, JobState.PENDING)]


def test_fixing_a_rejected_document_sends_it_again(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document(S.LOCKED)
    documents.submit(engine, world.actor("anna"), [document_id], now=NOW)
    with transaction(engine) as session:
        session.exec(select(ArchiveJob)).one().state = JobState.DEAD
    world.set_status(document_id, S.FAILED, error_retryable=False, last_error="hylätty", last_error_code="UNKNOWN_SERVICE_UNIT")
    anna = world.actor("anna")
    with pytest.raises(IllegalTransition) as caught:
        documents.submit(engine, anna, [document_id], now=NOW)
    assert "hylätty" in caught.value.message_fi and "Korjaa ensin metatiedot" in caught.value.message_fi
    result = documents.fix_metadata(engine, anna, document_id, service_unit_oid=UNIT_B, now=NOW)
    assert result.queued and result.document.status == S.QUEUED and result.document.version == 1
    assert jobs(engine, document_id) == [(1, JobOperation.ARCHIVE, JobState.PENDING)]  # the same job, started afresh


def test_correction_waiting_to_be_sent(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document(S.LOCKED)
    world.set_status(document_id, S.ARCHIVED, archived_at=NOW)
    anna = world.actor("anna")
    view = documents.start_correction(engine, anna, document_id, content="uusi sisältö", now=NOW)
    assert (view.status, view.version, view.actions) == (S.CORRECTED, 2, ("submit", "fix"))
    assert [v.id for v in documents.pending_documents(engine, anna, now=NOW)] == [document_id]
    assert documents.submit(engine, anna, [document_id], now=NOW).queued[0].version == 2


def test_invalidation_queues_an_invalidate_job(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document(S.LOCKED)
    world.set_status(document_id, S.ARCHIVED, archived_at=NOW)
    view = documents.invalidate(engine, world.actor("anna"), document_id, "  Kirjattu   väärälle asiakkaalle ", now=NOW)
    assert view.status == S.INVALIDATED and view.invalidation_reason == "Kirjattu väärälle asiakkaalle"
    assert jobs(engine, document_id) == [(1, JobOperation.INVALIDATE, JobState.PENDING)]


def test_form_options_offer_only_valid_choices(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document()
    anna = world.actor("anna")
    form = documents.form_options(engine, anna, document_id, now=NOW)
    assert form.editable and not form.makes_correction and form.social_service_rule == "required"
    assert [c.code for c in form.service_tasks] == ["10", "15", "20"]
    assert [c.code for c in form.social_services] == ["24", "37", "46", "51", "55", "85", "93", "94"]
    assert form.selected_social_services == ("37",) and form.service_unit_oid == UNIT_A
    assert [u.oid for u in form.service_units] == [UNIT_B, UNIT_A]  # the closed unit is not offered
    assert [c.code for c in documents.form_options(engine, anna, document_id, service_task="15", now=NOW).social_services] == ["46"]
    queued = world.document(S.LOCKED)
    documents.submit(engine, anna, [queued], now=NOW)
    form = documents.form_options(engine, anna, queued, now=NOW)
    assert not form.editable and "jonossa" in form.explanation_fi
    assert form.to_dict()["document"]["id"] == queued


# --- bad input: a clear error, and the database exactly as before -------------------------

BAD = {
    "unknown document": lambda w, a, ids: documents.submit(w.engine, a, [987654], now=NOW),
    "someone else's document": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["other"], service_task="10", now=NOW),
    "unknown service task": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], service_task="424242", now=NOW),
    "unknown social service": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], social_services=["424242"], now=NOW),
    "unknown service unit": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], service_unit_oid="2.999.404", now=NOW),
    "closed service unit": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], service_unit_oid=UNIT_OLD, now=NOW),
    "service not for task": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], service_task="10", now=NOW),
    "no change": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], service_task="20", now=NOW),
    "archived fix with a problem": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["archived"], social_services=[], now=NOW),
    "fix while queued": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["queued"], social_services=["46"], now=NOW),
    "submit a draft": lambda w, a, ids: documents.submit(w.engine, a, [ids["draft"]], now=NOW),
    "submit twice": lambda w, a, ids: documents.submit(w.engine, a, [ids["queued"]], now=NOW),
    "submit archived": lambda w, a, ids: documents.submit(w.engine, a, [ids["archived"]], now=NOW),
    "submit mixed batch": lambda w, a, ids: documents.submit(w.engine, a, [ids["ok"], ids["draft"], ids["missing"]], now=NOW),
    "submit nothing": lambda w, a, ids: documents.submit(w.engine, a, [], now=NOW),
    "lock a draft": lambda w, a, ids: documents.lock(w.engine, a, [ids["ok"], ids["draft"]], now=NOW),
    "complete twice": lambda w, a, ids: documents.complete(w.engine, a, ids["ok"], now=NOW),
    "invalidate unarchived": lambda w, a, ids: documents.invalidate(w.engine, a, ids["ok"], "väärä asiakas", now=NOW),
    "invalidate without reason": lambda w, a, ids: documents.invalidate(w.engine, a, ids["archived"], "  ", now=NOW),
    "reason with hetu": lambda w, a, ids: documents.invalidate(w.engine, a, ids["archived"], "asiakas 131052-308T", now=NOW),
    "correct unarchived": lambda w, a, ids: documents.start_correction(w.engine, a, ids["ok"], now=NOW),
    "list a colleague": lambda w, a, ids: documents.pending_documents(w.engine, a, w.workers["bertta"], now=NOW),
    "bad id": lambda w, a, ids: documents.parse_document_id("12a"),
    "id beyond the column": lambda w, a, ids: documents.parse_document_id("99999999999999999999"),
    "superscript digit id": lambda w, a, ids: documents.parse_document_id("²"),
    "get an id beyond the column": lambda w, a, ids: documents.get_document(w.engine, a, 2**63, now=NOW),
    "empty social service": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], social_services=[""], now=NOW),
    "blank among social services": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], social_services=["46", " "], now=NOW),
    "empty service task": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], service_task="", now=NOW),
    "empty service unit": lambda w, a, ids: documents.fix_metadata(w.engine, a, ids["ok"], service_unit_oid=" ", now=NOW),
}
EXPECTED = {
    "unknown document": DocumentNotFound, "someone else's document": DocumentNotFound, "unknown service task": InvalidMetadata,
    "unknown social service": InvalidMetadata, "unknown service unit": InvalidMetadata, "closed service unit": InvalidMetadata,
    "service not for task": InvalidMetadata, "no change": InvalidInput, "archived fix with a problem": InvalidMetadata,
    "fix while queued": IllegalTransition, "submit a draft": IllegalTransition, "submit twice": IllegalTransition,
    "submit archived": IllegalTransition, "submit mixed batch": SubmitRefused, "submit nothing": InvalidInput,
    "lock a draft": IllegalTransition, "complete twice": IllegalTransition, "invalidate unarchived": IllegalTransition,
    "invalidate without reason": InvalidInput, "reason with hetu": InvalidInput, "correct unarchived": IllegalTransition,
    "list a colleague": AccessDenied, "bad id": InvalidInput, "id beyond the column": InvalidInput, "superscript digit id": InvalidInput,
    "get an id beyond the column": DocumentNotFound, "empty social service": InvalidInput, "blank among social services": InvalidInput,
    "empty service task": InvalidInput, "empty service unit": InvalidInput,
}  # fmt: skip


@pytest.fixture
def bad_world(engine, world):  # type: ignore[no-untyped-def]
    ids = {
        "ok": world.document(), "missing": world.document(social_services=[]), "draft": world.document(S.DRAFT),
        "other": world.document(author="bertta"), "queued": world.document(S.LOCKED), "archived": world.document(S.LOCKED),
    }  # fmt: skip
    documents.submit(engine, world.actor("anna"), [ids["queued"]], now=NOW)
    world.set_status(ids["archived"], S.ARCHIVED, archived_at=NOW)
    return world, ids


def test_bad_input_is_refused_and_changes_nothing(bad_world, db_snapshot) -> None:  # type: ignore[no-untyped-def]
    """One database for every case (cheap on PostgreSQL); each case must leave it exactly as it was."""
    world, ids = bad_world
    anna = world.actor("anna")
    wrong: list[str] = []
    for case, attempt in BAD.items():
        before = db_snapshot()
        try:
            attempt(world, anna, ids)
        except EXPECTED[case] as error:
            if not (error.message_fi and error.message_en and error.message_fi != error.message_en):
                wrong.append(f"{case}: messages {error.message_fi!r} / {error.message_en!r}")
            if "131052" in error.message_fi + error.message_en:
                wrong.append(f"{case}: henkilötunnus in the message")
        except Exception as error:  # noqa: BLE001
            wrong.append(f"{case}: raised {type(error).__name__} instead of {EXPECTED[case].__name__}")
        else:
            wrong.append(f"{case}: accepted")
        if db_snapshot() != before:
            wrong.append(f"{case}: changed the database")
    assert wrong == []


def test_a_refused_batch_lists_every_reason(bad_world) -> None:  # type: ignore[no-untyped-def]
    world, ids = bad_world
    with pytest.raises(SubmitRefused) as caught:
        documents.submit(world.engine, world.actor("anna"), [ids["ok"], ids["draft"], ids["missing"]], now=NOW)
    text = caught.value.message_fi
    assert f"Asiakirja {ids['draft']}: Luonnosta ei voi arkistoida" in text
    assert f"Asiakirja {ids['missing']}: Metatiedoissa on korjattavaa" in text
    assert [type(f) for f in caught.value.failures] == [IllegalTransition, InvalidMetadata]


def test_a_session_caller_keeps_its_transaction_clean(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document()
    anna = world.actor("anna")
    with transaction(engine) as session:
        with pytest.raises(InvalidMetadata):
            documents.fix_metadata(session, anna, document_id, service_task="424242", now=NOW)
        documents.fix_metadata(session, anna, document_id, social_services=["46"], now=NOW)
    with transaction(engine) as session:
        assert session.exec(select(DocumentSocialService.code).where(DocumentSocialService.document_id == document_id)).all() == ["46"]
