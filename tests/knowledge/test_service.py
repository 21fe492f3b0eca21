"""KnowledgeBase: answering with a redacted question log, feedback, loading and refreshing from the database."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from kbkit import FIXTURE_KB, NOW
from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.db import read_only
from knowledge.models import KbFeedback, KbQuestionLog
from knowledge.problems import ArticleError, KnowledgeError
from knowledge.publishing import publish_path
from knowledge.service import DATABASE, DIRECTORY, KnowledgeBase


def logged(engine: Engine) -> list[KbQuestionLog]:
    with read_only(engine) as session:
        return list(session.exec(select(KbQuestionLog).order_by(KbQuestionLog.id)).all())  # type: ignore[arg-type]


def test_answer_logs_the_question_without_personal_data(engine: Engine) -> None:
    kb = KnowledgeBase.from_directory(FIXTURE_KB, engine=engine)
    answer = kb.answer("Pin meni lukkoon, olen Matti Virtanen 040 123 4567, hetu 131052-308T", now=NOW)
    assert answer.slug == "pin" and answer.article is not None and answer.article.title == "PIN-koodi on lukossa"
    (row,) = logged(engine)
    assert row.id == answer.log_id and row.slug == "pin" and not row.abstained and row.kind == "answer"
    assert row.question == answer.question == "Pin meni lukkoon, olen [nimi] [puhelin], hetu [hetu]"
    assert row.asked_at == NOW and row.source == "chat"


def test_abstention_and_small_talk_are_logged_as_such(engine: Engine) -> None:
    kb = KnowledgeBase.from_directory(FIXTURE_KB, engine=engine)
    none = kb.answer("mitä ruokalassa on tänään", now=NOW)
    thanks = kb.answer("kiitos!", now=NOW)
    tie = kb.answer("kortti lukossa", now=NOW)
    assert (none.slug, none.kind, thanks.kind) == (None, "none", "thanks")
    assert tie.ambiguous and tie.alternatives[0].title in {"PIN-koodi on lukossa", "Kirjautuminen ammattikortilla"}
    rows = logged(engine)
    assert [(r.abstained, r.kind) for r in rows] == [(True, "none"), (True, "thanks"), (False, "answer")]
    assert [a["slug"] for a in json.loads(rows[2].alternatives)] == [c.slug for c in tie.alternatives]


def test_answer_without_storing(engine: Engine) -> None:
    kb = KnowledgeBase.from_directory(FIXTURE_KB, engine=engine)
    assert kb.answer("pin lukossa", now=NOW, store=False).log_id is None
    assert logged(engine) == []
    with pytest.raises(KnowledgeError, match="no database"):
        KnowledgeBase.from_directory(FIXTURE_KB).answer("pin lukossa", now=NOW)


def test_feedback_is_recorded_and_a_second_click_replaces_the_first(engine: Engine) -> None:
    kb = KnowledgeBase.from_directory(FIXTURE_KB, engine=engine)
    answer = kb.answer("pin lukossa", now=NOW)
    assert answer.log_id is not None
    kb.record_feedback(answer.log_id, True, now=NOW)
    kb.record_feedback(answer.log_id, False, now=NOW + dt.timedelta(minutes=1))
    with read_only(engine) as session:
        (feedback,) = session.exec(select(KbFeedback)).all()
        assert (feedback.question_log_id, feedback.helpful) == (answer.log_id, False)
    with pytest.raises(KnowledgeError, match="no logged question with id 999"):
        kb.record_feedback(999, True, now=NOW)


def test_load_prefers_published_versions_and_refreshes_when_more_are_published(engine: Engine, tmp_path: Path) -> None:
    kb = KnowledgeBase.load(engine, FIXTURE_KB, refresh_seconds=30)
    assert kb.source == DIRECTORY and len(kb.articles) == 6
    folder = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, folder)
    for extra in ("deski", "kortti", "lukitus", "mitatointi", "yksikko"):
        (folder / f"{extra}.md").unlink()
    (folder / "pin.md").write_text((FIXTURE_KB / "pin.md").read_text(encoding="utf-8").replace("related: [kortti]", "related: []"), encoding="utf-8")
    publish_path(engine, folder, author="a", now=NOW)
    assert kb.refresh(NOW) is True and kb.source == DATABASE and list(kb.articles) == ["pin"]
    assert kb.match("deskin linkki").slug is None  # only what is published is answered now
    assert kb.refresh(NOW + dt.timedelta(seconds=10)) is False  # checked at most every 30 s
    again = KnowledgeBase.load(engine, FIXTURE_KB)
    assert again.source == DATABASE and list(again.articles) == ["pin"]


def test_rendering_by_slug(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.get("pin") is not None and fixture_kb.get("ei-ole") is None
    assert "<h2>" not in fixture_kb.render_html("pin") and "PUK-koodilla" in fixture_kb.render_html("pin")
    assert fixture_kb.render_text("pin", "https://b.example") == (
        "**PIN-koodi on lukossa**\n\nLukittunut PIN-koodi avataan PUK-koodilla.\n\nhttps://b.example/ohjeet/pin"
    )
    with pytest.raises(KnowledgeError, match="no published article with slug 'ei-ole'"):
        fixture_kb.render_card("ei-ole", "https://b.example")


def test_a_folder_with_errors_is_refused(tmp_path: Path) -> None:
    (tmp_path / "rikki.md").write_text("ei front matteria\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="rikki.md:1"):
        KnowledgeBase.from_directory(tmp_path)


def test_with_a_clock_article_look_ups_notice_new_publications(engine: Engine, tmp_path: Path) -> None:
    moments = iter([NOW, NOW + dt.timedelta(seconds=31)])
    kb = KnowledgeBase.load(engine, FIXTURE_KB, clock=lambda: next(moments))
    assert kb.get("deski") is not None  # packaged folder; checked the database at NOW
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "pin.md").write_text((FIXTURE_KB / "pin.md").read_text(encoding="utf-8").replace("related: [kortti]", "related: []"), encoding="utf-8")
    publish_path(engine, folder, author="a", now=NOW)
    assert kb.get("deski") is None and kb.source == DATABASE  # 31 s later: only "pin" is published
