"""``arkistobotti teams package``: the Teams app package for the Teams admin center."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import CliError, CliFailure, add_command, command_group, emit, settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = command_group(subparsers, "teams", "the Teams app")
    package = add_command(sub, "package", _package, "build the Teams app package (manifest with this deployment's values, icons) as a zip")
    package.add_argument("--out", required=True, type=Path, help="the zip to write, e.g. arkistobotti-teams.zip")
    package.add_argument("--template", type=Path, help="folder with manifest.json and the icons (default: deploy/teams of the source)")


def _package(args: argparse.Namespace) -> int:
    from bot.teams import PackageError, build_package
    from bot.teams.package import DEFAULT_TEMPLATE

    try:
        manifest = build_package(args.out, settings(), args.template or DEFAULT_TEMPLATE)
    except PackageError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliFailure(f"cannot write {args.out}: {exc.strerror or exc}") from None
    data = {"package": str(args.out), "id": manifest["id"], "version": manifest["version"], "validDomains": manifest.get("validDomains", [])}
    emit(args, data, f"Teams app package written to {args.out} (app id {manifest['id']}, version {manifest['version']})")
    return 0
