"""The real console script against a temp SQLite file: archive, codes and seed-demo commands."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("arkistobotti")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A small demo district seeded once through the real CLI."""
    folder = tmp_path_factory.mktemp("cli")
    env = dict(os.environ)
    env["ARKISTOBOTTI_DATABASE_URL"] = f"sqlite:///{folder / 'arkisto.db'}"
    env["ARKISTOBOTTI_KANTA_SIM_DATABASE_URL"] = f"sqlite:///{folder / 'kanta.db'}"
    env.pop("ARKISTOBOTTI_KANTA_URL", None)
    out = run(env, "seed-demo", "--documents", "150", "--clients", "30", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["documents"]["client"] == 150 and "sent to the archive" in out.stderr
    env["DB_FILE"] = str(folder / "arkisto.db")
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120)


def rows(env: dict[str, str]) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(env["DB_FILE"]) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def pending(env: dict[str, str]) -> list[dict[str, object]]:
    out = run(env, "archive", "pending", "--worker", "demo", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_pending_json_shape(demo: dict[str, str]) -> None:
    items = pending(demo)
    assert {i["status"] for i in items} == {"completed", "locked", "queued", "failed", "corrected"}
    for item in items:
        assert isinstance(item["id"], int) and isinstance(item["status"], str)
        assert all(isinstance(p, str) for p in item["problems"])
    problems = {p for i in items for p in i["problems"]}
    assert "document type 11002 needs at least one social service" in problems
    text = run(demo, "archive", "pending", "--worker", "demo")
    assert text.returncode == 0 and "pending document(s)" in text.stdout


def test_submit_and_fix(demo: dict[str, str]) -> None:
    items = pending(demo)
    clean = next(i for i in items if i["status"] == "locked" and not i["problems"])
    out = run(demo, "archive", "submit", "--worker", "demo", str(clean["id"]), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["queued"][0]["id"] == clean["id"]
    broken = next(i for i in items if "document type 11002 needs at least one social service" in i["problems"])
    out = run(demo, "archive", "fix", "--worker", "demo", str(broken["id"]), "--social-service", "46", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["changes"] == {"social_services": [[], ["46"]]}
    rejected = next(i for i in items if i["status"] == "failed" and "UNKNOWN_SERVICE_UNIT" in str(i["problems"]))
    out = run(demo, "archive", "fix", "--worker", "demo", str(rejected["id"]), "--service-unit", "2.999.1.10.1")
    assert out.returncode == 0 and "(queued)" in out.stdout, out.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("archive", "submit", "--worker", "demo", "99999999"), "document 99999999 was not found"),
        (("archive", "pending", "--worker", "nobody"), "no active worker"),
        (("archive", "fix", "--worker", "demo", "1", "--service-task", "10"), "was not found"),  # someone else's record
        (("archive", "fix", "--worker", "demo-arkistonhoitaja", "1", "--service-task", "424242"), "unknown service task 424242"),
        (("archive", "fix", "--worker", "demo-arkistonhoitaja", "1", "--social-service", "46"), "relationship and case documents carry no social service"),
        (("codes", "import", "/nonexistent/file.csv"), "cannot read"),
    ],
)
def test_errors_are_english_exit_2_and_change_nothing(demo: dict[str, str], args: tuple[str, ...], message: str) -> None:
    before = rows(demo)
    out = run(demo, *args)
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.startswith("arkistobotti: error: ")
    assert rows(demo) == before


def test_illegal_transition_in_english(demo: dict[str, str]) -> None:
    queued = next(i for i in pending(demo) if i["status"] == "queued")
    before = rows(demo)
    out = run(demo, "archive", "submit", "--worker", "demo", str(queued["id"]))
    assert out.returncode == 2 and "cannot submit a document in state 'queued'" in out.stderr
    assert rows(demo) == before


