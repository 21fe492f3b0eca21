"""The CLI against a database it cannot open, and ids no id column can hold: one English line, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from archiving.db import make_engine, normalise_url, transaction
from archiving.enums import Role
from bot.cli.main import main
from synthetic import add_organisation, add_worker

POSTGRES_URL = os.environ.get("ARKISTOBOTTI_TEST_POSTGRES_URL", "")
SECRET = "hunter2-never-printed"
OPEN_ERROR = "arkistobotti: error: cannot open the database given by ARKISTOBOTTI_DATABASE_URL: "


def _missing_database() -> object:
    """A database name the PostgreSQL test server does not have (its own credentials, so only the name is wrong)."""
    if not POSTGRES_URL:
        return pytest.param("", "", id="missing-database", marks=pytest.mark.skip(reason="ARKISTOBOTTI_TEST_POSTGRES_URL is not set"))
    url = make_url(normalise_url(POSTGRES_URL)).set(database="arkistobotti_no_such_database")
    return pytest.param(url.render_as_string(hide_password=False), 'database "arkistobotti_no_such_database" does not exist', id="missing-database")


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing from the caller's environment; the stand-in archive, were it ever opened, in a temp folder."""
    for key in list(os.environ):
        if key.startswith("ARKISTOBOTTI_") and key != "ARKISTOBOTTI_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)
    monkeypatch.setenv("ARKISTOBOTTI_KANTA_SIM_DATABASE_URL", f"sqlite:///{tmp_path / 'kanta-sim.db'}")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        pytest.param(f"postgresql://arkisto:{SECRET}@127.0.0.1:1/arkisto", "Connection refused", id="connection-refused"),
        pytest.param(f"postgresql://arkisto:{SECRET}@arkisto.invalid/arkisto", "arkisto.invalid", id="unknown-host"),
        pytest.param("sqlite:////proc/arkisto.db", "unable to open database file", id="sqlite-file-cannot-be-created"),
        pytest.param("sqlite:////proc/arkisto/arkisto.db", "No such file or directory", id="sqlite-folder-cannot-be-created"),
        _missing_database(),
    ],
)
def test_a_database_that_cannot_be_opened_is_one_line_and_exit_1(
    environment: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str, reason: str
) -> None:
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", url)
    code, out, err = run(capsys, "archive", "status")
    assert code == 1 and out == ""
    assert err.startswith(OPEN_ERROR) and err.count("\n") == 1 and reason in err, err
    assert SECRET not in err


@pytest.mark.parametrize(
    "argv",
    [
        ("db", "upgrade"),
        ("archive", "pending", "--worker", "demo"),
        ("archive", "work", "--until-empty"),
        ("codes", "list"),
        ("desk", "roster", "list"),
        ("desk", "tickets", "show", "1"),
        ("kb", "list"),
        ("web", "login-link", "--worker", "demo"),
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_every_command_reports_an_unreachable_database_the_same_way(
    environment: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", f"postgresql://arkisto:{SECRET}@127.0.0.1:1/arkisto")
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert err.startswith(OPEN_ERROR) and "Connection refused" in err and err.count("\n") == 1, err
    assert SECRET not in err
    assert not (environment / "kanta-sim.db").exists()


@pytest.mark.parametrize("argv", [("chat", "--worker", "demo"), ("serve", "--port")], ids=["chat", "serve"])
def test_chat_and_serve_report_an_unreachable_database_the_same_way(environment: Path, argv: tuple[str, ...]) -> None:
    """In a child process: both set up logging for the whole process."""
    env = {**os.environ, "ARKISTOBOTTI_DATABASE_URL": f"postgresql://arkisto:{SECRET}@127.0.0.1:1/arkisto"}
    if argv[-1] == "--port":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            argv = (*argv, str(probe.getsockname()[1]))
    out = subprocess.run([sys.executable, "-m", "bot.cli.main", *argv], env=env, capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stdout) == (1, "")
    assert "Traceback" not in out.stderr and SECRET not in out.stderr, out.stderr
    assert out.stderr.splitlines()[-1].startswith(OPEN_ERROR) and "Connection refused" in out.stderr


@pytest.fixture
def worker(environment: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """One worker (channel user id ``aad-testi``) in a fresh database of each backend."""
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", db_url)
    engine = make_engine(db_url)
    with transaction(engine) as session:
        unit = add_organisation(session, "2.999.40", [("2.999.40.1", "Aikuissosiaalityö, testiyksikkö", True)])["2.999.40.1"]
        worker_id = add_worker(session, "Testi Työntekijä", unit, [Role.WORKER], "aad-testi")
    engine.dispose()
    return worker_id


@pytest.mark.parametrize("huge", ["2147483648", "3000000000", "99999999999999999999"])
def test_ids_no_integer_column_can_hold_are_refused_before_the_database(
    worker: int, capsys: pytest.CaptureFixture[str], huge: str
) -> None:
    for argv in (
        ["archive", "show", "--worker", "aad-testi", huge],
        ["archive", "submit", "--worker", "aad-testi", huge],
        ["archive", "fix", "--worker", "aad-testi", huge, "--service-task", "10"],
        ["archive", "invalidate", "--worker", "aad-testi", huge, "--reason", "väärä asiakas"],
    ):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        assert f"argument DOC_ID: invalid id '{huge}' (expected a whole number from 1 to 2147483647)" in capsys.readouterr().err
    for argv in (["archive", "pending", "--worker", huge], ["archive", "show", "--worker", huge, "1"]):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        assert err == f"arkistobotti: error: no active worker with id or channel user id '{huge}'\n"


def test_a_worker_is_still_named_by_id_or_channel_user_id(worker: int, capsys: pytest.CaptureFixture[str]) -> None:
    for reference in (str(worker), "aad-testi", f" {worker} "):
        assert run(capsys, "archive", "pending", "--worker", reference, "--json") == (0, "[]\n", "")
