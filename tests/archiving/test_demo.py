"""seed-demo: a synthetic district, every state reached through the real queue and archive stand-in."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import select

from archiving import hetu
from archiving.clock import FixedClock
from archiving.db import read_only
from archiving.demo.seed import seed_demo
from archiving.enums import DocumentStatus
from archiving.kanta.store import ArchiveStore
from archiving.models import AuditEvent, Client, Document, DocumentVersion, ServiceUnit, Worker

from district import NOW


def test_small_district_has_every_state_from_the_archive(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    archive_url = f"sqlite:///{tmp_path / 'kanta.db'}"
    lines: list[str] = []
    report = seed_demo(
        engine, archive_database_url=archive_url, clock=FixedClock(NOW), seed=7, documents=300, clients=40, progress=lines.append
    )
    assert report["documents"]["client"] == 300 and lines and "done" in lines[-1]
    assert set(report["demo_worker"]["statuses"]) == set(DocumentStatus)  # type: ignore[index]
    with read_only(engine) as session:
        codes = session.exec(select(Client.hetu)).all()
        assert len(codes) == 40 == len(set(codes)) and all(hetu.is_test_code(c) for c in codes)
        assert session.exec(select(func.count()).select_from(Worker)).one() == 50
        units = session.exec(select(ServiceUnit.oid)).all()
        assert len(units) >= 5 and all(u.startswith("2.999.") for u in units)
        demo = session.exec(select(Worker).where(Worker.channel_user_id == "demo")).one()
        assert demo.name == "Demo Työntekijä"
        # the current archived version of each archived document (and of each unsent correction)
        archived = session.exec(
            select(func.count()).select_from(Document).where(Document.status.in_(("archived", "corrected")))  # type: ignore[attr-defined]
        ).one()
        versions = session.exec(select(func.count()).select_from(DocumentVersion).where(DocumentVersion.state == "archived")).one()
        assert archived == versions
        failed = session.exec(select(Document).where(Document.status == "failed")).all()
        assert {d.last_error_code for d in failed} == {"UNKNOWN_SERVICE_UNIT", "BUSY"}
        assert {d.error_retryable for d in failed} == {True, False}
        # the demo worker's actions went through the service API and are in the audit log
        assert session.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.actor_id == demo.id)).one() > 0
    store = ArchiveStore(archive_url, rng=__import__("random").Random(0))
    try:
        assert store.count() >= archived
    finally:
        store.close()
    assert seed_demo(engine, archive_database_url=archive_url, clock=FixedClock(NOW), if_empty=True)["skipped"] is True


def test_the_same_seed_gives_the_same_district(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from archiving.db import make_engine
    from bot.database import upgrade

    snapshots = []
    for run in ("a", "b"):
        engine = make_engine(f"sqlite:///{tmp_path / run}.db", pool=False)
        upgrade(engine)
        seed_demo(engine, archive_database_url=f"sqlite:///{tmp_path / run}-kanta.db", clock=FixedClock(NOW), seed=3, documents=150, clients=25)
        with read_only(engine) as session:
            snapshots.append(session.exec(
                select(Document.id, Document.status, Document.version, Document.service_task_code, Document.client_id).order_by(Document.id)
            ).all())  # fmt: skip
            snapshots.append(session.exec(select(Client.hetu).order_by(Client.id)).all())
        engine.dispose()
    assert snapshots[0] == snapshots[2] and snapshots[1] == snapshots[3]
