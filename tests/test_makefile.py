"""``make demo`` as a new user sees it: the demo's own lines, not the output it means to hide."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_shows_no_desk_schedule_output(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARKISTOBOTTI_")}
    env.update(
        ARKISTOBOTTI_DATABASE_URL=f"sqlite:///{tmp_path / 'demo.db'}",
        ARKISTOBOTTI_KANTA_SIM_DATABASE_URL=f"sqlite:///{tmp_path / 'kanta.db'}",
        ARKISTOBOTTI_PORT=str(port),
    )
    # the demo target without its install step, with this environment's console script
    process = subprocess.Popen(
        ["make", "-s", "-C", str(ROOT), "run-demo", f"BIN={Path(sys.executable).parent}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "the demo did not start"
                time.sleep(0.5)
    finally:
        process.terminate()
        output = process.communicate(timeout=60)[0]
    assert "demo district:" in output  # seed-demo says what it made
    assert not re.search(r"^created \d+, cancelled", output, re.M), output  # the desk schedule's summary is hidden
    assert not re.search(r"^#\d+\s+\d{4}-\d\d-\d\d ", output, re.M)  # and so is its listing
    assert f"listening on http://127.0.0.1:{port}/api/messages" in output
