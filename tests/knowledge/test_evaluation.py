"""``kb eval`` numbers: top-1 accuracy, abstention precision and recall, confusions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.evaluation import LabelledQuestion, evaluate, format_report, load_labelled
from knowledge.matcher import Match
from knowledge.problems import KnowledgeError

ANSWERS = {"a1": "a", "a2": "b", "a3": None, "b1": "b", "n1": None, "n2": "a", "n3": None}
LABELS = [("a1", "a"), ("a2", "a"), ("a3", "a"), ("b1", "b"), ("n1", None), ("n2", None), ("n3", None)]


def fixed(question: str) -> Match:
    """A table of outcomes, so that the arithmetic can be checked by hand."""
    return Match(ANSWERS[question], 0.5)


def test_the_numbers() -> None:
    report = evaluate(fixed, [LabelledQuestion(q, s) for q, s in LABELS])
    # 4 answerable: a1 and b1 right, a2 wrong article, a3 abstained -> 2/4
    assert (report.answerable, report.correct, report.accuracy) == (4, 2, 0.5)
    # abstained on a3, n1, n3: 2 of the 3 abstentions were right; 2 of 3 off-topic abstained
    assert (report.abstained, report.abstained_correctly) == (3, 2)
    assert report.abstention_precision == pytest.approx(2 / 3) and report.abstention_recall == pytest.approx(2 / 3)
    assert [(c.question, c.expected, c.got) for c in report.confusions] == [("a2", "a", "b"), ("a3", "a", None), ("n2", None, "a")]
    # confidently wrong: a2 (the wrong article) and n2 (answered what should be declined), of all 7
    assert report.confidently_wrong == 2 and report.confidently_wrong_rate == pytest.approx(2 / 7)
    text = format_report(report, "directory")
    assert "top-1 accuracy: 50.0 % (2/4)" in text and "abstention recall: 66.7 % (2/3)" in text
    assert "off-topic declined: 66.7 % (2/3)" in text and "confidently wrong: 28.6 % (2/7)" in text


def test_follow_ups_are_matched_in_the_context_of_the_first_answer(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"first": "a1", "first_slug": "a", "follow_up": "entä se?", "slug": "a"}) + "\n", encoding="utf-8")
    (item,) = load_labelled(path)
    assert (item.question, item.first, item.slug) == ("entä se?", "a1", "a")
    seen: list[tuple[str, str | None]] = []

    def match(question: str, context: str | None = None) -> Match:
        seen.append((question, context))
        return Match(ANSWERS.get(question) or context, 0.5)

    assert evaluate(match, [item]).correct == 1 and seen == [("a1", None), ("entä se?", "a")]


def test_unknown_expected_slug_is_an_error() -> None:
    with pytest.raises(KnowledgeError, match="'c' is not among the articles"):
        evaluate(fixed, [LabelledQuestion("a1", "c")], known_slugs={"a", "b"})


def test_bad_lines_name_their_number(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"q": "x", "slug": None}) + "\n\n{bad\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"q.jsonl:3: not valid JSON"):
        load_labelled(path)
    path.write_text(json.dumps({"question": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"q.jsonl:1: expected"):
        load_labelled(path)
    path.write_text("", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="no questions"):
        load_labelled(path)
