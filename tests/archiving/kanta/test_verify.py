"""``archive verify``: it finds what is missing, duplicated, unknown or in the wrong state."""

from __future__ import annotations

import random
from pathlib import Path

from queue_support import NOW, POLICY, advancing, district, stand_in  # tests/archiving is on sys.path
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from archiving.clock import FixedClock
from archiving.db import transaction
from archiving.kanta.tables import entries
from archiving.kanta.verify import verify
from archiving.models import DocumentVersion
from archiving.queue.worker import drain


def test_verify_is_clean_after_a_drain_and_names_each_kind_of_difference(engine: Engine, tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    d = district(engine, clients=2, per_client=2)
    archive = stand_in(engine, tmp_path, clock)
    drain(engine, archive, clock, random.Random(1), policy=POLICY, sleep=advancing(clock))
    report = verify(engine, archive, page_size=3)  # several pages
    assert report.ok and report.archived == len(d.document_ids)
    assert report.to_json() == {
        "ok": True,
        "archived": 8,
        "missing": [],
        "duplicates": [],
        "unknown": [],
        "mismatched": [],
    }

    gone, doubled, odd = d.client_document_ids[:3]
    store = archive.store.engine
    with store.begin() as conn:
        conn.execute(delete(entries).where(entries.c.document_id == gone))
        row = dict(conn.execute(select(entries).where(entries.c.document_id == doubled)).mappings().one())
        conn.execute(insert(entries), [{**row, "seq": None, "reference": "KA-copy", "idempotency_key": "copy"}])
        conn.execute(
            insert(entries),
            [{**row, "seq": None, "reference": "KA-stray", "idempotency_key": "stray", "document_id": 999_999}],
        )
        conn.execute(update(entries).where(entries.c.document_id == odd).values(state="superseded"))
    lost = d.client_document_ids[3]
    with transaction(engine) as session:  # archived in the core, but its version record is gone
        session.execute(delete(DocumentVersion).where(DocumentVersion.document_id == lost))  # type: ignore[arg-type]
    report = verify(engine, archive)
    assert not report.ok
    assert report.missing == [
        {"document_id": gone, "version": 1, "reason": "not in the archive"},
        {"document_id": lost, "version": 1, "reason": "archived in the core, no archived version"},
    ]
    assert report.duplicates == [{"document_id": doubled, "version": 1, "count": 2}]
    assert report.unknown == [
        {"document_id": lost, "version": 1, "count": 1},
        {"document_id": 999_999, "version": 1, "count": 1},
    ]
    assert report.mismatched == [{"document_id": odd, "version": 1, "core": "archived", "archive": "superseded"}]
