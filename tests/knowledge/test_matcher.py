"""Matching on the fixture knowledge base: Finnish variation in, the right article (or none) out."""

from __future__ import annotations

import pytest

from kbkit import FIXTURE_KB

from knowledge.analysis import WEAK, question_units
from knowledge.articles import Article
from knowledge.index import normalised_question
from knowledge.matcher import Matcher, MatcherConfig, similarity
from knowledge.service import KnowledgeBase
from knowledge.synonyms import Synonyms
from knowledge.vocabulary import Vocabulary


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
        ("miten haen vuosilomaa", "near"),
        ("tulostin ei toimi", "near"),
        ("milloin on palkkapäivä", "near"),
        ("kerro vitsi", "none"),
    ],
)
def test_small_talk_and_unrelated_questions_get_no_article(fixture_kb: KnowledgeBase, question: str, kind: str) -> None:
    match = fixture_kb.match(question)
    assert match.slug is None and match.kind == kind, match


def test_unknown_words_are_reported(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.match("mitä ruokalassa on tänään").unknown_words == ("ruokalassa", "tanaan")


def test_a_near_tie_returns_the_runner_up_as_an_alternative(fixture_kb: KnowledgeBase) -> None:
    match = fixture_kb.match("kortti lukossa")  # the card, or its PIN?
    assert match.slug in {"pin", "kortti"} and match.ambiguous
    assert {c.slug for c in match.alternatives} == {"pin", "kortti"} - {match.slug}
    assert abs(match.alternatives[0].score - match.score) <= MatcherConfig().tie_margin


def test_a_clear_answer_has_no_alternatives(fixture_kb: KnowledgeBase) -> None:
    match = fixture_kb.match("pin-koodi lukossa")
    assert match.slug == "pin" and match.alternatives == () and not match.ambiguous


def test_the_threshold_decides_abstention(fixture_articles: list[Article]) -> None:
    strict = Matcher(fixture_articles, Synonyms(), MatcherConfig(threshold=0.99, short_threshold=0.99))
    match = strict.match("lukitsin asiakirjan")
    assert match.slug is None and match.kind == "none"
    assert match.alternatives and match.alternatives[0].slug == "lukitus"  # best guesses for a ticket


def test_an_empty_knowledge_base_answers_nothing() -> None:
    assert Matcher([], Synonyms()).match("pin lukossa").slug is None


def test_json_shape_of_a_match(fixture_kb: KnowledgeBase) -> None:
    data = fixture_kb.match("kortti lukossa").as_dict()
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


@pytest.mark.parametrize("question", ["mitä kuuluu", "sain sen", "mitä se tarkoittaa", "tiedot"])
def test_a_question_of_weak_words_only_has_no_topic(fixture_kb: KnowledgeBase, question: str) -> None:
    match = fixture_kb.match(question)
    assert match.slug is None and match.kind == "none" and match.alternatives == (), match


@pytest.mark.parametrize(
    ("question", "slug"),
    [("deskin aikataulu", "deski"), ("neuvontasession tiedot", "deski"), ("palveluyksikkövalikko", "yksikko"),
     ("lukitsenkohan asiakirjan", "lukitus"), ("onkohan pin lukossa", "pin"), ("mitätöinkö asiakirjan", "mitatointi"),
     ("sain virheilmoituksen kun lukitsin asiakirjan", "lukitus")],
)  # fmt: skip
def test_clitics_weak_words_and_generic_compound_parts_do_not_hide_the_topic(fixture_kb: KnowledgeBase, question: str, slug: str) -> None:
    assert fixture_kb.match(question).slug == slug


def test_a_generic_last_part_of_a_compound_weighs_little() -> None:
    vocabulary = Vocabulary(["palvelutehtava", "kentta", "lomake"])
    units = question_units("palvelutehtäväkenttä", vocabulary, Synonyms())
    assert [(u.word, u.weight, u.weak, u.exact) for u in units] == [("palvelutehtava", 1.0, False, False), ("kentta", WEAK, True, False)]


def test_a_short_clear_question_is_answered_below_the_threshold_but_not_with_an_unknown_word(fixture_articles: list[Article]) -> None:
    lenient = Matcher(fixture_articles, Synonyms(), MatcherConfig(threshold=0.9, short_threshold=0.17))
    strict = Matcher(fixture_articles, Synonyms(), MatcherConfig(threshold=0.9, short_threshold=0.9))
    short = lenient.match("deskin aikataulu")
    assert short.slug == "deski" and short.score < 0.9 and strict.match("deskin aikataulu").slug is None
    assert lenient.match("deski kopiokone").slug is None  # "kopiokone" is unknown: not clear at all
    assert lenient.match("deskin linkki puuttuu kalenterista taas").slug is None  # too long for the short rule


def test_a_guessed_word_keeps_some_doubt(fixture_kb: KnowledgeBase) -> None:
    index = fixture_kb.matcher.index
    (typo,) = question_units("asiakrjan", index.vocabulary, index.synonyms)
    (known,) = question_units("asiakirjan", index.vocabulary, index.synonyms)
    assert typo.word == "asiakirjan" and not typo.exact and 0.0 < typo.doubt < 0.2
    assert known.exact and known.doubt == 0.0


def test_example_similarity_reads_the_question_as_analysed(fixture_kb: KnowledgeBase) -> None:
    matcher = fixture_kb.matcher
    matcher.match("palveluyksikkövalikko lukitsenkohan")
    read = matcher._read_as(["palveluyksikkovalikko", "lukitsenkohan", "miten"])
    assert read[:2] == ["palveluyksikko", "valikko"] and read[-1] == "miten"
    assert normalised_question(read) == normalised_question("palveluyksikkö valikko lukitsen miten")


def test_a_long_situation_description_is_judged_against_a_lower_threshold() -> None:
    """The narrative around a long question is words no article has; they must not hide its clear topic."""
    question = "Kirjoitin eilen illalla pitkän raportin kotikäynnistä ja nyt mietin, miten lukitsen asiakirjan ennen kotiinlähtöä"
    flat = KnowledgeBase.from_directory(FIXTURE_KB, config=MatcherConfig(long_alpha=0.0)).match(question)
    scaled = KnowledgeBase.from_directory(FIXTURE_KB).match(question)
    assert flat.slug is None and flat.score < MatcherConfig().threshold
    assert scaled.slug == "lukitus" and scaled.score == pytest.approx(flat.score)
    assert KnowledgeBase.from_directory(FIXTURE_KB).match("ruokalan lista tänään ja huomenna").slug is None


def test_a_document_type_beside_another_topic_word_weighs_less(fixture_kb: KnowledgeBase) -> None:
    from knowledge.analysis import Unit, objects_weigh_less

    lock, decision, plan = Unit("lukita", (), True), Unit("paatoksen", (), True), Unit("palvelutarpeen arvion", (), True, 0.5, phrase=True)
    weighed = objects_weigh_less([lock, decision, plan], 0.5)
    assert [u.weight for u in weighed] == [1.0, 0.5, 0.25]  # the document types are the object, locking the topic
    assert objects_weigh_less([decision, plan], 0.5) == [decision, plan]  # "arkistoidaanko päätökset": the type is the topic
    assert fixture_kb.match("miten lukitsen päätöksen").slug == "lukitus"
