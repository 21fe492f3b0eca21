"""The Teams app package in deploy/teams: a manifest Teams accepts and icons of the required sizes."""

from __future__ import annotations

import json
import struct
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def png_size(path: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height, _depth, colour_type = struct.unpack(">IIBB", data[16:26])
    return width, height, colour_type


def test_manifest_is_a_personal_bot_with_the_app_id_placeholder() -> None:
    manifest = json.loads((DEPLOY / "teams" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifestVersion"] >= "1.17" and manifest["$schema"].endswith("/v1.17/MicrosoftTeams.schema.json")
    (bot,) = manifest["bots"]
    assert bot["botId"] == manifest["id"] == "${MICROSOFT_APP_ID}"
    assert bot["scopes"] == ["personal"]
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "fi-FI"
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000
    assert all(len(c["title"]) <= 32 for c in bot["commandLists"][0]["commands"])
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_icons_have_the_sizes_teams_requires() -> None:
    assert png_size(DEPLOY / "teams" / "color.png") == (192, 192, 6)
    assert png_size(DEPLOY / "teams" / "outline.png") == (32, 32, 6)  # RGBA: white on transparent
