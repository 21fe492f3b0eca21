"""Matching on the fixture knowledge base: Finnish variation in, the right article (or none) out."""

from __future__ import annotations

import pytest

from knowledge.articles import Article
from knowledge.index import normalised_question
from knowledge.matcher import Matcher, MatcherConfig, similarity
from knowledge.service import KnowledgeBase
from knowledge.synonyms import Synonyms


@pytest.mark.parametrize(
    ("question", "slug"),
    [
        # the example questions' own wording
        ("Miten lukitsen asiakirjan?", "lukitus"),
        # case and missing diacritics
        ("MITÄTÖIN ASIAKIRJAN", "mitatointi"),
        ("miten mitatoin asiakirjan", "mitatointi"),
        ("vaaralle asiakkaalle kirjoitettu", "mitatointi"),
        # inflected forms the articles never use
        ("lukitsin asiakirjan", "lukitus"),
        ("kortinlukijaa ei löydy", "kortti"),
        ("mistä saan uuden kortin", "kortti"),
        # typos
        ("miten mitatoin asiakrjan", "mitatointi"),
        ("unohdin pin-koodn", "pin"),
        # compounds written together or apart
        ("pinkoodi lukossa", "pin"),
        ("palveluyksikköni puuttuu", "yksikko"),
        ("neuvontasessio", "deski"),
        # synonyms from the packaged synonym file (poistaa ~ mitätöidä)
        ("miten poistan asiakirjan", "mitatointi"),
        # a greeting in front of a real question
        ("Hei! Pin meni lukkoon", "pin"),
    ],
)
def test_questions_find_their_article(fixture_kb: KnowledgeBase, question: str, slug: str) -> None:
    match = fixture_kb.match(question)
    assert match.slug == slug, match
    assert match.kind == "answer" and 0.0 < match.score <= 1.0


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("moi!", "greeting"),
        ("hyvää huomenta", "greeting"),
        ("kiitos paljon avusta", "thanks"),
        ("ok", "empty"),
        ("mitä ruokalassa on tänään", "none"),
        ("miten haen vuosilomaa", "none"),
        ("tulostin ei toimi", "none"),
        ("milloin on palkkapäivä", "none"),
        ("kerro vitsi", "none"),
    ],
)
def test_small_talk_and_unrelated_questions_get_no_article(fixture_kb: KnowledgeBase, question: str, kind: str) -> None:
    match = fixture_kb.match(question)
    assert match.slug is None and match.kind == kind, match


def test_unknown_words_are_reported(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.match("mitä ruokalassa on tänään").unknown_words == ("ruokalassa", "tanaan")


def test_a_near_tie_returns_the_runner_up_as_an_alternative(fixture_kb: KnowledgeBase) -> None:
    match = fixture_kb.match("kortin pin")
    assert match.slug in {"pin", "kortti"} and match.ambiguous
    assert {c.slug for c in match.alternatives} == {"pin", "kortti"} - {match.slug}
    assert abs(match.alternatives[0].score - match.score) <= MatcherConfig().tie_margin


def test_a_clear_answer_has_no_alternatives(fixture_kb: KnowledgeBase) -> None:
    match = fixture_kb.match("pin-koodi lukossa")
    assert match.slug == "pin" and match.alternatives == () and not match.ambiguous


def test_the_threshold_decides_abstention(fixture_articles: list[Article]) -> None:
    strict = Matcher(fixture_articles, Synonyms(), MatcherConfig(threshold=0.99))
    match = strict.match("lukitsin asiakirjan")
    assert match.slug is None and match.kind == "none"
    assert match.alternatives and match.alternatives[0].slug == "lukitus"  # best guesses for a ticket


def test_an_empty_knowledge_base_answers_nothing() -> None:
    assert Matcher([], Synonyms()).match("pin lukossa").slug is None


def test_json_shape_of_a_match(fixture_kb: KnowledgeBase) -> None:
    data = fixture_kb.match("kortin pin").as_dict()
    assert set(data) == {"slug", "score", "alternatives"}
    assert all(set(a) == {"slug", "score"} for a in data["alternatives"])  # type: ignore[union-attr]


def test_batched_example_similarity_equals_the_pairwise_definition(fixture_kb: KnowledgeBase) -> None:
    matcher = fixture_kb.matcher
    docs = sorted(matcher.index.questions_of)
    for question in ("miten lukitsen asiakirjan", "pin koodi lukossa mitä teen", "kuka", ""):
        query = normalised_question(question)
        expected = {doc: max(similarity(query, example) for example in matcher.index.questions_of[doc]) for doc in docs}
        assert matcher._similarities(query, docs) == expected


def test_a_word_seen_before_is_matched_the_same_way(fixture_kb: KnowledgeBase) -> None:
    fresh = Matcher(list(fixture_kb.articles.values()), fixture_kb.synonyms)
    first = fresh.match("pin koodi lukossa")
    assert "lukossa" in fresh._word_units  # kept for the next question
    assert fresh.match("pin koodi lukossa") == first == fixture_kb.matcher.match("pin koodi lukossa")