def test_codes_import_and_list(demo: dict[str, str], tmp_path: Path) -> None:
    good = tmp_path / "tehtavat.csv"
    good.write_text("CodeId;LongName;OID\n41;Testitehtävä;1.2.246.537.6.1221\n", encoding="utf-8")
    out = run(demo, "codes", "import", str(good), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["counts"]["codes"]["inserted"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("CodeId;LongName;OID\n42;Hyvä;1.2.246.537.6.1221\n;Huono;1.2.246.537.6.1221\n", encoding="utf-8")
    before = rows(demo)
    out = run(demo, "codes", "import", str(bad))
    assert out.returncode == 2 and "line 3, column 'CodeId'" in out.stderr
    assert rows(demo) == before
    listed = json.loads(run(demo, "codes", "list", "--json").stdout)
    assert {c["code"] for c in listed["service-task"]} == {"10", "15", "20", "41"}
    assert len(listed["document-type"]) == 202 and listed["pairs"]


def test_seed_demo_if_empty_is_a_no_op(demo: dict[str, str]) -> None:
    before = rows(demo)
    out = run(demo, "seed-demo", "--if-empty", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["skipped"] is True
    again = run(demo, "seed-demo")
    assert again.returncode == 2 and "already has data" in again.stderr
    assert rows(demo) == before


def test_fix_takes_several_social_services_after_one_flag_or_the_flag_repeated(demo: dict[str, str]) -> None:
    doc = next(i for i in pending(demo) if i["status"] == "completed" and i["kind"] == "client" and not i["problems"]
               and i["service_task"]["code"] == "10")  # fmt: skip
    before = [s["code"] for s in doc["social_services"]]  # type: ignore[union-attr]
    out = run(demo, "archive", "fix", "--worker", "demo", str(doc["id"]), "--social-service", "24", "31", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["changes"] == {"social_services": [before, ["24", "31"]]}
    out = run(demo, "archive", "fix", "--worker", "demo", str(doc["id"]), "--social-service", "2", "--social-service", "24", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["changes"] == {"social_services": [["24", "31"], ["2", "24"]]}
    usage = run(demo, "archive", "fix", "--help").stdout
    assert "--worker WORKER DOC_ID [--service-task CODE] [--social-service CODE [CODE ...]]" in usage
    assert "one or more codes after one flag" in usage


@pytest.mark.parametrize("huge", ["99999999999999999999", "2147483648", "0"])
@pytest.mark.parametrize(
    "command",
    [
        ("archive", "show", "--worker", "demo", "{id}"),
        ("archive", "submit", "--worker", "demo", "{id}"),
        ("archive", "fix", "--worker", "demo", "{id}", "--service-task", "10"),
        ("archive", "invalidate", "--worker", "demo", "{id}", "--reason", "väärä asiakas"),
    ],
)
def test_a_document_id_no_id_column_can_hold_is_a_usage_error(demo: dict[str, str], command: tuple[str, ...], huge: str) -> None:
    before = rows(demo)
    out = run(demo, *(part.format(id=huge) for part in command))
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert f"argument DOC_ID: invalid id '{huge}' (expected a whole number from 1 to 2147483647)" in out.stderr
    assert rows(demo) == before


def test_a_worker_number_no_id_column_can_hold_names_nobody(demo: dict[str, str]) -> None:
    before = rows(demo)
    out = run(demo, "archive", "pending", "--worker", "99999999999999999999")
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr == "arkistobotti: error: no active worker with id or channel user id '99999999999999999999'\n"
    assert rows(demo) == before


def test_pending_json_offers_no_lock_or_send_while_a_problem_blocks(demo: dict[str, str]) -> None:
    items = pending(demo)
    blocked = [i for i in items if any(p["blocking"] for p in i["problem_details"])]  # type: ignore[index, union-attr]
    assert {i["status"] for i in blocked} >= {"completed", "locked"}
    for item in blocked:
        assert not {"lock", "submit"} & set(item["actions"]), item  # type: ignore[arg-type]
        assert item["next_step_fi"].startswith("Korjaa"), item["next_step_fi"]  # type: ignore[union-attr]
    clean = [i for i in items if i["status"] == "completed" and not any(p["blocking"] for p in i["problem_details"])]  # type: ignore[index, union-attr]
    assert clean and all(i["next_step_fi"] == "Lukitse ja arkistoi asiakirja." and "submit" in i["actions"] for i in clean)  # type: ignore[operator]


def test_json_is_indented_on_a_terminal_and_one_line_in_a_pipe(demo: dict[str, str]) -> None:
    import pty

    piped = run(demo, "archive", "pending", "--worker", "demo", "--json")
    assert piped.stdout.count("\n") == 1
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([str(SCRIPT), "archive", "pending", "--worker", "demo", "--json"], env=demo, stdout=follower, stderr=subprocess.PIPE)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the program exits
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) == 0
    finally:
        os.close(leader)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert shown.count("\n") > len(json.loads(shown)) * 10  # one field a line
    assert json.loads(shown) == json.loads(piped.stdout)


@pytest.mark.parametrize(
    "codes",
    [
        ("--social-service", ""),
        ("--social-service", "24", ""),
        ("--social-service", "  "),
        ("--service-task", ""),
        ("--service-unit", ""),
        ("--service-task", "1\t0"),
    ],
)
def test_an_empty_code_is_exit_2_and_changes_nothing(demo: dict[str, str], codes: tuple[str, ...]) -> None:
    """Issue 9, finding 8: ``archive fix --social-service ""`` exited 0 and removed the document's social service."""
    doc = next(i for i in pending(demo) if i["status"] == "completed" and i["kind"] == "client" and i["social_services"])
    before = rows(demo)
    out = run(demo, "archive", "fix", "--worker", "demo", str(doc["id"]), *codes)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert f"argument {codes[0]}: invalid code" in out.stderr
    assert rows(demo) == before


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (("--social-service", "99999"), "unknown social service 99999"),
        (("--service-task", "424242"), "unknown service task 424242"),
        (("--service-unit", "2.999.404.1"), "unknown service unit 2.999.404.1"),
    ],
)
def test_an_unknown_code_is_exit_2_and_changes_nothing(demo: dict[str, str], codes: tuple[str, ...], message: str) -> None:
    doc = next(i for i in pending(demo) if i["status"] == "completed" and i["kind"] == "client" and i["social_services"])
    before = rows(demo)
    out = run(demo, "archive", "fix", "--worker", "demo", str(doc["id"]), *codes)
    assert out.returncode == 2 and message in out.stderr and out.stderr.startswith("arkistobotti: error: "), out.stderr
    assert rows(demo) == before
