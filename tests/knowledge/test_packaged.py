"""The packaged instructions count as published: first start, a single-file publish, upgrades, two instances."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest
from kbkit import FIXTURE_KB, NOW
from sqlalchemy.engine import Engine
from sqlmodel import func, select

from archiving.db import make_engine, read_only
from knowledge.models import KbArticle, KbArticleVersion
from knowledge.packaged import PACKAGE_AUTHOR, publish_packaged
from knowledge.publishing import get_version, history, list_articles, publish_path, publish_text
from knowledge.service import ARTICLES_DIR, DATABASE, KnowledgeBase

LATER = NOW + dt.timedelta(days=30)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    return target


def version_count(engine: Engine) -> int:
    with read_only(engine) as session:
        return int(session.exec(select(func.count()).select_from(KbArticleVersion)).one())


def test_a_fresh_database_gets_the_packaged_set_as_version_one(engine: Engine) -> None:
    results = publish_packaged(engine, ARTICLES_DIR, now=NOW)
    assert len(results) == 25 and {(r.action, r.number, r.status) for r in results} == {("created", 1, "published")}
    listing = list_articles(engine)
    assert len(listing) == 25 and {row["author"] for row in listing} == {PACKAGE_AUTHOR}
    assert all(row["published"] == 1 and row["updated_at"] == NOW for row in listing)
    assert publish_packaged(engine, ARTICLES_DIR, now=LATER) == []  # idempotent: a second start changes nothing
    assert version_count(engine) == 25
    kb = KnowledgeBase.load(engine)
    assert kb.source == DATABASE and len(kb.articles) == 25


def test_one_changed_file_that_links_to_packaged_instructions_publishes(engine: Engine, tmp_path: Path) -> None:
    """The reported case: edit one sentence of ``deski`` and publish that file alone."""
    publish_packaged(engine, ARTICLES_DIR, now=NOW)
    edited = tmp_path / "deski.md"
    text = (ARTICLES_DIR / "deski.md").read_text(encoding="utf-8")
    assert "related: [arkistointiyhteyshenkilo" in text
    edited.write_text(text.replace("Osallistuminen on vapaaehtoista.", "Osallistuminen on täysin vapaaehtoista.", 1), encoding="utf-8")
    (result,) = publish_path(engine, edited, author="viestinta@example.org", now=LATER)
    assert (result.slug, result.action, result.number) == ("deski", "updated", 2)
    again = publish_text(engine, text, author="viestinta@example.org", now=LATER, slug="deski")
    assert again.number == 3  # the editor's way: links to packaged instructions are valid too


def test_a_new_release_updates_only_the_instructions_nobody_edited(engine: Engine, folder: Path) -> None:
    publish_packaged(engine, folder, now=NOW)
    team_text = (folder / "pin.md").read_text(encoding="utf-8").replace("PUK-koodilla.", "PUK-koodilla (tiimin muokkaus).")
    publish_text(engine, team_text, author="viestinta@example.org", now=NOW, slug="pin")
    for name in ("pin.md", "kortti.md"):  # the next release changes both packaged files
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("\n# ", "\nUusi julkaisuversio.\n\n# ", 1), encoding="utf-8")
    new_file = folder / "uusi.md"
    new_file.write_text((folder / "kortti.md").read_text(encoding="utf-8").replace("slug: kortti", "slug: uusi"), encoding="utf-8")
    changed = {(r.slug, r.action, r.number) for r in publish_packaged(engine, folder, now=LATER)}
    assert changed == {("kortti", "updated", 2), ("uusi", "created", 1)}
    assert "tiimin muokkaus" in get_version(engine, "pin").content  # the team's version is kept
    assert [v.author for v in history(engine, "kortti")] == [PACKAGE_AUTHOR, PACKAGE_AUTHOR]


def test_two_instances_starting_at_once_publish_each_article_once(db_url: str) -> None:
    engines = [make_engine(db_url) for _ in range(4)]
    barrier, failures = threading.Barrier(len(engines)), []

    def start(engine: Engine) -> None:
        barrier.wait()
        try:
            publish_packaged(engine, ARTICLES_DIR, now=NOW)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure of a starting instance
            failures.append(exc)

    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert version_count(engines[0]) == 25
        with read_only(engines[0]) as session:
            assert int(session.exec(select(func.count()).select_from(KbArticle)).one()) == 25
    finally:
        for engine in engines:
            engine.dispose()


def test_a_packaged_folder_with_errors_publishes_nothing(engine: Engine, folder: Path) -> None:
    (folder / "pin.md").write_text("---\nslug: pin\n---\n", encoding="utf-8")
    with pytest.raises(Exception) as raised:
        publish_packaged(engine, folder, now=NOW)
    assert "pin.md" in str(raised.value)
    assert version_count(engine) == 0
