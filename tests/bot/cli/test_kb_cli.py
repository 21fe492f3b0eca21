"""``arkistobotti kb ...`` as the communications team and CI run it.

The main flows go through the installed console script in a child process (real
argv, stdin, stdout, exit status); the remaining commands call the same ``main``
in-process to keep the suite fast.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archiving.db import make_engine
from bot.cli.main import main
from knowledge.service import KnowledgeBase

FIXTURES = Path(__file__).resolve().parents[2] / "knowledge" / "fixtures"
SCRIPT = Path(sys.executable).with_name("arkistobotti")
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def env(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """SQLite only: publishing on PostgreSQL is covered by tests/knowledge/test_publishing.py."""
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", sqlite_url)
    return {"ARKISTOBOTTI_DATABASE_URL": sqlite_url, "PATH": str(SCRIPT.parent), "HOME": "/tmp", "USER": "viestinta"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURES / "kb", target)
    return target


def script(env: dict[str, str], *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *argv], input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_publish_refuses_an_invalid_article_as_bad_input(env: dict[str, str], folder: Path) -> None:
    pin = folder / "pin.md"
    pin.write_text(pin.read_text(encoding="utf-8").replace("Avaa lukitus", "<script>alert(1)</script> Avaa lukitus"), encoding="utf-8")
    bad = script(env, "kb", "publish", str(pin), "--json")
    assert bad.returncode == 2, bad.stderr  # the README: exit status 2 for bad input
    assert json.loads(bad.stdout)["published"] == [] and json.loads(bad.stdout)["errors"] == 1
    listed = {r["slug"] for r in json.loads(script(env, "kb", "list", "--json").stdout)}
    assert "pin" not in listed and len(listed) == 25  # nothing of it stored; the packaged instructions are there from the start


def test_check_reports_file_and_line_and_fails(env: dict[str, str], folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "kb", "check", str(folder)) == (0, "0 errors, 0 warnings\n", "")
    pin = folder / "pin.md"
    pin.write_text(pin.read_text(encoding="utf-8").replace("Avaa lukitus", "<script>alert(1)</script> Avaa lukitus"), encoding="utf-8")
    bad = script(env, "kb", "check", str(folder), "--json")
    assert bad.returncode == 1
    data = json.loads(bad.stdout)
    assert data["errors"] == 1 and data["articles"] == 6
    assert data["problems"] == [{"file": str(pin), "line": 20, "message": "raw HTML <script> is not allowed and would be removed", "severity": "error"}]


def test_publish_list_show_history_announce(env: dict[str, str], folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    published = script(env, "kb", "publish", str(folder), "--author", "viestinta@example.org", "--json")
    assert published.returncode == 0, published.stderr
    assert {(r["slug"], r["action"], r["number"]) for r in json.loads(published.stdout)["published"]} >= {("pin", "created", 1)}
    code, out, _ = run(capsys, "kb", "publish", str(folder))
    assert code == 0 and out.strip().endswith("0 of 6 articles changed")
    code, out, _ = run(capsys, "kb", "list", "--json")
    listed = {r["slug"]: (r["published"], r["draft_pending"]) for r in json.loads(out)}
    assert listed["kortti"] == (1, False) and listed["deski"] == (2, False)  # deski is also a packaged instruction (version 1)
    assert len(listed) == 25 + 5  # the packaged instructions count as published

    pin = folder / "pin.md"
    pin.write_text(pin.read_text(encoding="utf-8").replace("Kortti toimii taas", "Kortti toimii jälleen"), encoding="utf-8")
    code, out, _ = run(capsys, "kb", "publish", str(pin), "--draft", "--author", "toimittaja")
    assert code == 0 and out.startswith("pin: updated (version 2, draft)")
    code, out, _ = run(capsys, "kb", "history", "pin", "--json")
    assert [(v["number"], v["status"], v["author"]) for v in json.loads(out)] == [(2, "draft", "toimittaja"), (1, "published", "viestinta@example.org")]
    code, out, _ = run(capsys, "kb", "show", "pin")
    assert code == 0 and "Kortti toimii taas" in out  # users still get version 1
    code, out, _ = run(capsys, "kb", "show", "pin", "--version", "2")
    assert "Kortti toimii jälleen" in out
    code, out, _ = run(capsys, "kb", "announce", "pin", "--author", "viestinta", "--json")
    assert code == 0 and json.loads(out)["message"].startswith("Uusi ohje: PIN-koodi on lukossa.")
    code, out, _ = run(capsys, "kb", "announcements")
    assert "pin v1 waiting: Uusi ohje" in out


def test_match_reads_stdin_and_switches_to_published_versions(
    env: dict[str, str], folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = "Unohdin kortin PIN-koodin, mitä teen?\nhei\n\nmikä on palkkapäivä\n"
    packaged = script(env, "kb", "match", "--json", stdin=questions)
    assert packaged.returncode == 0, packaged.stderr
    lines = [json.loads(line) for line in packaged.stdout.splitlines()]
    assert [(d["question"], d["slug"]) for d in lines] == [
        ("Unohdin kortin PIN-koodin, mitä teen?", "pin-koodi"), ("hei", None), ("mikä on palkkapäivä", None),
    ]  # fmt: skip
    assert all(set(d) == {"question", "slug", "score", "alternatives"} for d in lines)
    assert run(capsys, "kb", "publish", str(folder), "--author", "a")[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("pin meni lukkoon\n"))
    code, out, _ = run(capsys, "kb", "match")
    assert out.split("\t")[0] == "pin"  # the fixture article now published, not the packaged one


def test_eval_prints_the_numbers_and_can_fail_a_build(env: dict[str, str], folder: Path, tmp_path: Path) -> None:
    labelled = tmp_path / "q.jsonl"
    rows = [{"q": "pin meni lukkoon", "slug": "pin"}, {"q": "miten lukitsen asiakirjan", "slug": "lukitus"},
            {"q": "kortin pin", "slug": "kortti"}, {"q": "mitä ruokalassa on", "slug": None}]  # fmt: skip
    labelled.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = script(env, "kb", "eval", str(labelled), "--articles", str(folder), "--json", "--min-accuracy", "0.9")
    data = json.loads(result.stdout)
    assert result.returncode == 1  # 2 of 3 is below 0.9
    assert (data["source"], data["top1_accuracy"], data["abstention_recall"]) == ("directory", 2 / 3, 1.0)
    assert [c["question"] for c in data["confusions"]] == ["kortin pin"]


def test_match_and_eval_never_print_a_henkilotunnus(env: dict[str, str], folder: Path, tmp_path: Path) -> None:
    code = "010190-900P"  # synthetic: the test range (900-999) with a valid check character
    text = script(env, "kb", "match", "--articles", str(folder), stdin=f"asiakkaan {code} pin meni lukkoon\n")
    as_json = script(env, "kb", "match", "--json", "--articles", str(folder), stdin=f"asiakas {code} ei löydy\n")
    labelled = tmp_path / "q.jsonl"
    labelled.write_text(json.dumps({"q": f"kortin pin {code}", "slug": "kortti"}) + "\n", encoding="utf-8")
    evaluated = script(env, "kb", "eval", str(labelled), "--articles", str(folder))
    for result in (text, as_json, evaluated):
        assert result.returncode == 0, result.stderr
        assert code not in result.stdout + result.stderr and "900P" not in result.stdout
    assert text.stdout.split("\t")[0] == "pin"  # matched on the whole question, shown without the code
    assert "kortin pin" in evaluated.stdout  # the confusion is still listed, its code removed


def test_gaps_and_errors(env: dict[str, str], folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engine = make_engine(env["ARKISTOBOTTI_DATABASE_URL"])
    kb = KnowledgeBase.from_directory(folder, engine=engine)
    kb.answer("Tulostin ei taaskaan toimi", now=NOW)
    kb.answer("tulostin ei toimi", now=NOW + dt.timedelta(minutes=1))
    engine.dispose()
    code, out, _ = run(capsys, "kb", "gaps", "--json")
    assert code == 0 and [(g["question"], g["count"]) for g in json.loads(out)] == [("tulostin ei toimi", 2)]
    code, out, _ = run(capsys, "kb", "gaps")
    assert "   2  tulostin ei toimi  (2 unanswered, 0 not helpful)" in out
    code, _, err = run(capsys, "kb", "show", "ei-ole")
    assert code == 2 and err.strip() == "arkistobotti: error: no article with slug 'ei-ole' has been published"
    code, _, err = run(capsys, "kb", "eval", str(folder / "ei-ole.jsonl"))
    assert code == 2 and "ei-ole.jsonl: No such file or directory" in err
    code, _, err = run(capsys, "kb", "announce", "pin", "--author", "a")
    assert code == 2 and "'pin' has no published version to announce" in err
