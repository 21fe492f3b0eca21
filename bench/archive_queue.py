"""Benchmark: drain 10,000 queued documents through the embedded archive and through kanta-sim over HTTP.

Each run gets a fresh product database (SQLite file by default, or ``--postgres URL``)
with a synthetic district built by ``archiving.demo.loadgen`` (relationship record, case
record and client documents per client, all queued), and a fresh archive database.
The queue worker (``archiving.queue.worker.drain``) then archives everything;
``archive verify`` must agree afterwards. Prints JSON: documents per second and,
per document, p50/p95 of the time from its batch's lease to the commit of its
outcome (a document waits for its whole batch, so this is the batch time).

    python bench/archive_queue.py [--documents 10000] [--batch 200] [--skip-http] [--postgres URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from archiving.clock import system_clock
from archiving.db import normalise_url
from archiving.kanta.catalog import CachedCatalog, catalog_from_database
from archiving.kanta.http_client import HttpArchiveGateway
from archiving.kanta.simulator import KantaSimulator
from archiving.kanta.store import ArchiveStore
from archiving.kanta.verify import verify
from archiving.demo.loadgen import create_queued_district
from archiving.queue import QueuePolicy
from archiving.queue.worker import drain
from bot.database import open_database

GOAL_EMBEDDED_PER_S = 2000
PER_CLIENT = 8  # client documents per client; with its relationship and case record: 10 documents


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _pg_admin(postgres: str, statement: str) -> None:
    from sqlalchemy import create_engine

    admin = create_engine(normalise_url(postgres), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(statement)
    admin.dispose()


def _fresh_database(postgres: str | None, folder: Path, name: str) -> str:
    if not postgres:
        return f"sqlite:///{folder / name}.db"
    database = _pg_name(name)
    _pg_admin(postgres, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    _pg_admin(postgres, f'CREATE DATABASE "{database}"')
    return make_url(normalise_url(postgres)).set(database=database).render_as_string(hide_password=False)


def _pg_name(name: str) -> str:
    return f"arkistobotti_bench_{name}_{os.getpid()}"


def _run(label: str, url: str, documents: int, batch: int, gateway_for: Any) -> dict[str, Any]:
    engine = open_database(url)
    started = time.perf_counter()
    district = create_queued_district(
        engine,
        clients=max(documents // (PER_CLIENT + 2), 1),
        documents_per_client=PER_CLIENT,
        rng=random.Random(42),
        now=system_clock(),
    )
    seeded = time.perf_counter() - started
    gateway = gateway_for(engine)
    began = time.perf_counter()
    stats = drain(engine, gateway, system_clock, random.Random(1), policy=QueuePolicy(batch_size=batch))
    seconds = time.perf_counter() - began
    report = verify(engine, gateway)
    gateway.close()
    engine.dispose()
    count = len(district.document_ids)
    latencies = stats.latencies
    return {
        "label": label,
        "documents": count,
        "archived": stats.results.get("archived", 0),
        "verified": report.ok and report.archived == count,
        "seed_seconds": round(seeded, 3),
        "drain_seconds": round(seconds, 3),
        "documents_per_second": round(count / seconds, 1),
        "batches": stats.batches,
        "per_document_ms": {
            "p50": round(_percentile(latencies, 0.50) * 1000, 1),
            "p95": round(_percentile(latencies, 0.95) * 1000, 1),
            "mean": round(statistics.fmean(latencies) * 1000, 1),
        },
    }


def _embedded(folder: Path) -> Any:
    def make(engine: Any) -> KantaSimulator:
        store = ArchiveStore(f"sqlite:///{folder / 'kanta-embedded.db'}", rng=random.Random(2))
        return KantaSimulator(store, CachedCatalog(lambda: catalog_from_database(engine)), rng=random.Random(3))

    return make


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_kanta_sim(product_url: str, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "ARKISTOBOTTI_DATABASE_URL": product_url,
        "ARKISTOBOTTI_KANTA_SIM_DATABASE_URL": f"sqlite:///{folder / 'kanta-http.db'}",
        "ARKISTOBOTTI_KANTA_FAULT_RATE": "0",
        "ARKISTOBOTTI_KANTA_LATENCY_MS": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "kanta-sim", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1).close()
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("kanta-sim did not start") from None
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--skip-http", action="store_true", help="only the embedded archive")
    parser.add_argument(
        "--postgres", metavar="URL", help="product database on this PostgreSQL server instead of SQLite"
    )
    args = parser.parse_args()
    backend = "postgresql" if args.postgres else "sqlite"
    results: dict[str, Any] = {
        "benchmark": "archive_queue",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "product_database": backend,
        "batch_size": args.batch,
    }
    with tempfile.TemporaryDirectory(prefix="arkistobotti-bench-") as tmp:
        folder = Path(tmp)
        embedded = _run(
            "embedded",
            _fresh_database(args.postgres, folder, "embedded"),
            args.documents,
            args.batch,
            _embedded(folder),
        )
        results["embedded"] = embedded
        results["goal_embedded_documents_per_second"] = GOAL_EMBEDDED_PER_S
        results["goal_met"] = backend == "sqlite" and embedded["documents_per_second"] >= GOAL_EMBEDDED_PER_S
        if not args.skip_http:
            url = _fresh_database(args.postgres, folder, "http")
            open_database(url).dispose()
            process, sim_url = _start_kanta_sim(url, folder)
            try:
                results["kanta_sim_http"] = _run(
                    "kanta-sim over HTTP",
                    url,
                    args.documents,
                    args.batch,
                    lambda engine: HttpArchiveGateway(sim_url, timeout_s=30),
                )
            finally:
                process.terminate()
                process.wait(10)
    if args.postgres:
        for name in ("embedded", "http"):
            _pg_admin(args.postgres, f'DROP DATABASE IF EXISTS "{_pg_name(name)}" WITH (FORCE)')
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
