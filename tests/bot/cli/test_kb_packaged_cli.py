"""``kb publish`` of one changed packaged instruction on a fresh database (only ``db upgrade`` has run)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from knowledge.service import ARTICLES_DIR

SCRIPT = Path(sys.executable).with_name("arkistobotti")


def test_publishing_one_file_that_links_to_packaged_instructions(sqlite_url: str, tmp_path: Path) -> None:
    env = {"ARKISTOBOTTI_DATABASE_URL": sqlite_url, "PATH": str(SCRIPT.parent), "HOME": "/tmp", "USER": "viestinta"}
    edited = tmp_path / "deski.md"
    text = (ARTICLES_DIR / "deski.md").read_text(encoding="utf-8")
    edited.write_text(text.replace("Osallistuminen on vapaaehtoista.", "Osallistuminen on täysin vapaaehtoista.", 1), encoding="utf-8")
    run = subprocess.run([str(SCRIPT), "kb", "publish", str(edited), "--json"], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [(r["slug"], r["action"], r["number"]) for r in json.loads(run.stdout)["published"]] == [("deski", "updated", 2)]
    listed = subprocess.run([str(SCRIPT), "kb", "list", "--json"], capture_output=True, text=True, env=env, timeout=120, check=True)
    assert len(json.loads(listed.stdout)) == 25  # publishing one file never hides the other instructions
