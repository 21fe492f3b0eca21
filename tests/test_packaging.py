"""The project builds as a wheel without deprecation warnings and carries what it needs at run time."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_license_is_an_spdx_expression() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "LicenseRef-Proprietary"  # a TOML table is deprecated by setuptools
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])  # 77 reads the SPDX form


@pytest.mark.slow
def test_the_wheel_builds_cleanly_with_the_manifest_schema_inside(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "deprecat" not in (built.stdout + built.stderr).lower(), built.stderr
    (wheel,) = tmp_path.glob("arkistobotti-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert "License-Expression: LicenseRef-Proprietary" in metadata
    assert "bot/teams/MicrosoftTeams.v1.17.schema.json" in names  # the product never reads ../shared
