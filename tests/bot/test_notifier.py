"""The archive-result notifier tells a chat submission's result once the document's current version settles."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlmodel import select

from archiving import lifecycle
from archiving.clock import FixedClock
from archiving.db import make_engine, read_only, transaction
from archiving.kanta.catalog import CachedCatalog, catalog_from_database
from archiving.kanta.simulator import KantaSimulator
from archiving.kanta.store import ArchiveStore
from archiving.demo.loadgen import create_queued_district
from archiving.models import Document
from archiving.queue import enqueue
from archiving.queue.worker import drain
from bot.models import ChatSubmission, OutboxMessage
from bot.notifier import ArchiveResultNotifier
from bot.services import Services
from bot.settings import load_settings

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def test_a_version_the_queue_turned_into_a_correction_is_told_when_the_correction_is_archived(
    db_url: str, tmp_path: Path
) -> None:
    engine = make_engine(db_url)
    district = create_queued_district(engine, clients=1, documents_per_client=1, rng=random.Random(5), now=NOW)
    clock = FixedClock(NOW)
    archive = KantaSimulator(
        ArchiveStore(f"sqlite:///{tmp_path / 'kanta.db'}", rng=random.Random(1)),
        CachedCatalog(lambda: catalog_from_database(engine)),
        rng=random.Random(2),
        clock=clock,
    )
    drain(engine, archive, clock, random.Random(3))
    target = district.client_document_ids[0]
    with transaction(engine) as session:  # version 1 was sent from chat; the queue then moved it on to version 2
        session.add(ChatSubmission(worker_id=district.author_id, document_id=target, version=1, submitted_at=NOW))
        doc = session.get(Document, target)
        assert doc is not None
        lifecycle.start_correction(doc, now=NOW)
        lifecycle.queue(doc, now=NOW)
        enqueue(session, doc, now=NOW)
    services = Services.build(load_settings({}, database_url=db_url), engine, clock=clock)
    notifier = ArchiveResultNotifier(services)
    try:
        assert notifier.notify_finished() == 0  # version 1's job is done, but the document is not archived yet
        drain(engine, archive, clock, random.Random(4))
        assert notifier.notify_finished() == 1
    finally:
        services.close()
        archive.close()
    with read_only(engine) as session:
        (message,) = session.exec(select(OutboxMessage)).all()
        (submission,) = session.exec(select(ChatSubmission)).all()
        assert message.worker_id == district.author_id and "on arkistoitu Kantaan" in message.text
        assert submission.outcome == "archived"
    engine.dispose()
