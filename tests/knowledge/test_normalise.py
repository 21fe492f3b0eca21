"""Finnish normalisation: folding, words, stems, stop words, small talk, synonyms, vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.normalise import content_words, fold, is_generic_head, is_weak, phrasing_words, small_talk_kind, stem, words
from knowledge.synonyms import SynonymError, Synonyms
from knowledge.vocabulary import Vocabulary


def test_fold_removes_case_and_diacritics_on_both_sides() -> None:
    assert fold("ARKISTOINTINÄYTÖLLÄ") == fold("arkistointinaytolla") == "arkistointinaytolla"
    assert fold("Åbo") == "abo" and fold("Mitätöinti") == "mitatointi"


def test_words_split_on_punctuation_and_drop_numbers() -> None:
    assert words("PIN-koodi lukittui 3 kertaa!") == ["pin", "koodi", "lukittui", "kertaa"]


def test_stemming_happens_after_folding() -> None:
    assert stem(fold("palvelutehtävän")) == stem("palvelutehtavan") == stem(fold("palvelutehtävä"))
    assert stem("asiakirjoja") == stem("asiakirjan") == stem("asiakirjat")


def test_content_words_drop_question_words_and_fillers() -> None:
    assert content_words("Mitä mun pitää tehdä kun PIN on lukossa?") == ["pin", "lukossa"]
    assert phrasing_words("Kuka arkistoi, kiitos") == ["kuka", "arkistoi"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("hei", "greeting"), ("Moikka!", "greeting"), ("hyvää huomenta", "greeting"), ("kiitos paljon!", "thanks"),
     ("kiitti avusta", "thanks"), ("hyvää viikonloppua kaikille", "farewell"),
     ("Mukavaa päivänjatkoa!", "farewell"), ("miten haen lomaa", None), ("hyvää lomaa, missä pin on?", None), ("ok", "empty"), ("???", "empty"), ("hei, pin on lukossa", None), ("kiitos, entä deski?", None)],
)  # fmt: skip
def test_small_talk_is_recognised_only_without_topic_words(text: str, kind: str | None) -> None:
    assert small_talk_kind(text) == kind


def test_synonym_groups_map_every_member_to_one_group() -> None:
    synonyms = Synonyms([["kortti", "ammattikortti"], ["deski", "neuvonta"]])
    assert synonyms.group(stem("ammattikortilla")) == synonyms.group(stem("kortti")) == stem("kortti")
    assert synonyms.group(stem("neuvontaan")) == stem("deski") and synonyms.group("muu") is None


@pytest.mark.parametrize(
    ("groups", "message"),
    [([["kortti"]], "group 1: a group needs at least two words"),
     ([["pin koodi", "tunnusluku"]], "group 1: 'pin koodi' must be one word"),
     ([["kortti", "lappu"], ["paperi", "korttia"]], "group 2: 'kort' is already in group 'kort'")],
)  # fmt: skip
def test_bad_synonym_groups_are_refused(groups: list[list[str]], message: str) -> None:
    with pytest.raises(SynonymError) as raised:
        Synonyms(groups)
    assert str(raised.value) == message


def test_the_packaged_synonym_file_loads(tmp_path: Path) -> None:
    assert len(Synonyms.load()) > 50
    bad = tmp_path / "s.yaml"
    bad.write_text("groups: kortti\n", encoding="utf-8")
    with pytest.raises(SynonymError, match="must be a list of lists"):
        Synonyms.load(bad)


def test_compounds_split_into_known_parts() -> None:
    vocabulary = Vocabulary(["palvelu", "yksikko", "neuvonta", "sessio", "pin", "koodi", "asiakas", "kertomus"])
    assert vocabulary.split("palveluyksikkoni") == ("palvelu", "yksikkoni")
    assert vocabulary.split("neuvontasessioon") == ("neuvonta", "sessioon")
    assert vocabulary.split("pinkoodi") == ("pin", "koodi")
    assert vocabulary.split("asiakaskertomuksia") == ("asiakas", "kertomuksia")
    assert vocabulary.split("ruokalassa") is None


def test_inflected_forms_are_neighbours_but_compounds_sharing_a_first_part_are_not() -> None:
    vocabulary = Vocabulary(["kanta", "asiakkuus", "asiakirja", "lukita", "lukitsemattomat"])
    assert [w for w, _ in vocabulary.neighbours("kantaan")] == ["kanta"]
    assert [w for w, _ in vocabulary.neighbours("asiakkuudesta")] == ["asiakkuus"]
    assert [w for w, _ in vocabulary.neighbours("lukitsen")] == ["lukita"]
    assert vocabulary.neighbours("asiakas") == ()


def test_typos_are_corrected_only_to_close_known_words() -> None:
    vocabulary = Vocabulary(["kortinlukija", "asiakirja", "mitatointi", "lokiin"])
    assert vocabulary.correct("kortinlukia")[0] == "kortinlukija"  # type: ignore[index]
    assert vocabulary.correct("asiakrija")[0] == "asiakirja"  # type: ignore[index]
    assert vocabulary.correct("lokeihin")[0] == "lokiin"  # type: ignore[index]
    assert vocabulary.correct("tulostin") is None
    assert vocabulary.correct("pin") is None  # too short to guess


def test_fold_by_character_table_equals_folding_the_whole_text() -> None:
    import unicodedata

    def whole(text: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))

    samples = ["ÄÖÅ äöå", "Straße", "ﬁnanssi", "e\u0301e\u0308\u0327", "İstanbul", "Ǆ", "Œuvre", "日本語", "a\u0345\u0301"]
    samples.append("".join(chr(c) for c in range(0x20, 0x3000)))
    for text in samples:
        assert fold(text) == whole(text)


def test_stop_words_are_recognised_with_a_clitic_or_inflected() -> None:
    assert content_words("Onkohan deski auki?") == ["deski", "auki"]
    assert content_words("mitäs pin") == ["pin"]
    assert content_words("pitääkö jokaisen itse arkistoida") == ["itse", "arkistoida"]  # jokainen, inflected
    assert content_words("koko ohje") == ["koko"]  # "ko" is a clitic, not a word that "koko" could be
    assert phrasing_words("Kukahan arkistoi, kiitoshan") == ["kuka", "arkistoi"]
    assert small_talk_kind("kiitoshan") == "thanks" and small_talk_kind("moikkapa") == "greeting"


def test_weak_words_are_common_verbs_and_generic_nouns_in_any_inflection() -> None:
    assert all(is_weak(w) for w in ["sain", "kuuluu", "tarkoittaa", "aikataulu", "tiedot", "kentassa", "valikosta"])
    assert all(is_weak(w) for w in ["heti", "eilen", "kerran", "kaksi", "seuraavana", "jaako", "jaanyt"])  # time, quantity, jäädä
    assert not any(is_weak(w) for w in ["deski", "palveluyksikko", "pin", "lukitus", "virheilmoitus"])
    assert is_generic_head("kenttaan") and is_generic_head("listalta") and not is_generic_head("sain")


def test_compounds_with_a_generic_last_part_split_even_when_no_article_has_that_part() -> None:
    vocabulary = Vocabulary(["palvelutehtava", "sosiaalipalvelu", "deski"])
    assert vocabulary.split("palvelutehtavakentta") == ("palvelutehtava", "kentta")
    assert vocabulary.split("sosiaalipalveluvalikosta") == ("sosiaalipalvelu", "valikosta")
    assert vocabulary.split("deskiaikataulu") == ("deski", "aikataulu")
    assert vocabulary.split("deskiruokala") is None
