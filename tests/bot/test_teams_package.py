"""``arkistobotti teams package``: the manifest with this deployment's values, valid for Teams, zipped with its icons."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.teams.package import DEFAULT_TEMPLATE, SCHEMA_FILE
from cardcheck import SCHEMAS

APP_ID = "6f2c3b1e-8a4d-4c6e-9b1a-2d3e4f5a6b7c"
ENV = {
    "ARKISTOBOTTI_MICROSOFT_APP_ID": APP_ID,
    "ARKISTOBOTTI_MICROSOFT_APP_PASSWORD": "salaisuus",
    "ARKISTOBOTTI_PUBLIC_BASE_URL": "https://arkistobotti.hyvinvointialue.example.fi",
    "ARKISTOBOTTI_TEAMS_PRIVACY_URL": "https://hyvinvointialue.example.fi/tietosuoja",
    "ARKISTOBOTTI_TEAMS_TERMS_URL": "https://hyvinvointialue.example.fi/kayttoehdot",
}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    return ENV


def test_the_package_has_our_values_the_schema_key_and_the_icons(env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "arkistobotti-teams.zip"
    assert main(["teams", "package", "--out", str(out)]) == 0
    assert f"Teams app package written to {out}" in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("color.png") == (DEFAULT_TEMPLATE / "color.png").read_bytes()
    assert manifest["$schema"] == "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
    assert "" not in manifest  # a plain envsubst turns the "$schema" key into an empty one
    assert manifest["id"] == manifest["bots"][0]["botId"] == APP_ID
    assert manifest["validDomains"] == ["arkistobotti.hyvinvointialue.example.fi"]
    assert manifest["developer"]["privacyUrl"] == env["ARKISTOBOTTI_TEAMS_PRIVACY_URL"]
    assert manifest["developer"]["termsOfUseUrl"] == env["ARKISTOBOTTI_TEAMS_TERMS_URL"]
    assert manifest["developer"]["websiteUrl"] == "https://arkistobotti.hyvinvointialue.example.fi/ohjeet/deski"
    assert "${" not in json.dumps(manifest)


@pytest.mark.skipif(not SCHEMAS.exists(), reason="../shared is not beside the project")
def test_the_packaged_schema_is_microsofts(env: dict[str, str], tmp_path: Path) -> None:
    import jsonschema

    assert SCHEMA_FILE.read_bytes() == (SCHEMAS / "MicrosoftTeams.v1.17.schema.json").read_bytes()
    out = tmp_path / "t.zip"
    assert main(["teams", "package", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    schema = json.loads((SCHEMAS / "MicrosoftTeams.v1.17.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(manifest)


def test_missing_settings_are_named_and_nothing_is_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for key in ENV:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("ARKISTOBOTTI_PUBLIC_BASE_URL", "http://127.0.0.1:3978")
    out = tmp_path / "t.zip"
    assert main(["teams", "package", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    for name in ("ARKISTOBOTTI_MICROSOFT_APP_ID", "ARKISTOBOTTI_TEAMS_PRIVACY_URL", "ARKISTOBOTTI_TEAMS_TERMS_URL", "ARKISTOBOTTI_PUBLIC_BASE_URL"):
        assert name in error
    assert list(tmp_path.iterdir()) == []


def _template(tmp_path: Path, change: dict[str, object]) -> Path:
    folder = tmp_path / "teams"
    shutil.copytree(DEFAULT_TEMPLATE, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(change)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder


def test_new_manifest_parts_need_no_builder_change(env: dict[str, str], tmp_path: Path) -> None:
    tabs = [{"entityId": "deski", "name": "Deski", "contentUrl": "${PUBLIC_BASE_URL}/deski", "scopes": ["personal"]}]
    out = tmp_path / "t.zip"
    assert main(["teams", "package", "--out", str(out), "--template", str(_template(tmp_path, {"staticTabs": tabs}))]) == 0
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("manifest.json"))["staticTabs"][0]["contentUrl"] == f"{env['ARKISTOBOTTI_PUBLIC_BASE_URL']}/deski"


def test_an_unknown_variable_or_a_manifest_teams_refuses_is_an_error(env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.zip"
    unknown = _template(tmp_path / "a", {"accentColor": "${ACCENT}"})
    assert main(["teams", "package", "--out", str(out), "--template", str(unknown)]) == 2
    assert "unknown variables: ACCENT" in capsys.readouterr().err
    too_long = _template(tmp_path / "b", {"name": {"short": "Arkistobotti" * 4, "full": "Arkistobotti"}})
    assert main(["teams", "package", "--out", str(out), "--template", str(too_long)]) == 2
    error = capsys.readouterr().err
    assert "does not pass the Teams manifest schema" in error and "name/short" in error
    assert not out.exists()


def test_the_example_environment_names_what_the_package_needs() -> None:
    example = (DEFAULT_TEMPLATE.parent / "systemd" / "arkistobotti.env.example").read_text(encoding="utf-8")
    for name in ("ARKISTOBOTTI_MICROSOFT_APP_ID", "ARKISTOBOTTI_PUBLIC_BASE_URL", "ARKISTOBOTTI_TEAMS_PRIVACY_URL", "ARKISTOBOTTI_TEAMS_TERMS_URL"):
        assert f"\n{name}=" in example, name
