"""Publishing into the database (SQLite and PostgreSQL): versions, drafts, history, one transaction."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from kbkit import FIXTURE_KB, NOW, article_text, write_article
from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.db import read_only
from knowledge.models import KbArticleVersion
from knowledge.problems import ArticleError, KnowledgeError
from knowledge.publishing import (
    get_version,
    history,
    list_articles,
    publish_path,
    publish_text,
    published_articles,
    published_signature,
)

LATER = NOW + dt.timedelta(hours=1)


def versions(engine: Engine) -> list[tuple[str, int, str]]:
    with read_only(engine) as session:
        rows = session.exec(select(KbArticleVersion).order_by(KbArticleVersion.id)).all()  # type: ignore[arg-type]
        return [(r.title, r.number, r.status) for r in rows]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    return target


def test_publishing_twice_stores_one_version(engine: Engine, folder: Path) -> None:
    first = publish_path(engine, folder, author="viestinta@example.org", now=NOW)
    assert {(r.action, r.number, r.status) for r in first} == {("created", 1, "published")}
    again = publish_path(engine, folder, author="toinen@example.org", now=LATER)
    assert {r.action for r in again} == {"unchanged"}
    assert len(versions(engine)) == 6
    (only,) = history(engine, "pin")
    assert (only.author, only.created_at, only.number) == ("viestinta@example.org", NOW, 1)


def test_only_a_changed_article_gets_a_new_version(engine: Engine, folder: Path) -> None:
    publish_path(engine, folder, author="a", now=NOW)
    pin = folder / "pin.md"
    pin.write_text(pin.read_text(encoding="utf-8").replace("Avaa lukitus PUK-koodilla.", "Avaa lukitus PUK-koodilla heti."), encoding="utf-8")
    results = {r.slug: (r.action, r.number) for r in publish_path(engine, folder, author="b", now=LATER)}
    assert results["pin"] == ("updated", 2) and results["kortti"] == ("unchanged", 1)
    assert [(v.number, v.author, v.created_at) for v in history(engine, "pin")] == [(2, "b", LATER), (1, "a", NOW)]
    assert "heti" in get_version(engine, "pin").content
    assert "heti" not in get_version(engine, "pin", 1).content


def test_a_draft_does_not_replace_the_published_version(engine: Engine, folder: Path) -> None:
    publish_path(engine, folder, author="a", now=NOW)
    pin = folder / "pin.md"
    pin.write_text(pin.read_text(encoding="utf-8").replace("PIN-koodi on lukossa", "PIN-koodi lukittui"), encoding="utf-8")
    (result,) = publish_path(engine, pin, author="b", now=LATER, draft=True)
    assert (result.action, result.number, result.status) == ("updated", 2, "draft")
    assert get_version(engine, "pin").number == 1  # users still see version 1
    assert {a.slug: a.title for a in published_articles(engine)}["pin"] == "PIN-koodi on lukossa"
    row = next(r for r in list_articles(engine) if r["slug"] == "pin")
    assert (row["published"], row["latest"], row["draft_pending"]) == (1, 2, True)
    # the same draft again changes nothing; publishing it for real makes version 3
    assert publish_path(engine, pin, author="b", now=LATER, draft=True)[0].action == "unchanged"
    (final,) = publish_path(engine, pin, author="c", now=LATER)
    assert (final.number, final.status) == (3, "published")
    assert {a.slug: a.title for a in published_articles(engine)}["pin"] == "PIN-koodi lukittui"


def test_status_draft_in_the_file_makes_a_draft(engine: Engine, tmp_path: Path) -> None:
    write_article(tmp_path, "luonnos", status="draft")
    (result,) = publish_path(engine, tmp_path, author="a", now=NOW)
    assert result.status == "draft"
    assert published_articles(engine) == [] and published_signature(engine) == (0, 0)
    with pytest.raises(KnowledgeError, match="only drafts"):
        get_version(engine, "luonnos")
    assert get_version(engine, "luonnos", drafts=True).status == "draft"


def test_invalid_articles_publish_nothing(engine: Engine, folder: Path) -> None:
    (folder / "pin.md").write_text(article_text("pin").replace("status: published", "status: valmis"), encoding="utf-8")
    with pytest.raises(ArticleError) as raised:
        publish_path(engine, folder, author="a", now=NOW)
    problems = [(Path(p.file).name, p.line, p.message) for p in raised.value.problems]
    assert ("pin.md", 16, "status must be one of draft, published, not 'valmis'") in problems
    assert ("kortti.md", 14, "related slug 'pin' does not exist") in problems  # pin.md is unusable now
    assert versions(engine) == []


def test_a_single_file_may_link_to_published_articles(engine: Engine, folder: Path, tmp_path: Path) -> None:
    publish_path(engine, folder, author="a", now=NOW)
    lonely = tmp_path / "erillinen"
    lonely.mkdir()
    path = write_article(lonely, "uusi", "# Uusi\n\nKatso [PIN](pin.md) ja [puuttuva](puuttuva.md).\n")
    with pytest.raises(ArticleError, match="broken link: no article with slug 'puuttuva'"):
        publish_path(engine, path, author="a", now=NOW)
    path.write_text(article_text("uusi", "# Uusi\n\nKatso [PIN](pin.md).\n"), encoding="utf-8")
    assert publish_path(engine, path, author="a", now=NOW)[0].action == "created"


def test_publish_text_for_the_web_editor(engine: Engine) -> None:
    result = publish_text(engine, article_text("verkosta"), author="toimittaja", now=NOW, slug="verkosta")
    assert (result.slug, result.number) == ("verkosta", 1)
    with pytest.raises(KnowledgeError, match="not 'muu'"):
        publish_text(engine, article_text("verkosta"), author="toimittaja", now=NOW, slug="muu")
    with pytest.raises(ArticleError):
        publish_text(engine, "ei front matteria", author="toimittaja", now=NOW)
    with pytest.raises(KnowledgeError, match="author"):
        publish_text(engine, article_text("verkosta"), author="  ", now=NOW)


def test_unknown_slug_and_version_are_clear_errors(engine: Engine, folder: Path) -> None:
    publish_path(engine, folder, author="a", now=NOW)
    with pytest.raises(KnowledgeError, match="no article with slug 'ei-ole'"):
        history(engine, "ei-ole")
    with pytest.raises(KnowledgeError, match="has no version 9"):
        get_version(engine, "pin", 9)
    with pytest.raises(KnowledgeError, match="no such file or directory"):
        publish_path(engine, folder / "ei-ole.md", author="a", now=NOW)


def test_published_articles_round_trip(engine: Engine, folder: Path, fixture_articles: list) -> None:  # type: ignore[type-arg]
    publish_path(engine, folder, author="a", now=NOW)
    stored = {a.slug: a for a in published_articles(engine)}
    for original in fixture_articles:
        again = stored[original.slug]
        assert (again.title, again.questions, again.body, again.content_hash) == (
            original.title, original.questions, original.body, original.content_hash,
        )  # fmt: skip
        assert again.source == f"db:{original.slug}@1"
    assert published_signature(engine)[0] == 6
