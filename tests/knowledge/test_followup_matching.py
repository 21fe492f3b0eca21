"""Follow-ups on the fixture knowledge base: how much the answer just given counts depends on what the follow-up names itself."""

from __future__ import annotations

from knowledge.matcher import Matcher
from knowledge.service import KnowledgeBase


def test_a_follow_up_of_words_no_instruction_has_is_about_the_answer_just_given(fixture_kb: KnowledgeBase) -> None:
    match = fixture_kb.match("entä puhelumuistiinpanot?", "lukitus")
    assert (match.slug, match.kind, match.follow_up) == ("lukitus", "answer", True)
    assert fixture_kb.match("entä puhelumuistiinpanot?").slug is None  # without a previous answer: nothing to go by


def test_a_follow_up_about_a_neighbouring_subject_is_still_declined(fixture_kb: KnowledgeBase) -> None:
    match = fixture_kb.match("entä palkkapäivä?", "lukitus")
    assert match.slug is None and match.kind == "near", match


def test_a_follow_up_that_names_a_topic_of_its_own_finds_its_own_instruction(fixture_kb: KnowledgeBase) -> None:
    question = "entä jos kirjoitin asiakirjan väärälle asiakkaalle, miten mitätöin sen?"
    assert fixture_kb.match(question, "pin").slug == "mitatointi"


def test_the_head_start_shrinks_as_the_follow_up_names_more(fixture_kb: KnowledgeBase) -> None:
    matcher: Matcher = fixture_kb.matcher
    base = matcher.config.context_bonus
    assert [matcher._context_bonus(n) for n in (0, 1, 2, 4)] == [2 * base, 2 * base, base, base / 2]


def test_one_known_word_right_after_an_answer_is_about_that_answer(fixture_kb: KnowledgeBase) -> None:
    elliptical = fixture_kb.match("milloin?", "lukitus")  # a weak word alone is no topic: still nothing to go by
    assert elliptical.slug is None
    match = fixture_kb.match("kuinka valmis?", "pin")
    assert match.follow_up and match.slug == "pin", match
    assert fixture_kb.match("neuvontasessio", "pin").slug == "deski"  # one word that names another instruction
    assert fixture_kb.match("mitä kuuluu", "pin").slug is None  # small talk is no follow-up


def test_a_person_or_a_kind_pointed_back_to_makes_a_follow_up() -> None:
    from knowledge.followup import is_follow_up

    assert is_follow_up(["auttaako", "han", "myos", "uusia"]) and is_follow_up(["mista", "sellasen", "saa"])
