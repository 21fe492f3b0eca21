"""The order rule at validation level: relationship records first, then cases, then documents."""

from __future__ import annotations

from district import NOW, UNIT_A, build_world
from sqlmodel import col, select

from archiving import documents
from archiving.actors import Actor
from archiving.authoring import create_document
from archiving.db import transaction
from archiving.enums import DocumentKind
from archiving.enums import DocumentStatus as S
from archiving.models import Case, Document
from archiving.order_rule import prerequisites_archived, unarchived_kinds


def test_prerequisites_by_kind() -> None:
    assert prerequisites_archived("relationship", {"relationship", "case"})
    assert not prerequisites_archived("case", {"relationship"})
    assert prerequisites_archived("case", {"case"})
    assert not prerequisites_archived("client", {"case"})
    assert prerequisites_archived("client", set())


def test_documents_of_a_client_without_archived_relationship_wait(engine) -> None:  # type: ignore[no-untyped-def]
    world = build_world(engine, relationships_archived=False)
    actor = world.actor("anna")
    document_id = world.document()
    view = documents.get_document(engine, actor, document_id, now=NOW)
    assert [p.code for p in view.problems] == ["relationship_not_archived"]
    # informational: the submit goes through, the queue holds the document back
    result = documents.submit(engine, actor, [document_id], now=NOW)
    assert result.queued[0].waits_for_relationship is True
    with transaction(engine) as session:
        assert unarchived_kinds(session, [world.clients["c1"]]) == {world.clients["c1"]: {"relationship"}}


def test_case_record_must_go_before_the_clients_documents(engine, world) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        case = Case(client_id=world.clients["c1"], service_task_code="20", title="Asumisen tuki", opened_on=NOW.date())
        session.add(case)
        session.flush()
        create_document(
            session, Actor.system("seed"), kind=DocumentKind.CASE, author_id=world.workers["anna"], client_id=world.clients["c1"],
            title="Asia", document_type_code="2", case_id=case.id, service_task_code="20", service_unit_id=world.units[UNIT_A],
            status=S.LOCKED, now=NOW,
        )  # fmt: skip
    document_id = world.document()
    view = documents.get_document(engine, world.actor("anna"), document_id, now=NOW)
    assert [p.code for p in view.problems] == ["relationship_not_archived"]
    with transaction(engine) as session:
        case_doc = session.exec(select(Document).where(Document.kind == "case")).one()
        case_doc.status, case_doc.archived_at = S.ARCHIVED, NOW
    assert documents.get_document(engine, world.actor("anna"), document_id, now=NOW).problems == ()
    with transaction(engine) as session:
        assert not session.exec(select(Document).where(col(Document.archived_at).is_(None), Document.kind != "client")).all()
