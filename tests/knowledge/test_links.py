"""Links in cards and pages lead to http(s) addresses and our own instruction pages only.

A link spelled across a code span or an inline tag (``\\`[evil]\\`(javascript:…)``,
``<abbr>[evil]</abbr>(javascript:…)``) used to pass ``kb check``, publish, and come
out of the card renderer as ``[evil](javascript:…)``, which Teams reads as a link.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from kbkit import BODY_LINE, FIXTURE_KB, write_article

from bot.cli.main import main as cli_main
from knowledge.articles import read_article
from knowledge.cards import only_web_links, render_card
from knowledge.checks import check_directory
from knowledge.problems import ERROR
from knowledge.rendering import render_html

SPLIT_LINKS = [
    "`[evil]`(javascript:alert(1))",
    '<abbr title="x">[evil]</abbr>(javascript:alert(1))',
    "`[evil]`(data:text/html,x)",
    "[evil]<b></b>(javascript:alert(1))",
    "<kbd>[evil]</kbd>(vbscript:x)",
    "<abbr>[evil</abbr>](javascript:alert(1))",
    "`[evil](mailto:x@example.org)`",
]
CARD_LINK = re.compile(r"\]\(([^)\s]*)")


def _card_targets(card: object) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and key in ("text", "title", "value"):
                    found.extend(CARD_LINK.findall(value))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


@pytest.mark.parametrize("line", SPLIT_LINKS)
def test_kb_check_refuses_a_link_split_by_code_or_tags_with_its_line(tmp_path: Path, line: str) -> None:
    write_article(tmp_path, "yksi", f"# Yksi\n\nTurvallinen kappale.\n\nKatso {line} nyt.\n")
    problems = [p for p in check_directory(tmp_path).problems if p.severity == ERROR]
    assert problems and {p.line for p in problems} == {BODY_LINE + 4}, problems
    assert all(Path(p.file).name == "yksi.md" for p in problems)


@pytest.mark.parametrize("line", SPLIT_LINKS)
def test_the_card_carries_no_link_but_http_whatever_the_source(tmp_path: Path, line: str) -> None:
    path = write_article(tmp_path, "yksi", f"# Yksi\n\nKatso {line} ja [oikea](https://example.org/ohje) sekä [toinen](kaksi.md).\n")
    parsed, _ = read_article(path)
    assert parsed is not None  # read without the checks: the renderer must hold on its own
    card = render_card(parsed.article, "https://bot.example.invalid")
    targets = _card_targets(card)
    assert "https://example.org/ohje" in targets and "https://bot.example.invalid/ohjeet/kaksi" in targets
    assert all(t.startswith(("https://", "http://")) for t in targets), targets
    assert "evil" in str(card)  # the text itself is still shown
    assert 'href="javascript' not in render_html(parsed.article).lower()


def test_only_web_links_breaks_every_other_target() -> None:
    assert only_web_links("[a](https://x.example) [b](javascript:x) [c](Https://y.example)") == "[a](https://x.example) [b] (javascript:x) [c](Https://y.example)"
    assert only_web_links("ei linkkejä") == "ei linkkejä"


def test_kb_check_refuses_a_henkilotunnus_in_body_and_front_matter(tmp_path: Path) -> None:
    path = write_article(tmp_path, "yksi", "# Yksi\n\nEsimerkki: 131052\u2013308T.\n")
    path.write_text(path.read_text(encoding="utf-8").replace("  - Kysymys kolme?", "  - Kysymys 010594Y9032?"), encoding="utf-8")
    problems = [p for p in check_directory(tmp_path).problems if p.severity == ERROR and "henkilötunnus" in p.message]
    assert {p.line for p in problems} == {BODY_LINE + 2, 10}


def test_kb_publish_refuses_the_split_link_and_publishes_nothing(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", sqlite_url)
    path = write_article(tmp_path, "yksi", f"# Yksi\n\nKatso {SPLIT_LINKS[0]} nyt.\n")
    code = cli_main(["kb", "publish", str(path), "--json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == 2 and report["published"] == []  # bad input: nothing published
    assert [(Path(p["file"]).name, p["line"]) for p in report["problems"]] == [("yksi.md", BODY_LINE + 2)]
    assert "javascript:alert(1)" in report["problems"][0]["message"]
    assert cli_main(["kb", "list", "--json"]) == 0
    assert "yksi" not in {row["slug"] for row in json.loads(capsys.readouterr().out)}


def test_the_fixture_and_packaged_articles_still_pass() -> None:
    assert check_directory(FIXTURE_KB).ok
