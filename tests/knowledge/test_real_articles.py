"""The real articles against the development set, our own held-out phrasings and the tuning phrasings (the quality bar)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbkit import FIXTURES

from knowledge.evaluation import evaluate, load_labelled
from knowledge.service import KnowledgeBase

SHARED_DEV_SET = Path(__file__).resolve().parents[3] / "shared" / "knowledge" / "dev-questions.jsonl"
DEV_SET = FIXTURES / "dev-questions.jsonl"  # a copy of SHARED_DEV_SET (see fixtures/README.md)


@pytest.fixture(scope="module")
def real_kb() -> KnowledgeBase:
    return KnowledgeBase.from_directory()


def test_dev_set(real_kb: KnowledgeBase) -> None:
    report = evaluate(real_kb.match, load_labelled(DEV_SET), set(real_kb.articles))
    assert report.accuracy is not None and report.accuracy >= 0.95, report.confusions
    assert report.abstention_recall is not None and report.abstention_recall >= 0.90, report.confusions


@pytest.mark.skipif(not SHARED_DEV_SET.exists(), reason="../shared is not beside the project")
def test_the_dev_set_copy_is_current() -> None:
    assert DEV_SET.read_text(encoding="utf-8") == SHARED_DEV_SET.read_text(encoding="utf-8")


def test_held_out_phrasings(real_kb: KnowledgeBase) -> None:
    report = evaluate(real_kb.match, load_labelled(FIXTURES / "heldout-questions.jsonl"), set(real_kb.articles))
    assert report.answerable >= 50 and report.off_topic >= 20
    assert report.accuracy is not None and report.accuracy >= 0.95, report.confusions
    assert report.abstention_recall is not None and report.abstention_recall >= 0.95, report.confusions


def test_tuning_phrasings(real_kb: KnowledgeBase) -> None:
    """Short, compound-heavy, clitic and near-domain phrasings the matcher's weak words and rules were tuned on."""
    report = evaluate(real_kb.match, load_labelled(FIXTURES / "tuning-questions.jsonl"), set(real_kb.articles))
    assert report.answerable >= 150 and report.off_topic >= 40
    assert report.accuracy is not None and report.accuracy >= 0.95, report.confusions
    assert report.abstention_recall is not None and report.abstention_recall >= 0.88, report.confusions


def test_blind_phrasings(real_kb: KnowledgeBase) -> None:
    """Colloquial chat, long situation descriptions, second-language Finnish: written without seeing the articles."""
    report = evaluate(real_kb.match, load_labelled(FIXTURES / "blind-questions.jsonl"), set(real_kb.articles))
    assert report.answerable >= 600 and report.off_topic >= 100
    assert report.accuracy is not None and report.accuracy >= 0.95, report.confusions
    assert report.abstention_recall is not None and report.abstention_recall >= 0.93, report.confusions
    assert report.confidently_wrong_rate is not None and report.confidently_wrong_rate <= 0.025, report.confusions


def test_a_question_too_general_for_one_instruction_gets_choices_not_a_guess(real_kb: KnowledgeBase) -> None:
    match = real_kb.match("voisitko auttaa minua arkistoinnissa")
    assert match.slug is None and match.kind == "general" and len(match.alternatives) == 3, match
    assert real_kb.match("voitko auttaa").kind == "empty"  # a plea for help alone: the help card


# (set, top-1 floor, off-topic declined floor, confidently wrong ceiling): the figures reached, less a small margin.
# w1 was tuned on (see fixtures/README.md); w2 was the check kept apart while the second round was tuned.
BLIND_CHAT_FLOORS = [("blind-w1", 0.94, 0.93, 0.025), ("blind-w2", 0.93, 0.95, 0.025)]


@pytest.mark.parametrize(("folder", "top1", "declined", "wrong"), BLIND_CHAT_FLOORS)
def test_blind_chat_style_sets_of_issue_15(real_kb: KnowledgeBase, folder: str, top1: float, declined: float, wrong: float) -> None:
    """Written blind by helpers who saw only the topic list; the floors hold the gains."""
    report = evaluate(real_kb.match, load_labelled(FIXTURES / folder / "chat.jsonl"), set(real_kb.articles))
    assert report.answerable == 200 and report.off_topic == 60
    assert report.accuracy is not None and report.accuracy >= top1, report.confusions
    assert report.declined_off_topic is not None and report.declined_off_topic >= declined, report.confusions
    assert report.confidently_wrong_rate is not None and report.confidently_wrong_rate <= wrong, report.confusions


@pytest.mark.parametrize(("folder", "top1"), [("blind-w1", 0.85), ("blind-w2", 0.87)])
def test_follow_ups_in_the_context_of_the_first_answer(real_kb: KnowledgeBase, folder: str, top1: float) -> None:
    report = evaluate(real_kb.match, load_labelled(FIXTURES / folder / "followups.jsonl"), set(real_kb.articles))
    assert report.answerable == 40 and report.accuracy is not None and report.accuracy >= top1, report.confusions


def test_near_domain_questions_are_declined(real_kb: KnowledgeBase) -> None:
    report = evaluate(real_kb.match, load_labelled(FIXTURES / "near-domain-questions.jsonl"), set(real_kb.articles))
    assert report.off_topic == 60 and report.declined_off_topic is not None and report.declined_off_topic >= 0.88, report.confusions
