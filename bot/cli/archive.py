"""``archive pending/submit/fix/show/invalidate``, ``codes import/list`` and ``seed-demo``.

The CLI acts as the worker named by ``--worker`` (id or channel user id) through
channel ``cli``, so access rules and the audit log apply as in chat. Domain
errors are printed in English with exit status 2; nothing is changed then.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.clock import system_clock
from archiving.codesets import systems
from archiving.codesets.importer import import_file
from archiving.db import read_only
from archiving.errors import DomainError
from archiving.models import CodeValue, DocumentType, ServiceTaskSocialService
from bot.cli.common import (
    CliError, Handler, add_command, code_value, command_group, database, database_id, emit, progress, resolve_worker, settings,
)  # fmt: skip


@contextmanager
def _domain_errors() -> Iterator[None]:
    try:
        yield
    except DomainError as exc:
        raise CliError(exc.message_en) from None


def _with_engine(run: Callable[[argparse.Namespace, Engine], int | None]) -> Handler:
    """Open the database, turn domain errors into CLI errors, dispose the engine afterwards."""

    def handler(args: argparse.Namespace) -> int | None:
        engine = database()
        try:
            with _domain_errors():
                return run(args, engine)
        finally:
            engine.dispose()

    return handler


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    archive = command_group(subparsers, "archive", "archiving: pending documents, submit, fix, queue")
    p = add_command(archive, "pending", _with_engine(_pending), "list a worker's documents not yet in the archive")
    p.add_argument("--worker", required=True, help="worker id or channel user id")
    p = add_command(archive, "show", _with_engine(_show), "show one document with its problems")
    p.add_argument("--worker", required=True, help="worker id or channel user id")
    p.add_argument("document", type=database_id, metavar="DOC_ID")
    p = add_command(archive, "submit", _with_engine(_submit), "lock completed documents and queue them for the archive")
    p.add_argument("--worker", required=True, help="worker id or channel user id")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every document of the worker that can be sent")
    which.add_argument("documents", nargs="*", type=database_id, default=[], metavar="DOC_ID")
    p.add_argument("--skip-invalid", action="store_true", help="queue what can go, report the rest (default: all or nothing)")
    p = add_command(archive, "fix", _with_engine(_fix), "fix a document's archiving metadata (archived ones become corrections)")
    p.add_argument("--worker", required=True, help="worker id or channel user id")
    p.add_argument("document", type=database_id, metavar="DOC_ID")
    p.add_argument("--service-task", type=code_value, metavar="CODE")
    p.add_argument(
        "--social-service", action="extend", nargs="+", type=code_value, metavar="CODE",
        help="one or more codes after one flag (--social-service 24 31) or the flag repeated; they replace the current ones",
    )  # fmt: skip
    p.add_argument("--clear-social-services", action="store_true", help="remove every social service")
    p.add_argument("--service-unit", type=code_value, metavar="OID")
    # DOC_ID first: after --social-service every word up to the next flag is a code
    p.usage = "%(prog)s [-h] [--json] --worker WORKER DOC_ID [--service-task CODE] [--social-service CODE [CODE ...]] [--clear-social-services] [--service-unit OID]"
    p = add_command(archive, "invalidate", _with_engine(_invalidate), "invalidate an archived document (author or archivist)")
    p.add_argument("--worker", required=True, help="worker id or channel user id")
    p.add_argument("document", type=database_id, metavar="DOC_ID")
    p.add_argument("--reason", required=True)

    codes = command_group(subparsers, "codes", "national code sets")
    p = add_command(codes, "import", _with_engine(_codes_import), "import an official code-server export (CSV or JSON)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--system", type=code_value, metavar="OID", help="code system of the file when it has no OID column")
    p = add_command(codes, "list", _with_engine(_codes_list), "list the loaded code sets")
    p.add_argument("--system", choices=["service-task", "social-service", "document-type", "pairs"], help="only one set")

    p = add_command(subparsers, "seed-demo", _with_engine(_seed_demo), "create a synthetic demo district (SQLite or PostgreSQL)")
    p.add_argument("--if-empty", action="store_true", help="do nothing when the database already has documents")
    p.add_argument("--seed", type=int, default=2026, help="random seed (the same seed gives the same district)")
    p.add_argument("--documents", type=int, default=10_000, help="client documents to create (default 10,000; at least 100)")
    p.add_argument("--clients", type=int, default=1_000, help="clients to create (default 1,000; at least 20)")


# --- archive ---------------------------------------------------------------------------


def _problem_text(view: dict[str, object]) -> str:
    problems = view["problems"]
    return ("\n      - " + "\n      - ".join(problems)) if problems else ""  # type: ignore[arg-type]


def _row(view: dict[str, object]) -> str:
    dtype = view["document_type"]["name_fi"]  # type: ignore[index]
    return f"{view['id']:>8}  {view['status']:<11} v{view['version']}  client {view['client_id']:<6} {dtype}{_problem_text(view)}"


def _pending(args: argparse.Namespace, engine: Engine) -> int:
    from archiving.documents import pending_documents

    actor = resolve_worker(engine, args.worker)
    views = [v.to_dict() for v in pending_documents(engine, actor, actor.worker_id, now=system_clock())]
    emit(args, views, lambda: "\n".join([f"{len(views)} pending document(s)"] + [_row(v) for v in views]))
    return 0


def _show(args: argparse.Namespace, engine: Engine) -> int:
    from archiving.documents import get_document

    view = get_document(engine, resolve_worker(engine, args.worker), args.document, now=system_clock()).to_dict()
    emit(args, view, lambda: _row(view))
    return 0


def _submit(args: argparse.Namespace, engine: Engine) -> int:
    from archiving.documents import ALL, submit

    if not args.all and not args.documents:
        raise CliError("give --all or at least one DOC_ID")
    which = ALL if args.all else args.documents
    result = submit(engine, resolve_worker(engine, args.worker), which, now=system_clock(), skip_invalid=args.skip_invalid)
    data = result.to_dict()

    def text() -> str:
        lines = [f"queued {len(result.queued)} document(s)"]
        lines += [f"  {s.id} v{s.version}" + (" (waits for the client's relationship data)" if s.waits_for_relationship else "") for s in result.queued]
        lines += [f"  skipped {i}: {e.message_en}" for i, e in result.skipped]
        return "\n".join(lines)

    emit(args, data, text)
    return 0


def _fix(args: argparse.Namespace, engine: Engine) -> int:
    from archiving.documents import fix_metadata

    if args.clear_social_services and args.social_service:
        raise CliError("give either --social-service or --clear-social-services, not both")
    services = [] if args.clear_social_services else args.social_service
    result = fix_metadata(
        engine, resolve_worker(engine, args.worker), args.document, service_task=args.service_task,
        social_services=services, service_unit_oid=args.service_unit, now=system_clock(),
    )  # fmt: skip
    data = result.to_dict()
    change_text = ", ".join(f"{k}: {old} -> {new}" for k, (old, new) in result.changes.items())
    after = " (new version queued)" if result.corrected else " (queued)" if result.queued else ""
    emit(args, data, f"document {args.document} fixed: {change_text}{after}")
    return 0


def _invalidate(args: argparse.Namespace, engine: Engine) -> int:
    from archiving.documents import invalidate

    view = invalidate(engine, resolve_worker(engine, args.worker), args.document, args.reason, now=system_clock())
    emit(args, view.to_dict(), f"document {view.id} invalidated; the invalidation is queued for the archive")
    return 0


# --- codes ---------------------------------------------------------------------------------


def _codes_import(args: argparse.Namespace, engine: Engine) -> int:
    report = import_file(engine, args.file, system=args.system, now=system_clock())
    summary = "; ".join(f"{table}: " + ", ".join(f"{k} {v}" for k, v in counts.items()) for table, counts in report.counts.items())
    emit(args, report.to_dict(), f"imported {report.rows} row(s) ({report.skipped} skipped): {summary}")
    return 0


def _codes_list(args: argparse.Namespace, engine: Engine) -> int:
    with read_only(engine) as session:
        data: dict[str, list[dict[str, object]]] = {}
        for key, oid in (("service-task", systems.SERVICE_TASK), ("social-service", systems.SOCIAL_SERVICE)):
            rows = session.exec(select(CodeValue).where(CodeValue.system_oid == oid)).all()
            data[key] = [{"code": r.code, "name_fi": r.name_fi, "active": r.active, "source": r.source} for r in rows]
        types = session.exec(select(DocumentType)).all()
        data["document-type"] = [
            {"system": t.system_oid, "code": t.code, "name_fi": t.name_fi, "class": t.document_class, "social_service": t.social_service}
            for t in types
        ]
        pairs = session.exec(select(ServiceTaskSocialService)).all()
        data["pairs"] = [{"service_task": p.service_task_code, "social_service": p.social_service_code, "source": p.source} for p in pairs]
    if args.system:
        data = {args.system: data[args.system]}

    def text() -> str:
        lines = []
        for key, rows in data.items():
            lines.append(f"{key} ({len(rows)})")
            lines += ["  " + "  ".join(str(v) for v in row.values()) for row in rows]
        return "\n".join(lines)

    emit(args, data, text)
    return 0


# --- demo -----------------------------------------------------------------------------------


def _seed_demo(args: argparse.Namespace, engine: Engine) -> int:
    from archiving.demo.seed import seed_demo

    cfg = settings()
    if cfg.kanta_url:
        raise CliError(
            "seed-demo sends synthetic documents to the embedded archive stand-in only; "
            "unset ARKISTOBOTTI_KANTA_URL (demo data must never reach another archive)"
        )
    if args.documents < 100 or args.clients < 20:
        raise CliError("seed-demo needs at least 100 documents and 20 clients")
    report = seed_demo(
        engine, archive_database_url=cfg.kanta_sim_database_url, clock=system_clock, seed=args.seed,
        if_empty=args.if_empty, documents=args.documents, clients=args.clients, progress=progress,
    )  # fmt: skip
    emit(args, report, lambda: "demo district: " + ", ".join(f"{k} {v}" for k, v in report.items()))
    return 0
