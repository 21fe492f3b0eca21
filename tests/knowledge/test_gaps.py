"""``kb gaps``: unanswered and unhelpful questions grouped for the communications team."""

from __future__ import annotations

import datetime as dt

from kbkit import FIXTURE_KB, NOW
from sqlalchemy.engine import Engine

from knowledge.gaps import find_gaps, group_gaps
from knowledge.questionlog import LoggedQuestion
from knowledge.service import KnowledgeBase


def item(n: int, question: str, slug: str | None = None, helpful: bool | None = None, kind: str = "none") -> LoggedQuestion:
    return LoggedQuestion(n, NOW - dt.timedelta(minutes=n), question, slug, 0.1, kind, (), helpful)


def test_similar_questions_form_one_group_largest_first() -> None:
    groups = group_gaps([
        item(1, "Tulostin ei toimi kolmannessa kerroksessa"),
        item(2, "tulostin ei toimi"),
        item(3, "Miten haen vuosilomaa?"),
        item(4, "tulostimet ei toimi taas"),
        item(5, "vuosiloman hakeminen"),
        item(6, "Mikä on palkkapäivä"),
    ])  # fmt: skip
    assert [(g.question, g.count) for g in groups] == [
        ("Tulostin ei toimi kolmannessa kerroksessa", 3),
        ("Miten haen vuosilomaa?", 2),
        ("Mikä on palkkapäivä", 1),
    ]
    assert groups[0].examples == ["Tulostin ei toimi kolmannessa kerroksessa", "tulostin ei toimi", "tulostimet ei toimi taas"]


def test_answered_questions_and_small_talk_are_not_gaps_but_unhelpful_answers_are() -> None:
    groups = group_gaps([
        item(1, "pin lukossa", slug="pin"),
        item(2, "kiitos", kind="thanks"),
        item(3, "pin lukossa taas", slug="pin", helpful=False, kind="answer"),
        item(4, "miten deski toimii", slug="deski", helpful=True, kind="answer"),
    ])  # fmt: skip
    ((group,),) = [groups]
    assert (group.question, group.reasons["not_helpful"], group.reasons["unanswered"]) == ("pin lukossa taas", 1, 0)
    assert group.as_dict()["guesses"] == ["pin"]


def test_gaps_from_the_question_log(engine: Engine) -> None:
    kb = KnowledgeBase.from_directory(FIXTURE_KB, engine=engine)
    kb.answer("tulostin ei toimi", now=NOW)
    kb.answer("Tulostin ei toimi taaskaan", now=NOW + dt.timedelta(minutes=1))
    helped = kb.answer("pin lukossa", now=NOW)
    unhelpful = kb.answer("kortti jäi kotiin", now=NOW)
    assert helped.log_id and unhelpful.log_id
    kb.record_feedback(helped.log_id, True, now=NOW)
    kb.record_feedback(unhelpful.log_id, False, now=NOW)
    groups = find_gaps(engine)
    assert [(g.question, g.count) for g in groups] == [("Tulostin ei toimi taaskaan", 2), ("kortti jäi kotiin", 1)]
    assert find_gaps(engine, since=NOW + dt.timedelta(seconds=30))[0].count == 1
