"""What every subcommand shares: settings, the database, ids and workers, output as text or JSON, errors.

Everything a command prints goes through :func:`out` (or :func:`json_line`), which
redact any henkilötunnus: output may be kept or pasted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine

from archiving.actors import Actor, resolve_actor
from archiving.db import read_only
from archiving.enums import Channel
from archiving.errors import DomainError, WorkerNotFound
from archiving.hetu import redact, redact_json
from archiving.ids import MAX_ID, parse_id
from bot.database import open_database
from bot.settings import Settings, load_settings

if TYPE_CHECKING:
    from aiohttp import web



class CliError(Exception):
    """A problem the user can fix; printed in English without a traceback (exit status 2)."""

    exit_status = 2


class CliFailure(CliError):
    """The command could not run (database unreachable, port taken); printed like a CliError, exit status 1."""

    exit_status = 1


Handler = Callable[[argparse.Namespace], int | None]


def add_command(
    subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    handler: Handler,
    help: str,
    *,
    json_flag: bool = True,
) -> argparse.ArgumentParser:
    """Add a subcommand that runs ``handler(args)``; every command can print ``--json``."""
    parser = subparsers.add_parser(name, help=help, description=help)
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.set_defaults(handler=handler)
    return parser


def settings() -> Settings:
    return load_settings()


def database(cfg: Settings | None = None) -> Engine:
    """The product database, migrated to the latest schema."""
    cfg = cfg or settings()
    try:
        return open_database(cfg.database_url)
    except OSError as exc:  # the SQLite file's folder cannot be created
        reason = exc.strerror or type(exc).__name__
        raise CliFailure(f"cannot open the database given by ARKISTOBOTTI_DATABASE_URL: {reason}") from None


def database_id(text: str) -> int:
    """The argparse type of every database id (document, session, ticket): a whole number in an INTEGER column's range."""
    value = parse_id(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"invalid id {text[:40]!r} (expected a whole number from 1 to {MAX_ID})")
    return value


CODE_LIMIT = 128  # the longest code column (an OID)


def code_value(text: str) -> str:
    """The argparse type of every code or OID argument: one word of printable characters, never empty.

    An empty ``--social-service ""`` used to clear the document's social services; whether the
    code exists is checked by the core (an unknown code is refused with exit status 2 as well).
    """
    value = text.strip()
    if not value or len(value) > CODE_LIMIT or not value.isprintable() or any(c.isspace() for c in value):
        raise argparse.ArgumentTypeError(f"invalid code {text[:40]!r} (expected a code such as 20 or an OID such as 2.999.20.1)")
    return value


def resolve_worker(engine: Engine, reference: str) -> Actor:
    """The worker a ``--worker``, ``--as`` or ``--to`` names (numeric id or channel user id), acting through the CLI.

    Resolved by the core's :func:`resolve_actor`, as chat identities are; a number no id column can
    hold is only looked up as a channel user id, so it never reaches the database as an id.
    """
    reference = reference.strip()
    try:
        with read_only(engine) as session:
            return resolve_actor(session, reference, Channel.CLI)
    except WorkerNotFound:
        raise CliError(WorkerNotFound(reference).message_en) from None  # named as typed, whichever lookup missed
    except DomainError as exc:
        raise CliError(exc.message_en) from None


def json_line(data: Any) -> str:
    """``data`` as one line of JSON, as every ``--json`` output is written (its strings redacted)."""
    return json.dumps(redact_json(json.loads(json.dumps(data, default=str))), ensure_ascii=False)


def out(line: object, *, error: bool = False) -> None:
    """Print one line (to stderr with ``error``), henkilötunnus redacted, flushed at once."""
    print(redact(str(line)), file=sys.stderr if error else sys.stdout, flush=True)


def emit(args: argparse.Namespace, data: Any, text: str | Callable[[], str] | None = None) -> None:
    """Print ``data`` as JSON with ``--json`` (indented when stdout is a terminal), otherwise ``text`` (or ``data`` itself)."""
    if getattr(args, "json", False):
        # a person reading a terminal gets it indented; a pipe or file gets one line for jq and scripts
        clean = redact_json(json.loads(json.dumps(data, default=str)))
        out(json.dumps(clean, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None))
    else:
        shown = text() if callable(text) else text
        out(shown if shown is not None else data)


def http_url(host: str, port: int, path: str = "") -> str:
    """``http://host:port/path``, with an IPv6 address in brackets."""
    return f"http://{f'[{host}]' if ':' in host and not host.startswith('[') else host}:{port}{path}"


def serve_app(app: web.Application, *, host: str, port: int, announce: Callable[[], None], **options: Any) -> None:
    """Run ``app`` until SIGINT/SIGTERM (``serve``, ``kanta-sim``); ``announce()`` runs once the port is open.

    A port that cannot be opened (in use, not permitted, an address this machine does not have)
    is a :class:`CliFailure` naming host and port; errors of the app's own startup pass through.
    """
    from aiohttp import web

    phase = {"started": False, "announced": False}

    async def started(_app: web.Application) -> None:  # the last startup step: what fails after it is the listening
        phase["started"] = True

    def listening(*_: object) -> None:  # aiohttp's print hook, called once every site listens
        phase["announced"] = True
        announce()

    app.on_startup.append(started)
    try:
        web.run_app(app, host=host, port=port, print=listening, **options)
    except OSError as exc:
        if not phase["started"] or phase["announced"]:
            raise
        raise CliFailure(f"cannot listen on {host}:{port}: {_socket_reason(exc)}") from None


def _socket_reason(exc: OSError) -> str:
    if exc.errno and exc.errno > 0 and not isinstance(exc, socket.gaierror):
        return os.strerror(exc.errno)  # asyncio wraps it in "error while attempting to bind on address ..."
    return exc.strerror or str(exc)


def progress(message: str) -> None:
    """Progress goes to stderr so that stdout stays clean for ``--json``."""
    out(message, error=True)


def command_group(
    subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help: str,
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The subcommands of group ``name`` (e.g. ``archive``), created on first use.

    Several modules may add commands to one group: ``archive pending`` and
    ``archive work`` are registered by different modules.
    """
    groups: dict[str, argparse._SubParsersAction] = subparsers.__dict__.setdefault("_groups", {})  # type: ignore[type-arg]
    if name not in groups:
        parser = subparsers.add_parser(name, help=help, description=help)
        groups[name] = parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
    return groups[name]
