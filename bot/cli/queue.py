"""``arkistobotti archive work/status/verify`` and ``arkistobotti kanta-sim``: the queue and the archive."""

from __future__ import annotations

import argparse
import random
import signal
import time
from typing import Any

from sqlmodel import func, select

from archiving import log_redaction
from archiving.clock import system_clock
from archiving.db import read_only
from archiving.kanta.catalog import CachedCatalog, catalog_from_database
from archiving.kanta.factory import gateway_from_settings
from archiving.kanta.gateway import ArchiveError
from archiving.kanta.simulator import FaultPlan
from archiving.kanta.verify import verify
from archiving.models import Document
from archiving.queue import QueuePolicy, queue_counts
from archiving.queue.items import BatchStats
from archiving.queue.worker import drain
from bot.cli.common import CliError, add_command, command_group, database, emit, http_url, progress, serve_app, settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = command_group(subparsers, "archive", "documents and the national archive (Kanta)")
    work = add_command(sub, "work", _work, "run the archive queue worker")
    work.add_argument("--until-empty", action="store_true", help="stop when no queued job can make progress")
    work.add_argument(
        "--batch", type=_positive, metavar="N", help="jobs per batch (default: ARKISTOBOTTI_QUEUE_BATCH_SIZE)"
    )
    work.add_argument("--seed", type=int, help="seed the random jitter (reproducible runs)")
    add_command(sub, "status", _status, "documents per status and archive jobs per state")
    check = add_command(sub, "verify", _verify, "compare the archived versions in the core with the archive")
    check.add_argument("--page-size", type=_positive, default=5000, help=argparse.SUPPRESS)
    sim = add_command(subparsers, "kanta-sim", _kanta_sim, "run the stand-in national archive as an HTTP service")
    sim.add_argument("--port", type=int, required=True, help="TCP port to listen on")
    sim.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sim.add_argument("--seed", type=int, help="seed the fault injection (reproducible runs)")
    sim.add_argument(
        "--stall", type=float, metavar="SECONDS", help="how long a timeout fault stalls (default: client timeout + 1 s)"
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _work(args: argparse.Namespace) -> int:
    log_redaction.install_log_redaction()
    cfg = settings()
    engine = database(cfg)
    rng = random.Random(args.seed)
    gateway = gateway_from_settings(cfg, engine, rng)
    policy = QueuePolicy.from_settings(cfg, batch_size=args.batch)
    stopping = {"flag": False}
    previous = signal.signal(signal.SIGTERM, lambda *_: stopping.update(flag=True))  # finish the batch, then stop
    started = time.perf_counter()
    last = {"at": started}

    def report(batch: BatchStats) -> None:
        if time.perf_counter() - last["at"] >= 2.0:
            last["at"] = time.perf_counter()
            progress(
                f"archive work: {batch.leased} jobs in {batch.seconds:.2f} s: {dict(sorted(batch.results.items()))}"
            )

    try:
        stats = drain(
            engine,
            gateway,
            system_clock,
            rng,
            policy=policy,
            until_empty=args.until_empty,
            should_stop=lambda: stopping["flag"],
            on_batch=report,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
        gateway.close()
        engine.dispose()
    seconds = time.perf_counter() - started
    sent = sum(stats.results.values())
    data = {
        "batches": stats.batches,
        "results": stats.results,
        "remaining": stats.remaining,
        "seconds": round(seconds, 3),
    }
    emit(
        args,
        data,
        lambda: (
            f"{sent} jobs handled in {seconds:.1f} s: {stats.results or 'nothing due'}; "
            f"{stats.remaining} left that can still progress"
        ),
    )
    return 0


def _status(args: argparse.Namespace) -> int:
    engine = database()
    with read_only(engine) as session:
        documents = {
            s: int(n) for s, n in session.exec(select(Document.status, func.count()).group_by(Document.status))
        }
        jobs = queue_counts(session)
    engine.dispose()
    data: dict[str, Any] = {"documents": dict(sorted(documents.items())), "queue": dict(sorted(jobs.items()))}

    def text() -> str:
        lines = ["documents:"] + [f"  {k:<12} {v}" for k, v in data["documents"].items()]
        lines += ["queue:"] + [f"  {k:<12} {v}" for k, v in data["queue"].items()]
        return "\n".join(lines)

    emit(args, data, text)
    return 0


def _verify(args: argparse.Namespace) -> int:
    cfg = settings()
    engine = database(cfg)
    gateway = gateway_from_settings(cfg, engine, random.Random())
    try:
        report = verify(engine, gateway, page_size=args.page_size)
    except ArchiveError as exc:
        raise CliError(f"cannot read the archive: {exc.message_en}") from None
    finally:
        gateway.close()
        engine.dispose()
    data = report.to_json()

    def text() -> str:
        head = "OK" if report.ok else "MISMATCH"
        return (
            f"{head}: {report.archived} archived versions checked; missing {len(report.missing)}, "
            f"duplicates {len(report.duplicates)}, unknown to the core {len(report.unknown)}, "
            f"state differs {len(report.mismatched)}"
        )

    emit(args, data, text)
    return 0 if report.ok else 1


def _kanta_sim(args: argparse.Namespace) -> int:
    from kantasim import SimConfig, make_app  # aiohttp is needed only here

    log_redaction.install_log_redaction()
    if not 1 <= args.port <= 65535:
        raise CliError(f"--port must be between 1 and 65535, got {args.port}")
    cfg = settings()
    engine = database(cfg)
    config = SimConfig(
        database_url=cfg.kanta_sim_database_url,
        catalog=CachedCatalog(lambda: catalog_from_database(engine)),
        faults=FaultPlan(cfg.kanta_fault_rate, cfg.kanta_latency_ms),
        rng=random.Random(args.seed),
        clock=system_clock,
        stall_s=args.stall if args.stall is not None else cfg.kanta_timeout_s + 1.0,
    )
    url = http_url(args.host, args.port)
    data = {"listening": url, "fault_rate": cfg.kanta_fault_rate, "latency_ms": cfg.kanta_latency_ms}

    def announce() -> None:  # once the port is open; the human line goes to stderr, as progress does
        if args.json:
            emit(args, data)
        else:
            progress(f"kanta-sim: listening on {url} (fault rate {cfg.kanta_fault_rate}, latency {cfg.kanta_latency_ms} ms)")

    try:
        serve_app(make_app(config), host=args.host, port=args.port, announce=announce, access_log=None)
    finally:
        engine.dispose()
    return 0
