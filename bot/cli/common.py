"""What every subcommand shares: settings, the database, output as text or JSON, errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from bot.database import open_database
from bot.settings import Settings, load_settings


class CliError(Exception):
    """A problem the user can fix; printed in English without a traceback (exit status 2)."""


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
    return open_database(cfg.database_url)


def emit(args: argparse.Namespace, data: Any, text: str | Callable[[], str] | None = None) -> None:
    """Print ``data`` as JSON with ``--json``, otherwise ``text`` (or ``data`` itself)."""
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        out = text() if callable(text) else text
        print(out if out is not None else data)


def progress(message: str) -> None:
    """Progress goes to stderr so that stdout stays clean for ``--json``."""
    print(message, file=sys.stderr, flush=True)


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
