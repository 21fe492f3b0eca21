"""Every read and change of client data through the core leaves an audit row, in the same transaction."""

from __future__ import annotations

import json

import pytest
from district import NOW
from sqlalchemy import func
from sqlmodel import select

from archiving import audit, documents
from archiving.db import transaction
from archiving.enums import Channel
from archiving.enums import DocumentStatus as S
from archiving.errors import InvalidMetadata
from archiving.models import AuditEvent


def events(engine, **filters):  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        return list(reversed(audit.query(session, **filters)))


def test_reads_and_changes_are_logged_with_who_what_when_and_channel(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document()
    client_id = world.clients["c1"]
    anna = world.actor("anna", Channel.CLI)
    documents.pending_documents(engine, anna, now=NOW)
    documents.get_document(engine, anna, document_id, now=NOW)
    documents.form_options(engine, anna, document_id, now=NOW)
    documents.fix_metadata(engine, anna, document_id, social_services=["37", "46"], now=NOW)
    documents.submit(engine, anna, [document_id], now=NOW)
    rows = events(engine, document_id=document_id)
    assert [r.action for r in rows] == [
        "document.create", "document.list", "document.read", "document.form", "document.fix", "document.submit",
    ]  # fmt: skip
    for row in rows[1:]:
        assert (row.actor_id, row.channel, row.client_id, row.at) == (world.workers["anna"], "cli", client_id, NOW)
        assert "Anna Aalto" in row.actor_label
    fix = json.loads(rows[4].detail)
    assert fix["changes"] == {"social_services": [["37"], ["37", "46"]]}
    assert json.loads(rows[5].detail) == {"from": "completed", "locked": True, "version": 1}


def test_a_refused_change_leaves_no_audit_row(engine, world) -> None:  # type: ignore[no-untyped-def]
    document_id = world.document()
    before = len(events(engine))
    with pytest.raises(InvalidMetadata):
        documents.fix_metadata(engine, world.actor("anna"), document_id, service_task="424242", now=NOW)
    assert len(events(engine)) == before


def test_query_filters_by_client_actor_action_and_time(engine, world) -> None:  # type: ignore[no-untyped-def]
    first = world.document(client="c1")
    second = world.document(client="c2")
    anna = world.actor("anna")
    documents.get_document(engine, anna, first, now=NOW)
    documents.get_document(engine, anna, second, now=NOW.replace(hour=10))
    assert [r.document_id for r in events(engine, client_id=world.clients["c2"], action="document.read")] == [second]
    assert [r.document_id for r in events(engine, actor_id=world.workers["anna"], since=NOW.replace(hour=10))] == [second]
    assert [r.document_id for r in events(engine, action="document.read", until=NOW.replace(hour=10))] == [first]
    with transaction(engine) as session:
        row = audit.query(session, limit=1)[0]
        assert audit.as_dict(row)["action"] == "document.read"


def test_detail_never_keeps_a_henkilotunnus(engine, world) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        audit.record(session, world.actor("anna"), "test.note", detail={"note": "asiakas 131052-308T soitti"}, now=NOW)
    with transaction(engine) as session:
        stored = session.exec(select(AuditEvent.detail).where(AuditEvent.action == "test.note")).one()
        assert "131052-308T" not in stored and "[henkilötunnus]" in stored


def test_bulk_rows_for_a_listing(engine, world) -> None:  # type: ignore[no-untyped-def]
    ids = [world.document() for _ in range(3)] + [world.document(S.LOCKED)]
    views = documents.pending_documents(engine, world.actor("anna"), now=NOW)
    assert sorted(v.id for v in views) == sorted(ids)
    with transaction(engine) as session:
        count = session.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "document.list")).one()
    assert count == 4
