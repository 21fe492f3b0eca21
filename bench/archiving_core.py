"""Benchmark: seed-demo, and the service calls the bot makes, on a full synthetic district.

Seeds the demo district (10,000 client documents, through the queue worker and the
embedded archive) into a fresh SQLite file (or ``--postgres URL``), then times what
a chat turn costs: the pending list of busy workers, one document's card, the fix
card's options, a metadata fix and a submit. Prints JSON with the seeding time and
p50/p95 per call in milliseconds.

    python bench/archiving_core.py [--documents 10000] [--rounds 30] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, func
from sqlalchemy.engine import make_url
from sqlmodel import col, select

from archiving import documents
from archiving.actors import load_actor
from archiving.clock import system_clock
from archiving.db import make_engine, normalise_url, read_only
from archiving.demo.seed import seed_demo
from archiving.enums import Channel, DocumentStatus as S
from archiving.models import Document
from bot.database import open_database


def _timed(call: Callable[[], object], rounds: int) -> dict[str, float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 2),
        "calls": rounds,
    }


def _postgres_admin(admin_url: str, sql: str) -> None:
    admin = create_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(sql)
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--postgres", metavar="URL", help="admin URL; a fresh database is created on that server")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-core-"))
    name = f"bench_core_{uuid.uuid4().hex[:8]}"
    if args.postgres:
        _postgres_admin(args.postgres, f'CREATE DATABASE "{name}"')
        url = make_url(normalise_url(args.postgres)).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{folder / 'arkisto.db'}"
    engine = open_database(url)
    started = time.perf_counter()
    report = seed_demo(engine, archive_database_url=f"sqlite:///{folder / 'kanta.db'}", clock=system_clock, documents=args.documents)
    seed_s = time.perf_counter() - started
    engine.dispose()
    engine = make_engine(url)
    now = system_clock
    with read_only(engine) as session:
        busiest = session.exec(
            select(Document.author_id, func.count()).where(col(Document.status).in_(documents.PENDING_STATUSES))
            .group_by(Document.author_id).order_by(func.count().desc()).limit(5)
        ).all()  # fmt: skip
        actors = [load_actor(session, worker_id, Channel.CHAT) for worker_id, _ in busiest]
        sample = session.exec(
            select(Document).where(Document.author_id == busiest[0][0], Document.status == S.COMPLETED).limit(args.rounds + 1)
        ).all()
    worker = actors[0]
    ids = [d.id for d in sample if d.id is not None]
    results = {
        "pending_documents": _timed(lambda: [documents.pending_documents(engine, a, now=now()) for a in actors[:1]], args.rounds),
        "get_document": _timed(lambda: documents.get_document(engine, worker, ids[0], now=now()), args.rounds),
        "form_options": _timed(lambda: documents.form_options(engine, worker, ids[0], now=now()), args.rounds),
    }
    documents.fix_metadata(engine, worker, ids[0], service_task="10", social_services=["2", "24", "46"], now=now())
    services = iter([["46"], ["24"]] * args.rounds)
    results["fix_metadata"] = _timed(
        lambda: documents.fix_metadata(engine, worker, ids[0], service_task="10", social_services=next(services), now=now()),
        args.rounds,
    )
    pending = iter(ids[1:])
    results["submit_one"] = _timed(lambda: documents.submit(engine, worker, [next(pending)], now=now()), min(args.rounds, len(ids) - 1))
    print(json.dumps({
        "benchmark": "archiving_core",
        "database": "postgresql" if args.postgres else "sqlite",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "seed_demo": {"seconds": round(seed_s, 1), "documents": report["documents"], "statuses": report["statuses"]},
        "busiest_worker_pending": busiest[0][1],
        "calls": results,
    }, indent=2, ensure_ascii=False))  # fmt: skip
    engine.dispose()
    if args.postgres:
        _postgres_admin(args.postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
