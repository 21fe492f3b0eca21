"""The first start of a deployment: each long-running command on a new, empty database of both kinds.

The README promises that every start applies the migrations, so `db upgrade` or
`seed-demo` need not run first. These run the installed console script as an
operator would, each on a database that nothing has touched yet.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from archiving.db import make_engine, normalise_url
from bot.database import is_current

POSTGRES_URL = os.environ.get("ARKISTOBOTTI_TEST_POSTGRES_URL", "")
SCRIPT = shutil.which("arkistobotti", path=str(Path(sys.executable).parent)) or "arkistobotti"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a database that exists but is empty: a new SQLite file's path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'new' / 'arkistobotti.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("ARKISTOBOTTI_TEST_POSTGRES_URL is not set")
    name = f"arkistobotti_new_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(normalise_url(POSTGRES_URL)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _env(database_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARKISTOBOTTI_")}
    env["ARKISTOBOTTI_DATABASE_URL"] = database_url
    env["ARKISTOBOTTI_KANTA_SIM_DATABASE_URL"] = f"sqlite:///{tmp_path / 'new' / 'kanta-sim.db'}"
    env.update(extra)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[str], timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.communicate()[0]
                raise AssertionError(f"the server did not come up (exit {process.returncode}):\n{output}") from None
            time.sleep(0.2)


def _run_server(args: list[str], env: dict[str, str], url: str) -> tuple[int, str]:
    process = subprocess.Popen([SCRIPT, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        status = _wait_for(url, process)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    return status, output


def _migrated(url: str) -> bool:
    engine = make_engine(url, pool=False)
    try:
        return is_current(engine)
    finally:
        engine.dispose()


def test_serve_starts_on_a_new_database(new_database: str, tmp_path: Path) -> None:
    port = _free_port()
    env = _env(new_database, tmp_path, ARKISTOBOTTI_PORT=str(port))
    status, output = _run_server(["serve"], env, f"http://127.0.0.1:{port}/healthz")
    assert status == 200, output
    assert "error" not in output.lower(), output
    assert _migrated(new_database)


def test_serve_signs_login_links_on_a_new_database(new_database: str, tmp_path: Path) -> None:
    """The web pages' secret lives in the database: the server must create its table before reading it."""
    port = _free_port()
    env = _env(new_database, tmp_path, ARKISTOBOTTI_PORT=str(port))
    status, output = _run_server(["serve"], env, f"http://127.0.0.1:{port}/kirjaudu?t=forged.token")
    assert status in (200, 400, 403), output
    assert "no such table" not in output and "UndefinedTable" not in output, output


def test_chat_on_a_new_database_migrates_and_names_the_missing_worker(new_database: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [SCRIPT, "chat", "--worker", "demo"], env=_env(new_database, tmp_path), input="/q\n",
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "no active worker with id or channel user id 'demo'" in done.stderr
    assert "table" not in done.stderr
    assert _migrated(new_database)


def test_archive_work_on_a_new_database(new_database: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [SCRIPT, "archive", "work", "--until-empty"], env=_env(new_database, tmp_path), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "0 jobs handled" in done.stdout + done.stderr
    assert _migrated(new_database)


def test_kanta_sim_on_a_new_database(new_database: str, tmp_path: Path) -> None:
    port = _free_port()
    env = _env("sqlite:///unused.db", tmp_path, ARKISTOBOTTI_KANTA_SIM_DATABASE_URL=new_database)
    status, output = _run_server(["kanta-sim", "--port", str(port)], env, f"http://127.0.0.1:{port}/healthz")
    assert status == 200, output
    assert "error" not in output.lower(), output
