"""Follow-up figures: documents per service unit and state."""

from __future__ import annotations

from archiving.db import read_only
from archiving.enums import DocumentStatus as S
from archiving.reports import status_counts, status_counts_by_unit

from district import UNIT_A, UNIT_B


def test_counts_per_unit_and_state(engine, world) -> None:  # type: ignore[no-untyped-def]
    world.document()
    world.document()
    world.document(S.DRAFT, service_unit_id=world.units[UNIT_B])
    world.document(service_unit_id=None)
    with read_only(engine) as session:
        rows = status_counts_by_unit(session)
        totals = status_counts(session)
    by_key = {(r["unit_oid"], r["status"]): r["count"] for r in rows}
    # the fixture's relationship records are archived documents of unit A
    assert by_key[(UNIT_A, "completed")] == 2 and by_key[(UNIT_A, "archived")] == 2
    assert by_key[(UNIT_B, "draft")] == 1 and by_key[(None, "completed")] == 1
    assert totals == {"archived": 2, "completed": 3, "draft": 1}
