"""Who sees which document: own documents, the unit's for contact persons, all for archivists."""

from __future__ import annotations

import pytest
from district import NOW, UNIT_A, UNIT_B
from sqlmodel import Session

from archiving import documents
from archiving.actors import Actor, resolve_actor
from archiving.enums import Channel, DocumentStatus as S
from archiving.errors import AccessDenied, DocumentNotFound, WorkerNotFound


def test_worker_sees_own_documents_only(engine, world) -> None:  # type: ignore[no-untyped-def]
    own = world.document(author="anna")
    other = world.document(author="bertta", service_unit_id=world.units[UNIT_B])
    anna = world.actor("anna")
    assert documents.get_document(engine, anna, own, now=NOW).id == own
    with pytest.raises(DocumentNotFound):
        documents.get_document(engine, anna, other, now=NOW)


def test_someone_elses_document_looks_exactly_like_a_missing_one(engine, world) -> None:  # type: ignore[no-untyped-def]
    other = world.document(author="bertta")
    missing = 999_999
    anna = world.actor("anna")
    errors = []
    for document_id in (other, missing):
        with pytest.raises(DocumentNotFound) as caught:
            documents.fix_metadata(engine, anna, document_id, service_task="10", now=NOW)
        errors.append(caught.value)
    texts = [(e.code, e.message_fi.replace(str(i), "N"), e.message_en.replace(str(i), "N")) for e, i in zip(errors, (other, missing))]
    assert texts[0] == texts[1]


def test_contact_person_sees_the_units_documents(engine, world) -> None:  # type: ignore[no-untyped-def]
    in_unit = world.document(author="anna", service_unit_id=world.units[UNIT_A])
    elsewhere = world.document(author="bertta", service_unit_id=world.units[UNIT_B])
    cecilia = world.actor("cecilia")
    assert documents.get_document(engine, cecilia, in_unit, now=NOW).id == in_unit
    with pytest.raises(DocumentNotFound):
        documents.get_document(engine, cecilia, elsewhere, now=NOW)
    # a contact person may list a colleague's documents, limited to the unit
    assert [v.id for v in documents.pending_documents(engine, cecilia, world.workers["anna"], now=NOW)] == [in_unit]
    assert documents.pending_documents(engine, cecilia, world.workers["bertta"], now=NOW) == []


def test_plain_worker_cannot_list_a_colleague(engine, world) -> None:  # type: ignore[no-untyped-def]
    world.document(author="bertta")
    with pytest.raises(AccessDenied) as caught:
        documents.pending_documents(engine, world.actor("anna"), world.workers["bertta"], now=NOW)
    assert caught.value.message_fi == "Voit katsoa vain omia asiakirjojasi."


def test_archivist_and_system_see_everything(engine, world) -> None:  # type: ignore[no-untyped-def]
    ids = [world.document(author="anna"), world.document(author="bertta", service_unit_id=world.units[UNIT_B])]
    for actor in (world.actor("aarne"), Actor.system("queue")):
        assert [documents.get_document(engine, actor, i, now=NOW).id for i in ids] == ids


def test_invalidation_is_for_author_or_archivist_not_contact_person(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document(author="anna")
    world.set_status(document_id, S.ARCHIVED, archived_at=NOW)
    with pytest.raises(AccessDenied):
        documents.invalidate(engine, world.actor("cecilia"), document_id, "väärä asiakas", now=NOW)
    view = documents.invalidate(engine, world.actor("aarne"), document_id, "väärä asiakas", now=NOW)
    assert view.status == S.INVALIDATED


def test_a_worker_is_named_by_id_or_channel_user_id_and_no_larger_number_reaches_the_database(engine, world) -> None:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        anna = resolve_actor(session, str(world.workers["anna"]), Channel.CLI)
        assert anna.worker_id == world.workers["anna"]
        for reference in ("2147483648", "99999999999999999999", "0", "-1", "¹²"):
            with pytest.raises(WorkerNotFound):
                resolve_actor(session, reference, Channel.CLI)
