"""``kb check`` over a folder: duplicates, related slugs, links and unsafe HTML, with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbkit import BODY_LINE, FIXTURE_KB, FIXTURES, article_text, write_article

from knowledge.checks import check_directory, check_files
from knowledge.problems import ERROR, WARNING
from knowledge.safety import classify_url, is_http_url


def found(directory: Path) -> set[tuple[str, int, str]]:
    """The errors (not warnings) of a folder as (file name, line, message)."""
    return {(Path(p.file).name, p.line, p.message) for p in check_directory(directory).problems if p.severity == ERROR}


def test_the_fixture_knowledge_base_passes() -> None:
    result = check_directory(FIXTURE_KB)
    assert result.ok and result.problems == []
    assert sorted(a.slug for a in result.articles) == ["deski", "kortti", "lukitus", "mitatointi", "pin", "yksikko"]


def test_the_real_articles_pass() -> None:
    result = check_directory(Path(__file__).resolve().parents[2] / "knowledge" / "articles")
    assert [str(p) for p in result.problems if p.severity == ERROR] == []
    assert len(result.articles) == 25


def test_missing_and_empty_directories(tmp_path: Path) -> None:
    assert found(tmp_path / "ei-ole") == {("ei-ole", 1, "no such directory")}
    assert found(tmp_path) == {(tmp_path.name, 1, "no *.md articles in the directory")}


def test_readme_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Ohjeiden kirjoittaminen\n", encoding="utf-8")
    write_article(tmp_path, "yksi")
    assert check_directory(tmp_path).ok


def test_broken_link_and_missing_related_slug(tmp_path: Path) -> None:
    write_article(tmp_path, "yksi", "# Yksi\n\nKatso [toinen](toinen.md).\n\nJa [kolmas](kolmas.md#kohta).\n")
    (tmp_path / "toinen.md").write_text(article_text("toinen").replace("related: []", "related: [yksi, puuttuva]"), encoding="utf-8")
    assert found(tmp_path) == {
        ("yksi.md", BODY_LINE + 4, "broken link: no article with slug 'kolmas'"),
        ("toinen.md", 14, "related slug 'puuttuva' does not exist"),
    }


def test_duplicate_slug_is_reported_on_the_second_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = write_article(tmp_path / "a", "yksi"), write_article(tmp_path / "b", "yksi")
    problems = [p for p in check_files([first, second]).problems if p.severity == ERROR]
    assert [(p.file, p.line, p.message) for p in problems] == [(str(second), 2, f"duplicate slug 'yksi' (also in {first})")]


def test_a_copy_in_the_same_folder_is_reported_as_a_duplicate_slug(tmp_path: Path) -> None:
    original = write_article(tmp_path, "yksi")
    copy = tmp_path / "yksi-kopio.md"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    problems = [(p.file, p.line, p.message) for p in check_directory(tmp_path).problems if p.severity == ERROR]
    assert (str(copy), 2, f"duplicate slug 'yksi' (also in {original})") in problems
    assert (str(copy), 2, "slug 'yksi' does not match the file name 'yksi-kopio.md'") in problems


def test_the_same_example_question_in_two_articles_is_a_warning(tmp_path: Path) -> None:
    write_article(tmp_path, "yksi")
    write_article(tmp_path, "kaksi")
    result = check_directory(tmp_path)
    assert result.ok
    assert {(p.severity, p.line) for p in result.problems} == {(WARNING, line) for line in range(8, 14)}


@pytest.mark.parametrize(
    ("body_line", "message"),
    [
        ("<script>alert(1)</script>", "raw HTML <script> is not allowed and would be removed"),
        ('<p onclick="alert(1)">x</p>', "event handler attribute 'onclick' on <p> is not allowed"),
        ('<a href="https://example.org" style="color:red">x</a>', "attribute 'style' on <a> is not allowed and would be removed"),
        ("[x](javascript:alert(1))", "unsafe or unsupported link target 'javascript:alert(1)' (allowed: https:// links and other articles as slug.md)"),
        ('<a href="jav&#x61;script:alert(1)">x</a>', "unsafe or unsupported HTML link target 'javascript:alert(1)' (allowed: https:// links and other articles as slug.md)"),
        ("![kuva](https://example.org/a.png)", "images are not supported in instructions"),
    ],
)
def test_unsafe_body_content_names_its_line(tmp_path: Path, body_line: str, message: str) -> None:
    write_article(tmp_path, "yksi", f"# Yksi\n\nTurvallinen kappale.\n\n{body_line}\n")
    assert found(tmp_path) == {("yksi.md", BODY_LINE + 4, message)}


def test_code_is_text_not_html(tmp_path: Path) -> None:
    write_article(tmp_path, "yksi", "# Yksi\n\nKirjoita `<script>` näin.\n\n```\n<img src=x onerror=alert(1)>\n```\n")
    assert check_directory(tmp_path).problems == []


def xss_payloads() -> list[tuple[str, bool]]:
    """(markdown, harmless) pairs from the corpus; harmless ones must not be reported."""
    items = []
    for line in (FIXTURES / "xss.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            harmless = line.startswith("ok: ")
            items.append(((line[4:] if harmless else line).replace("\\n", "\n"), harmless))
    return items


@pytest.mark.parametrize(("payload", "harmless"), xss_payloads())
def test_every_xss_payload_is_reported_on_its_line(tmp_path: Path, payload: str, harmless: bool) -> None:
    path = write_article(tmp_path, "yksi", f"# Yksi\n\nKappale.\n\n{payload}\n")
    problems = check_files([path]).problems
    if harmless:
        assert problems == []
    else:
        assert problems and all(p.severity == ERROR and BODY_LINE + 4 <= p.line <= BODY_LINE + 6 for p in problems)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("varmennekortti.md", "article"),
        ("./pin-koodi.md#kohta", "article"),
        ("#kohta", "anchor"),
        ("https://example.org/x", "web"),
        ("mailto:deski@example.org", "unsafe"),  # links: http(s), other articles and anchors only
        ("javascript:alert(1)", "unsafe"),
        ("JAVASCRIPT:alert(1)", "unsafe"),
        ("java\nscript:alert(1)", "unsafe"),
        ("&#x6A;avascript:alert(1)", "unsafe"),
        ("data:text/html,x", "unsafe"),
        ("//evil.example", "unsafe"),
        ("https:///evil", "unsafe"),
        ("../../etc/passwd", "unsafe"),
    ],
)
def test_link_targets_are_classified_after_decoding(url: str, kind: str) -> None:
    assert classify_url(url)[0] == kind


def test_only_absolute_http_links_count_as_http() -> None:
    assert is_http_url("https://example.org") and is_http_url("http://example.org/x")
    assert not is_http_url("mailto:x@example.org") and not is_http_url("/ohjeet/pin") and not is_http_url("javascript:x")
