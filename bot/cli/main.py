"""The ``arkistobotti`` console script: one parser, subcommands registered per area."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from urllib.parse import quote

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from archiving.hetu import bounded
from bot.cli.common import CliError, out, settings
from bot.settings import SettingsError

# Each module has ``register(subparsers)``; the order is the order in --help.
COMMAND_MODULES = (
    "bot.cli.serve",  # serve, chat
    "bot.cli.archive",  # archive pending/submit/fix, codes ..., seed-demo
    "bot.cli.queue",  # archive work/status/verify, kanta-sim
    "bot.cli.kb",  # kb ...
    "bot.cli.desk",  # desk ...
    "bot.cli.teams",  # teams package
    "bot.cli.db",  # db upgrade
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="arkistobotti",
        description="Archiving-support bot and help desk for social-welfare client documents (Kanta).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name or name.startswith(f"{exc.name}."):
                continue  # area not built yet
            raise
        module.register(subparsers)
    return parser


MAX_ARGUMENT = 100_000  # characters of one command-line argument that a command reads


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args([bounded(a, MAX_ARGUMENT) for a in (sys.argv[1:] if argv is None else argv)])
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except (CliError, SettingsError) as exc:
        out(f"arkistobotti: error: {exc}", error=True)
        return exc.exit_status if isinstance(exc, CliError) else 2
    except DatabaseError as exc:  # unreachable server, unknown host or database, a file that cannot be opened or is no database
        if not isinstance(exc, OperationalError) and type(exc) is not DatabaseError:
            raise  # integrity, data and programming errors are bugs, not configuration
        out(f"arkistobotti: error: cannot open the database given by ARKISTOBOTTI_DATABASE_URL: {_reason(exc)}", error=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _reason(exc: DatabaseError) -> str:
    """The driver's first line, whitespace folded, with any password of the configured URLs masked."""
    lines = str(exc.orig if exc.orig is not None else exc).strip().splitlines()
    reason = " ".join(lines[0].split()) if lines else type(exc.orig or exc).__name__
    try:
        cfg = settings()
        urls = (cfg.database_url, cfg.kanta_sim_database_url)
    except SettingsError:
        urls = ()
    for url in urls:
        try:
            password = make_url(url).password
        except ArgumentError:
            continue
        if password:
            for form in {str(password), quote(str(password), safe="")}:
                reason = reason.replace(form, "***")
    return reason


if __name__ == "__main__":
    sys.exit(main())
