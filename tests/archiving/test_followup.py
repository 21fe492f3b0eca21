"""Follow-up figures and the documents behind them: rights by unit, an audit row per document shown, no henkilötunnus."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from district import NOW, UNIT_A, UNIT_B, World
from sqlmodel import select

from archiving import followup
from archiving.followup_documents import documents_behind
from archiving.db import read_only
from archiving.enums import DocumentStatus as S
from archiving.errors import DomainError
from archiving.models import AuditEvent, Client

ZONE = ZoneInfo("Europe/Helsinki")
MONDAY = dt.date(2026, 11, 16)  # NOW is Friday 20 November 2026


def _setup(world: World) -> dict[str, int]:
    ids = {
        "unlocked": world.document(S.COMPLETED),
        "locked": world.document(S.LOCKED),
        "failed": world.document(S.LOCKED),
        "other_unit": world.document(S.COMPLETED, author="bertta", service_unit_id=world.units[UNIT_B]),
    }
    world.set_status(ids["failed"], S.FAILED, last_error="Palveluyksikkö ei ole rekisterissä.", last_error_code="UNKNOWN_SERVICE_UNIT",
                     error_retryable=False, updated_at=NOW)  # fmt: skip
    return ids


def test_a_contact_person_sees_the_documents_behind_a_figure_of_the_own_unit(world: World) -> None:
    ids = _setup(world)
    contact = world.actor("cecilia")
    listing = documents_behind(world.engine, contact, world.units[UNIT_A], status=S.FAILED, now=NOW, zone=ZONE)
    assert listing.total == 1
    (row,) = listing.rows
    assert (row.document_id, row.author_name, row.status) == (ids["failed"], "Anna Aalto", "failed")
    assert row.reason_fi and "rekisterissä" in row.reason_fi
    unlocked = documents_behind(world.engine, contact, world.units[UNIT_A], status=S.COMPLETED, worker_id=world.workers["anna"], now=NOW, zone=ZONE)
    assert [r.document_id for r in unlocked.rows] == [ids["unlocked"]]
    with read_only(world.engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.actor_id == world.workers["cecilia"]).order_by(AuditEvent.id)).all()
        clients = dict(session.exec(select(Client.id, Client.hetu)).all())
    assert [(e.action, e.document_id) for e in events] == [("document.list", ids["failed"]), ("document.list", ids["unlocked"])]
    assert all(e.client_id in clients for e in events)
    for row in listing.rows + unlocked.rows:
        assert not any(code in repr(row) for code in clients.values())


@pytest.mark.parametrize("who", ["cecilia", "anna"])
def test_another_unit_answers_like_a_missing_one(world: World, who: str) -> None:
    _setup(world)
    actor = world.actor(who)
    with pytest.raises(DomainError) as other:
        documents_behind(world.engine, actor, world.units[UNIT_B], status=S.COMPLETED, now=NOW, zone=ZONE)
    with pytest.raises(DomainError) as missing:
        documents_behind(world.engine, actor, 999_999, status=S.COMPLETED, now=NOW, zone=ZONE)
    unit_b = str(world.units[UNIT_B])
    assert other.value.message_fi == missing.value.message_fi and type(other.value) is type(missing.value)
    assert other.value.message_en.replace(unit_b, "N") == missing.value.message_en.replace("999999", "N")
    with read_only(world.engine) as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.actor_id == world.workers[who])).all() == []


def test_an_archivist_sees_every_unit(world: World) -> None:
    ids = _setup(world)
    listing = documents_behind(world.engine, world.actor("aarne"), world.units[UNIT_B], status=S.COMPLETED, now=NOW, zone=ZONE)
    assert [r.document_id for r in listing.rows] == [ids["other_unit"]]


def test_weekly_figures_and_the_archived_share(world: World) -> None:
    ids = _setup(world)
    week = dt.timedelta(weeks=1)
    world.set_status(ids["locked"], S.ARCHIVED, completed_at=NOW - 2 * week, locked_at=NOW - 2 * week, archived_at=NOW - week)
    with read_only(world.engine) as session:
        weeks = followup.weekly_figures(session, world.actor("cecilia"), world.units[UNIT_A], MONDAY - 2 * week, 3, ZONE)
    assert [w.monday for w in weeks] == [MONDAY - 2 * week, MONDAY - week, MONDAY]
    records = weeks[-1].counts["archived"]  # the district's relationship records were archived at NOW
    assert [w.counts["archived"] for w in weeks] == [0, 1, records] and records > 0
    assert [w.counts["failed"] for w in weeks] == [0, 0, 1]
    # the relationship records of the district were archived at NOW: by the end of the last week all but 2 of 6 are
    assert [round(w.share or 0, 2) for w in weeks][-1] == round(weeks[-1].archived_total / weeks[-1].completed_total, 2)
    assert weeks[0].share is not None and weeks[0].share < weeks[-1].share  # type: ignore[operator]


def test_ids_no_column_can_hold_are_never_looked_up(world: World) -> None:
    archivist = world.actor("aarne")
    with pytest.raises(DomainError):
        documents_behind(world.engine, archivist, 10**30, status=S.COMPLETED, now=NOW, zone=ZONE)
    listing = documents_behind(world.engine, archivist, world.units[UNIT_A], status=S.COMPLETED, worker_id=2**63, now=NOW, zone=ZONE)
    assert listing.total == 0 and listing.rows == []
