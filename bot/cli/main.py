"""The ``arkistobotti`` console script: one parser, subcommands registered per area."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from bot.cli.common import CliError
from bot.settings import SettingsError

# Each module has ``register(subparsers)``; the order is the order in --help.
COMMAND_MODULES = (
    "bot.cli.serve",  # serve, chat
    "bot.cli.archive",  # archive pending/submit/fix, codes ..., seed-demo
    "bot.cli.queue",  # archive work/status/verify, kanta-sim
    "bot.cli.kb",  # kb ...
    "bot.cli.desk",  # desk ...
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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except (CliError, SettingsError) as exc:
        print(f"arkistobotti: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
