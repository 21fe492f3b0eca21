"""The process-wide CodeSets snapshot: reused while nothing changed, re-read after any change, whoever made it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from district import NOW, World
from sqlalchemy import text
from sqlmodel import select

from archiving import documents
from archiving.codesets import cache, systems
from archiving.codesets.loader import load_packaged
from archiving.codesets.readmodel import CodeSets
from archiving.db import make_engine, read_only, transaction
from archiving.models import CodeSetStamp, CodeValue

SCRIPT = Path(sys.executable).with_name("arkistobotti")
TASK_EXPORT = (
    "CodeId;LongName;OID;Status\n"
    "20;Vammaispalvelut (uusi nimi);1.2.246.537.6.1221;ACTIVE\n"
    "77;Toisen prosessin tehtävä;1.2.246.537.6.1221;ACTIVE\n"
)


def load(engine) -> CodeSets:  # type: ignore[no-untyped-def]
    with read_only(engine) as session:
        return CodeSets.load(session)


def other_connection(db_url: str, sql: str) -> None:
    """Plain SQL on a connection of its own, committed: as another instance would change the tables."""
    other = make_engine(db_url, pool=False)
    try:
        with other.begin() as conn:
            conn.execute(text(sql))
    finally:
        other.dispose()


def test_the_snapshot_is_shared_until_a_code_table_changes(loaded) -> None:  # type: ignore[no-untyped-def]
    first = load(loaded)
    assert load(loaded) is first  # no change: the very same snapshot, the tables not read again
    with transaction(loaded) as session:
        session.add(CodeValue(system_oid=systems.SERVICE_TASK, code="78", name_fi="Uusi tehtävä", source="test"))
    second = load(loaded)
    assert second is not first and second.service_tasks["78"].name_fi == "Uusi tehtävä"
    assert "78" not in first.service_tasks  # a handed-out snapshot never changes under its holder
    with pytest.raises(TypeError):
        second.service_tasks["79"] = second.service_tasks["78"]  # type: ignore[index]


def test_an_import_in_another_process_is_seen(loaded, db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = load(loaded)
    assert before.service_tasks["20"].name_fi == "Vammaispalvelut" and "77" not in before.service_tasks
    export = tmp_path / "palvelutehtavat.csv"
    export.write_text(TASK_EXPORT, encoding="utf-8")
    env = {**os.environ, "ARKISTOBOTTI_DATABASE_URL": db_url}
    out = subprocess.run([str(SCRIPT), "codes", "import", str(export)], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    after = load(loaded)
    assert after.service_tasks["20"].name_fi == "Vammaispalvelut (uusi nimi)"
    assert after.service_tasks["77"].name_fi == "Toisen prosessin tehtävä"


def test_changes_by_plain_sql_elsewhere_are_seen(loaded, db_url, world: World) -> None:  # type: ignore[no-untyped-def]
    unit_id = world.units["2.999.10.1"]
    assert load(loaded).units_by_id[unit_id].name == "Vammaispalvelut A"
    other_connection(db_url, f"UPDATE service_unit SET name = 'Vammaispalvelut Etelä' WHERE id = {unit_id}")
    assert load(loaded).units_by_id[unit_id].name == "Vammaispalvelut Etelä"
    other_connection(db_url, "DELETE FROM service_task_social_service WHERE service_task_code = '15'")
    assert "15" not in load(loaded).pairs
    other_connection(db_url, "UPDATE document_type SET name_fi = 'Päätös (uusi)' WHERE code = '11053'")
    assert load(loaded).document_type(systems.DOCUMENT_TYPE, "11053").name_fi == "Päätös (uusi)"  # type: ignore[union-attr]


def test_a_rolled_back_change_is_never_served(loaded, db_url) -> None:  # type: ignore[no-untyped-def]
    committed = load(loaded)
    with pytest.raises(RuntimeError), transaction(loaded) as session:
        session.add(CodeValue(system_oid=systems.SERVICE_TASK, code="90", name_fi="Peruttu", source="test"))
        inside = CodeSets.load(session)  # the transaction sees its own change (and the snapshot is kept)...
        assert "90" in inside.service_tasks
        raise RuntimeError("roll back")
    # ...and then another instance commits a change of its own: a stamp that merely counted changes
    # would now be back at the rolled-back transaction's value and serve its snapshot
    other_connection(db_url, "INSERT INTO code_value (system_oid, code, name_fi, source, active) VALUES ('1.2.246.537.6.1221', '91', 'Toinen', 'test', true)")
    after = load(loaded)
    assert set(after.service_tasks) - set(committed.service_tasks) == {"91"}


def test_every_change_moves_the_stamp_and_nothing_else_does(loaded, world: World) -> None:  # type: ignore[no-untyped-def]
    def stamp() -> tuple[int, str]:
        with read_only(loaded) as session:
            row = session.exec(select(CodeSetStamp)).one()
            return row.version, row.token

    before = stamp()
    world.document()  # documents, clients and audit rows are not code tables
    documents.pending_documents(loaded, world.actor("anna"), now=NOW)
    assert stamp() == before
    with transaction(loaded) as session:
        load_packaged(session)  # loading again changes no row, so every snapshot stays good
    assert stamp() == before
    with transaction(loaded) as session:
        session.add(CodeValue(system_oid=systems.SOCIAL_SERVICE, code="99", name_fi="Uusi palvelu", source="test"))
    version, token = stamp()
    assert version > before[0] and token != before[1]


def test_without_a_stamp_row_every_use_reads_the_tables(loaded) -> None:  # type: ignore[no-untyped-def]
    with transaction(loaded) as session:
        session.connection().execute(text("DELETE FROM code_set_stamp"))
    first = load(loaded)
    assert load(loaded) is not first and load(loaded).service_tasks.keys() == first.service_tasks.keys()


def test_clear_forgets_the_snapshots(loaded) -> None:  # type: ignore[no-untyped-def]
    first = load(loaded)
    cache.clear()
    assert load(loaded) is not first
