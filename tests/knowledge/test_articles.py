"""Parsing an article and every front-matter validation error, each with its file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from kbkit import BODY_LINE, article_text

from knowledge.articles import content_hash, parse_article, read_article
from knowledge.problems import ERROR, WARNING


def problems_of(text: str, source: str = "kb/esimerkki.md") -> list[tuple[int, str, str]]:
    _, problems = parse_article(text, source)
    assert all(p.file == source for p in problems)
    return [(p.line, p.severity, p.message) for p in problems]


def test_a_valid_article_parses_into_typed_fields() -> None:
    parsed, problems = parse_article(article_text("esimerkki", "# Otsikko\n\nTekstiä.\n"), "kb/esimerkki.md")
    assert problems == []
    assert parsed is not None
    article = parsed.article
    assert article.slug == "esimerkki" and article.title == "Esimerkki"
    assert article.audience == ("worker",) and article.keywords == ("avain", "sana")
    assert len(article.questions) == 6 and article.related == ()
    assert article.updated == dt.date(2026, 11, 20) and article.status == "published"
    assert article.body.startswith("# Otsikko")
    assert parsed.matter.line_of("questions", 2) == 10
    assert parsed.matter.body_line == BODY_LINE


def test_the_content_hash_ignores_line_endings_and_trailing_space() -> None:
    text = article_text()
    assert content_hash(text) == content_hash(text.replace("\n", "  \r\n"))
    assert content_hash(text) != content_hash(text.replace("Tekstiä", "Tekstiä!"))


def test_missing_opening_fence() -> None:
    assert problems_of("slug: x\n") == [(1, ERROR, "the file must start with a '---' line opening the front matter")]


def test_unclosed_front_matter() -> None:
    assert problems_of("---\nslug: x\n") == [(1, ERROR, "the front matter is not closed with a '---' line")]


def test_invalid_yaml_names_the_line() -> None:
    text = article_text().replace("title: Esimerkki", "title: [avaamaton")
    ((line, severity, message),) = problems_of(text)
    assert severity == ERROR and message.startswith("the front matter is not valid YAML")
    assert line in (3, 4)  # the scanner reports where it noticed the bracket was never closed


def test_front_matter_that_is_not_a_mapping() -> None:
    assert problems_of("---\n- a\n- b\n---\nteksti\n") == [(2, ERROR, "the front matter must be a mapping of 'key: value' lines")]


def test_duplicate_key() -> None:
    text = article_text().replace("status: published", "status: published\ntitle: Toinen")
    assert (17, ERROR, "'title' is given twice (first on line 3)") in problems_of(text)


def test_unknown_field_and_missing_required_field() -> None:
    text = article_text().replace("keywords: [avain, sana]", "keyword: [avain, sana]")
    found = problems_of(text)
    assert (6, ERROR, "unknown field 'keyword' (known: slug, title, audience, summary, keywords, questions, updated, related, status, chat)") in found
    assert (1, ERROR, "'keywords' is required") in found


def test_empty_required_field_points_at_its_line() -> None:
    assert (5, ERROR, "'summary' is required") in problems_of(article_text().replace("summary: Lyhyt vastaus.", "summary:"))


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("slug: esimerkki", "slug: Esimerkki_1", 2, "slug 'Esimerkki_1' must be lowercase letters, digits and single hyphens"),
        ("title: Esimerkki", "title: [a, b]", 3, "'title' must be text, not list"),
        ("audience: [worker]", "audience: [worker, boss]", 4, "unknown audience 'boss' (known: worker, contact_person, desk, communications, all)"),
        ("audience: [worker]", "audience: worker", 4, "'audience' must be a list, e.g. [a, b]"),
        ("  - Kysymys kolme?", "  - Mitä: teen", 10, "item 3 of 'questions' must be non-empty text"),
        ("related: []", "related: [esimerkki]", 14, "an article cannot be related to itself"),
        ("related: []", "related: [Huono Slug]", 14, "related slug 'Huono Slug' is not a valid slug"),
        ("updated: 2026-11-20", "updated: eilen", 15, "'updated' must be a date like 2026-11-20, not 'eilen'"),
        ("status: published", "status: julkaistu", 16, "status must be one of draft, published, not 'julkaistu'"),
    ],
)
def test_field_errors_name_the_line(old: str, new: str, line: int, message: str) -> None:
    text = article_text()
    assert old in text
    assert (line, ERROR, message) in problems_of(text.replace(old, new))


def test_a_question_item_on_its_own_line_is_reported_there() -> None:
    text = article_text().replace("  - Kysymys viisi?", "  - ")
    assert (12, ERROR, "item 5 of 'questions' must be non-empty text") in problems_of(text)


def test_slug_must_match_the_file_name() -> None:
    assert (2, ERROR, "slug 'esimerkki' does not match the file name 'toinen.md'") in problems_of(article_text(), "kb/toinen.md")


def test_empty_body() -> None:
    assert problems_of(article_text(body="\n\n")) == [(BODY_LINE, ERROR, "the article has no body text")]


def test_too_few_questions_is_only_a_warning() -> None:
    text = article_text().replace("  - Kysymys kuusi?\n", "").replace("  - Kysymys viisi?\n", "")
    parsed, problems = parse_article(text, "kb/esimerkki.md")
    assert parsed is not None
    assert [(p.line, p.severity) for p in problems] == [(7, WARNING)]


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "rikki.md"
    path.write_bytes(b"---\nslug: rikki\n\xff\xfe\n")
    parsed, problems = read_article(path)
    assert parsed is None and [(p.line, p.message) for p in problems] == [(1, "the file is not UTF-8 text")]
