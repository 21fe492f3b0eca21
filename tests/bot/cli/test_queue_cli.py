"""``arkistobotti archive work/status/verify`` and ``kanta-sim`` as an operator runs them."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete

from archiving.db import make_engine
from archiving.kanta.store import ArchiveStore
from archiving.kanta.tables import entries
from archiving.demo.loadgen import create_queued_district
from bot.cli.main import main

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def env(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "ARKISTOBOTTI_DATABASE_URL": sqlite_url,
        "ARKISTOBOTTI_KANTA_SIM_DATABASE_URL": f"sqlite:///{tmp_path / 'kanta.db'}",
        "ARKISTOBOTTI_QUEUE_BACKOFF_BASE_S": "0.01",
        "ARKISTOBOTTI_QUEUE_MAX_ATTEMPTS": "40",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ARKISTOBOTTI_KANTA_URL", raising=False)
    monkeypatch.delenv("ARKISTOBOTTI_KANTA_FAULT_RATE", raising=False)
    return values


def seed(env: dict[str, str], clients: int = 4) -> list[int]:
    engine = make_engine(env["ARKISTOBOTTI_DATABASE_URL"])
    district = create_queued_district(engine, clients=clients, documents_per_client=2, rng=random.Random(5), now=NOW)
    engine.dispose()
    return district.document_ids


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_work_verify(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "archive", "status", "--json")[1] == '{"documents": {}, "queue": {}}\n'
    ids = seed(env)
    code, out, _ = run(capsys, "archive", "status", "--json")
    assert json.loads(out) == {"documents": {"queued": len(ids)}, "queue": {"pending": len(ids)}}
    code, out, _ = run(capsys, "archive", "work", "--until-empty", "--batch", "5", "--json")
    result = json.loads(out)
    assert (
        code == 0
        and result["results"] == {"archived": len(ids)}
        and result["remaining"] == 0
        and result["batches"] >= 4
    )
    assert json.loads(run(capsys, "archive", "status", "--json")[1]) == {
        "documents": {"archived": len(ids)},
        "queue": {"done": len(ids)},
    }
    code, out, _ = run(capsys, "archive", "verify", "--json")
    assert code == 0 and json.loads(out) == {
        "ok": True,
        "archived": len(ids),
        "missing": [],
        "duplicates": [],
        "unknown": [],
        "mismatched": [],
    }
    code, out, _ = run(capsys, "archive", "verify")
    assert out.startswith(f"OK: {len(ids)} archived versions checked")


def test_verify_fails_with_status_1_when_the_archive_lost_something(
    env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    ids = seed(env, clients=1)
    run(capsys, "archive", "work", "--until-empty")
    store = ArchiveStore(env["ARKISTOBOTTI_KANTA_SIM_DATABASE_URL"], rng=random.Random(0))
    with store.engine.begin() as conn:
        conn.execute(delete(entries).where(entries.c.document_id == ids[-1]))
    store.close()
    code, out, _ = run(capsys, "archive", "verify", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["missing"][0]["document_id"] == ids[-1]


def test_bad_input_gets_a_clear_error_and_changes_nothing(
    env: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(env, clients=1)
    with pytest.raises(SystemExit) as exit_:
        main(["archive", "work", "--batch", "0"])
    assert exit_.value.code == 2 and "must be at least 1" in capsys.readouterr().err
    monkeypatch.setenv("ARKISTOBOTTI_KANTA_FAULT_RATE", "1.5")
    code, _, err = run(capsys, "archive", "work", "--until-empty")
    assert code == 2 and "ARKISTOBOTTI_KANTA_FAULT_RATE" in err
    monkeypatch.delenv("ARKISTOBOTTI_KANTA_FAULT_RATE")
    monkeypatch.setenv("ARKISTOBOTTI_KANTA_URL", f"http://127.0.0.1:{free_port()}")
    code, _, err = run(capsys, "archive", "verify")
    assert code == 2 and "cannot read the archive" in err
    monkeypatch.delenv("ARKISTOBOTTI_KANTA_URL")
    assert json.loads(run(capsys, "archive", "status", "--json")[1])["queue"] == {"pending": len(ids)}


def test_help_lists_the_queue_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["archive", "--help"])
    text = capsys.readouterr().out
    assert all(name in text for name in ("work", "status", "verify"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def kanta_sim(env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """``arkistobotti kanta-sim`` as its own process, with faults."""
    port = free_port()
    process_env = {**os.environ, **env, "ARKISTOBOTTI_KANTA_FAULT_RATE": "0.3", "ARKISTOBOTTI_KANTA_TIMEOUT_S": "0.5"}
    log = (tmp_path / "kanta-sim.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "kanta-sim", "--port", str(port), "--seed", "3"],
        env=process_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                assert json.loads(response.read()) == {"ok": True}
                break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "kanta-sim.log").read_text()
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)
    log.close()


def test_work_and_verify_through_kanta_sim(
    env: dict[str, str], kanta_sim: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seed(env)
    monkeypatch.setenv("ARKISTOBOTTI_KANTA_URL", kanta_sim)
    monkeypatch.setenv("ARKISTOBOTTI_KANTA_TIMEOUT_S", "0.5")
    code, out, _ = run(capsys, "archive", "work", "--until-empty", "--batch", "3", "--seed", "1", "--json")
    assert code == 0 and json.loads(out)["results"]["archived"] == len(ids)
    code, out, _ = run(capsys, "archive", "verify", "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_kanta_sim_refuses_a_bad_port(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "kanta-sim", "--port", "70000")
    assert code == 2 and "--port must be between 1 and 65535" in err


def test_kanta_sim_json_announces_one_object_once_it_listens(env: dict[str, str]) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "kanta-sim", "--port", str(port), "--json"],
        env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        announcement = json.loads(process.stdout.readline())
        assert announcement == {"listening": f"http://127.0.0.1:{port}", "fault_rate": 0.0, "latency_ms": 0}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # already listening
            assert json.loads(response.read()) == {"ok": True}
    finally:
        process.terminate()
        rest, err = process.communicate(timeout=20)
    assert rest == "" and "listening" not in err  # the human line is replaced, not added


def test_kanta_sim_on_a_port_in_use_is_a_one_line_error(env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "bot.cli.main", "kanta-sim", "--port", str(port), "--json"],
            env={**os.environ, **env}, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == f"arkistobotti: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
