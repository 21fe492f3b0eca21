"""The Teams app package: the manifest from ``deploy/teams`` with our values, validated and zipped with its icons."""

from bot.teams.package import PackageError, build_package, manifest_values

__all__ = ["PackageError", "build_package", "manifest_values"]
