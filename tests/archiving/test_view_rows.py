"""Views from one column query are exactly the views of loaded documents; the pending list audits every read."""

from __future__ import annotations

from district import NOW, UNIT_A, UNIT_B, World, build_world
from sqlmodel import col, select

from archiving import audit, documents
from archiving.codesets.readmodel import CodeSets
from archiving.db import read_only, transaction
from archiving.enums import DocumentKind
from archiving.enums import DocumentStatus as S
from archiving.models import AuditEvent, Document
from archiving.view_rows import row_targets, select_view_rows, views_from_rows
from archiving.views import build_views


def varied(world: World) -> dict[str, int]:
    """Documents that exercise every part of a view: services, units, errors, the order rule."""
    ids = {
        "plain": world.document(),
        "two services": world.document(social_services=["46", "37"]),
        "no service": world.document(social_services=[]),
        "no task": world.document(service_task_code=None),
        "other unit": world.document(S.LOCKED, service_unit_id=world.units[UNIT_B]),
        "no unit": world.document(service_unit_id=None),
        "second client": world.document(client="c2", social_services=["2", "46"]),
        "draft": world.document(S.DRAFT),
        "failed": world.document(S.LOCKED),
        "retryable": world.document(S.LOCKED),
        "archived": world.document(S.LOCKED),
    }
    world.set_status(ids["failed"], S.FAILED, last_error="Hylätty 131052-308T", last_error_code="UNKNOWN_SERVICE_TASK", error_retryable=False)
    world.set_status(ids["retryable"], S.FAILED, last_error="Aikakatkaisu", last_error_code="TIMEOUT", error_retryable=True)
    world.set_status(ids["archived"], S.ARCHIVED, archived_at=NOW)
    return ids


def test_row_views_equal_the_views_of_loaded_documents(engine) -> None:  # type: ignore[no-untyped-def]
    world = build_world(engine, relationships_archived=False)  # c1's and c2's relationship records wait
    varied(world)
    with transaction(engine) as session:  # c2's relationship record is invalidated: it no longer holds anyone back
        record = session.exec(select(Document).where(Document.client_id == world.clients["c2"], Document.kind == DocumentKind.RELATIONSHIP)).one()
        record.status = S.INVALIDATED
    with read_only(engine) as session:
        codes = CodeSets.load(session)
        rows = session.exec(select_view_rows(order_by=(col(Document.id),))).all()
        loaded = session.exec(select(Document).order_by(col(Document.id))).all()
        expected = build_views(session, codes, loaded)
    views = views_from_rows(codes, rows)
    assert len(rows) > len(views) == len(expected) == 13  # documents with two services come as two rows
    assert views == expected
    waits = {(v.client_id, "relationship_not_archived" in {p.code for p in v.problems}) for v in views if v.kind == "client"}
    assert waits == {(world.clients["c1"], True), (world.clients["c2"], False)}
    by_id = {v.id: v for v in views}
    assert [c.code for c in by_id[rows[0].id].social_services] == sorted(c.code for c in by_id[rows[0].id].social_services)


def test_pending_list_audits_each_document_once(engine, world: World) -> None:  # type: ignore[no-untyped-def]
    ids = varied(world)
    views = documents.pending_documents(engine, world.actor("anna"), now=NOW)
    expected = {"plain", "two services", "no service", "no task", "other unit", "no unit", "second client", "failed", "retryable"}
    assert sorted(v.id for v in views) == sorted(ids[k] for k in expected)
    assert [v.status for v in views] == sorted((v.status for v in views), key=list(documents.PENDING_STATUSES).index)
    with read_only(engine) as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.action == audit.DOCUMENT_LIST)).all()
    assert sorted((r.document_id, r.client_id, r.actor_id) for r in rows) == sorted(
        (v.id, v.client_id, world.workers["anna"]) for v in views
    )
    assert "131052" not in str([v.to_dict() for v in views])


def test_a_contact_person_sees_only_their_units_documents_of_a_colleague(engine, world: World) -> None:  # type: ignore[no-untyped-def]
    ids = varied(world)
    own_unit = documents.pending_documents(engine, world.actor("cecilia"), world.workers["anna"], now=NOW)
    assert ids["other unit"] not in {v.id for v in own_unit} and ids["no unit"] not in {v.id for v in own_unit}
    assert ids["plain"] in {v.id for v in own_unit}
    everything = documents.pending_documents(engine, world.actor("aarne"), world.workers["anna"], now=NOW)
    assert {v.id for v in everything} == {v.id for v in own_unit} | {ids["other unit"], ids["no unit"]}
    assert documents.pending_documents(engine, world.actor("bertta"), now=NOW) == []


def test_an_empty_list_reads_no_client_data_and_writes_no_audit_row(engine, world: World) -> None:  # type: ignore[no-untyped-def]
    world.document(S.DRAFT)
    assert documents.pending_documents(engine, world.actor("anna"), now=NOW) == []
    with read_only(engine) as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.action == audit.DOCUMENT_LIST)).all() == []


def test_row_targets_name_each_document_once(engine, world: World) -> None:  # type: ignore[no-untyped-def]
    two = world.document(social_services=["46", "37", "2"])
    with read_only(engine) as session:
        rows = session.exec(select_view_rows(Document.id == two)).all()
    assert len(rows) == 3 and row_targets(rows) == [audit.Target(two, world.clients["c1"])]
