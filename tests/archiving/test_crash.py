"""Crash test: ``archive work`` is SIGKILLed again and again mid-drain against a faulty kanta-sim.

The archive runs as its own process, so it survives the kills; the workers are
real ``arkistobotti archive work`` processes on a SQLite file. After the last
restart drains the queue, ``archive verify`` must find every document archived
exactly once per version.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlmodel import func, select

from archiving.db import make_engine, read_only
from archiving.enums import JobState
from archiving.kanta.store import ArchiveStore
from archiving.demo.loadgen import create_queued_district
from archiving.models import ArchiveJob

pytestmark = pytest.mark.slow

CLIENTS, PER_CLIENT = 100, 3
KILLS = 4


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "bot.cli.main", *args]


def _unfinished(url: str) -> int:
    engine = make_engine(url, pool=False)
    with read_only(engine) as session:
        n = session.exec(select(func.count()).select_from(ArchiveJob).where(ArchiveJob.state != JobState.DONE)).one()
    engine.dispose()
    return int(n)


def test_sigkilled_workers_leave_every_version_archived_exactly_once(sqlite_url: str, tmp_path: Path) -> None:
    engine = make_engine(sqlite_url, pool=False)
    district = create_queued_district(
        engine, clients=CLIENTS, documents_per_client=PER_CLIENT, rng=random.Random(11), now=dt.datetime.now(dt.UTC)
    )
    engine.dispose()
    total = len(district.document_ids)
    port = _free_port()
    env = {
        **os.environ,
        "ARKISTOBOTTI_DATABASE_URL": sqlite_url,
        "ARKISTOBOTTI_KANTA_SIM_DATABASE_URL": f"sqlite:///{tmp_path / 'kanta.db'}",
        "ARKISTOBOTTI_KANTA_FAULT_RATE": "0.25",
        "ARKISTOBOTTI_KANTA_LATENCY_MS": "30",
        "ARKISTOBOTTI_KANTA_TIMEOUT_S": "0.4",
        "ARKISTOBOTTI_QUEUE_LEASE_S": "1",
        "ARKISTOBOTTI_QUEUE_BACKOFF_BASE_S": "0.05",
        "ARKISTOBOTTI_QUEUE_BACKOFF_CAP_S": "0.5",
        "ARKISTOBOTTI_QUEUE_MAX_ATTEMPTS": "200",
    }
    sim_log = (tmp_path / "kanta-sim.log").open("w")
    sim = subprocess.Popen(
        _cli("kanta-sim", "--port", str(port), "--seed", "5"), env=env, stdout=sim_log, stderr=subprocess.STDOUT
    )
    env["ARKISTOBOTTI_KANTA_URL"] = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(env["ARKISTOBOTTI_KANTA_URL"] + "/healthz", timeout=1).close()
                break
            except OSError:
                assert sim.poll() is None and time.monotonic() < deadline, (tmp_path / "kanta-sim.log").read_text()
                time.sleep(0.1)
        rng = random.Random(3)
        killed_mid_drain = 0
        for _ in range(KILLS):
            before = _unfinished(sqlite_url)
            worker = subprocess.Popen(
                _cli("archive", "work", "--until-empty", "--batch", "20"),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started = time.monotonic()
            while _unfinished(sqlite_url) == before and worker.poll() is None and time.monotonic() - started < 30:
                time.sleep(0.05)  # wait until this worker has committed a batch: it is mid-drain now
            time.sleep(rng.uniform(0.05, 0.4))
            if worker.poll() is None and _unfinished(sqlite_url) > 0:
                killed_mid_drain += 1
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
        assert killed_mid_drain >= 3, "the queue drained too fast for the kills to land mid-drain"
        final = subprocess.run(
            _cli("archive", "work", "--until-empty", "--json"), env=env, capture_output=True, text=True, timeout=240
        )
        assert final.returncode == 0, final.stderr
        verify = subprocess.run(
            _cli("archive", "verify", "--json"), env=env, capture_output=True, text=True, timeout=60
        )
        assert verify.stdout, verify.stderr
        report = json.loads(verify.stdout)
        assert report == {
            "ok": True,
            "archived": total,
            "missing": [],
            "duplicates": [],
            "unknown": [],
            "mismatched": [],
        }
        assert verify.returncode == 0
        status = json.loads(
            subprocess.run(_cli("archive", "status", "--json"), env=env, capture_output=True, text=True).stdout
        )
        assert status == {"documents": {"archived": total}, "queue": {"done": total}}
    finally:
        sim.terminate()
        sim.wait(10)
        sim_log.close()
    store = ArchiveStore(env["ARKISTOBOTTI_KANTA_SIM_DATABASE_URL"], rng=random.Random(0))
    assert store.count() == total  # one entry per version, however often it was sent
    store.close()
