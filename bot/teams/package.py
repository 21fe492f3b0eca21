"""Building the Teams app package (manifest.json and its icons in one zip) from the template in ``deploy/teams``.

The template's string values name our variables as ``${NAME}``; only those are
replaced, and only inside values, so the manifest's ``$schema`` key and anything
else with a dollar sign stay as they are (a plain ``envsubst`` empties them). The
values come from the settings. Which files go into the zip is read from the
manifest itself (its ``icons``), so new manifest parts need no change here
unless they bring a new variable, which then fails loudly until it is added to
:func:`manifest_values`. The result is checked against Microsoft's manifest
schema (a copy in this package, see ``SCHEMA_SOURCE.md``) before it is written.
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.settings import Settings

SCHEMA_FILE = Path(__file__).with_name("MicrosoftTeams.v1.17.schema.json")
# the source tree's template; an installed copy without it is given --template
DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "teams"
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
ICON_SIZES = {"color": (192, 192), "outline": (32, 32)}  # what Teams requires of the two icons


class PackageError(ValueError):
    """The package cannot be built: a missing setting, an unknown variable or a manifest Teams would refuse."""


def manifest_values(settings: Settings) -> dict[str, str | None]:
    """Every variable a manifest template may use, from the settings (None: not configured)."""
    host = urlsplit(settings.public_base_url).hostname
    return {
        "MICROSOFT_APP_ID": settings.microsoft_app_id,
        "PUBLIC_BASE_URL": settings.public_base_url,
        "PUBLIC_HOSTNAME": host if host and settings.public_base_url.startswith("https://") else None,
        "PRIVACY_URL": settings.teams_privacy_url,
        "TERMS_URL": settings.teams_terms_url,
    }


# the environment variable that sets each value, for error messages
SOURCES = {
    "MICROSOFT_APP_ID": "ARKISTOBOTTI_MICROSOFT_APP_ID",
    "PUBLIC_BASE_URL": "ARKISTOBOTTI_PUBLIC_BASE_URL",
    "PUBLIC_HOSTNAME": "ARKISTOBOTTI_PUBLIC_BASE_URL (an https:// address; its host name)",
    "PRIVACY_URL": "ARKISTOBOTTI_TEAMS_PRIVACY_URL",
    "TERMS_URL": "ARKISTOBOTTI_TEAMS_TERMS_URL",
}


def substitute(node: Any, values: dict[str, str | None], missing: set[str], unknown: set[str]) -> Any:
    """``node`` with ``${NAME}`` replaced in every string value (keys are left alone)."""
    if isinstance(node, dict):
        return {key: substitute(value, values, missing, unknown) for key, value in node.items()}
    if isinstance(node, list):
        return [substitute(item, values, missing, unknown) for item in node]
    if not isinstance(node, str):
        return node

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            unknown.add(name)
            return match.group(0)
        value = values[name]
        if value is None:
            missing.add(name)
            return match.group(0)
        return value

    return _VARIABLE.sub(replace, node)


def _schema_errors(manifest: dict[str, Any]) -> list[str]:
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(manifest)]


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def build_manifest(template: Path, settings: Settings) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The finished manifest and the files it names (by their names in the zip); :class:`PackageError` if not possible."""
    source = template / "manifest.json"
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"no manifest template at {source} (give --template DIR, the deploy/teams folder of the source)") from None
    except ValueError as exc:
        raise PackageError(f"{source} is not valid JSON: {exc}") from None
    missing: set[str] = set()
    unknown: set[str] = set()
    manifest = substitute(raw, manifest_values(settings), missing, unknown)
    if unknown:
        raise PackageError(f"the template uses unknown variables: {', '.join(sorted(unknown))}")
    if missing:
        needed = dict.fromkeys(SOURCES[name] for name in sorted(missing))
        raise PackageError("set " + ", ".join(needed) + " to build the Teams package")
    errors = _schema_errors(manifest)
    if errors:
        raise PackageError("the manifest does not pass the Teams manifest schema:\n  " + "\n  ".join(errors[:20]))
    files: dict[str, bytes] = {}
    for role, name in (manifest.get("icons") or {}).items():
        path = template / name
        if not path.is_file() or Path(name).name != name:
            raise PackageError(f"icon {role!r}: no file {name!r} beside the manifest")
        data = path.read_bytes()
        wanted = ICON_SIZES.get(role)
        if wanted and _png_size(data) != wanted:
            raise PackageError(f"icon {role!r} ({name}) must be a {wanted[0]}x{wanted[1]} PNG")
        files[name] = data
    return manifest, files


def build_package(out: Path, settings: Settings, template: Path = DEFAULT_TEMPLATE) -> dict[str, Any]:
    """Write the zip Teams admin center takes: manifest.json and the icons at its top level. Returns the manifest."""
    manifest, files = build_manifest(template, settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        for name, data in files.items():
            archive.writestr(name, data)
    partial.replace(out)  # nothing half-written under the asked name
    return manifest
