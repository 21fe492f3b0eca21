"""Finnish morphology beyond Snowball: stem rules, lemma families, clitics and possessive suffixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.morphology import LemmaError, LemmaFamilies, regular_stem, variants, without_clitics
from knowledge.normalise import snowball_stem, stem


@pytest.mark.parametrize(
    "family",
    [
        ["virheilmoitus", "virheilmoituksen", "virheilmoitukset"],  # -us / -ukse-
        ["asiakkuus", "asiakkuuden", "asiakkuudet"],  # -uus / -uude-
        ["kayttooikeus", "kayttooikeuden", "kayttooikeuksia"],  # -eus / -eude- / -euksi-
        ["sijainen", "sijaisen", "sijaiset"],  # -nen / -se-
        ["sahkoinen", "sahkoisesti"],
        ["arkistointi", "arkistoinnin", "arkistoinnissa"],  # nt / nn
        ["arviointi", "arvioinnin"],
        ["osallistua", "osallistuminen"],  # -ua / -uminen
        ["kayttokatko", "kayttokatkon", "kayttokatkoa"],  # -tko is not the clitic -ko
        ["katko", "katkon", "katkosta"],
    ],
)
def test_regular_rules_join_what_snowball_splits(family: list[str]) -> None:
    assert len({stem(word) for word in family}) == 1, {word: stem(word) for word in family}


def test_rules_leave_short_stems_alone() -> None:
    assert regular_stem("uks") == "uks" and regular_stem("kuis") == "kuis"
    assert regular_stem("virheilmoituks") == "virheilmoitus"


@pytest.mark.parametrize(
    "family",
    [
        ["lukita", "lukitsen", "lukitseminen", "lukitsemisen", "lukittu", "lukitus", "lukitaan"],
        ["pakollinen", "pakollista", "pakollisia"],
        ["sijainen", "sijaista", "sijaisena"],
        ["mitatoida", "mitatoin", "mitatointi", "mitatoity"],
        ["kirjautua", "kirjaudun", "kirjautuminen"],
        ["valita", "valitsen", "valinta", "valinnan"],
    ],
)
def test_the_packaged_lemma_families_join_irregular_forms(family: list[str]) -> None:
    assert len({stem(word) for word in family}) == 1, {word: stem(word) for word in family}


def test_families_keep_other_lemmas_apart() -> None:
    assert stem("lukitsemattomat") != stem("lukita")  # unlocked documents are their own topic
    assert stem("arkistoi") != stem("arkistoidaan")  # "Kuka arkistoi" must stay telling
    assert stem("sija") != stem("sijainen")  # a stem under five letters joins only by its listed spelling


def test_a_lemma_family_file_is_validated(tmp_path: Path) -> None:
    with pytest.raises(LemmaError, match="family 2: 'lukitsen' already belongs to family"):
        LemmaFamilies([["lukita", "lukitsen"], ["lukko", "lukitsen"]], snowball_stem)
    with pytest.raises(LemmaError, match="family 1: needs at least two single words"):
        LemmaFamilies([["lukita"]], snowball_stem)
    with pytest.raises(LemmaError, match="family 1: needs at least two single words"):
        LemmaFamilies([["lukita", "pin koodi"]], snowball_stem)
    bad = tmp_path / "lemmas.yaml"
    bad.write_text("families: lukita\n", encoding="utf-8")
    with pytest.raises(LemmaError, match="must be a list of lists"):
        LemmaFamilies.load(snowball_stem, bad)


def test_an_exact_form_joins_only_by_its_spelling() -> None:
    families = LemmaFamilies([["kirjata", "=kirjaan", "kirjaaminen"]], snowball_stem)
    assert families.family("kirjaan", snowball_stem("kirjaan")) == snowball_stem("kirjata")
    assert snowball_stem("kirjaan") not in families.by_stem
    assert families.family("kirjaamisen", snowball_stem("kirjaamisen")) == snowball_stem("kirjata")


@pytest.mark.parametrize(
    ("word", "peeled"),
    [("onkohan", ["onko", "on"]), ("lukitsenko", ["lukitsen"]), ("mitas", ["mita"]), ("korttikin", ["kortti"]),
     ("pitaakohan", ["pitaako", "pitaa"]), ("kaikkikaan", ["kaikki"]), ("kortti", []), ("ko", [])],
)  # fmt: skip
def test_clitics_are_peeled_one_at_a_time(word: str, peeled: list[str]) -> None:
    assert list(without_clitics(word)) == peeled


def test_colloquial_s_only_follows_a_vowel() -> None:
    assert list(without_clitics("asiakas")) == ["asiaka"]  # offered, but only accepted when the shorter word is known
    assert list(without_clitics("pins")) == []


def test_variants_drop_clitics_and_possessive_suffixes() -> None:
    assert "palveluyksikko" in list(variants("palveluyksikkoni"))
    assert list(variants("korttinikin"))[:2] == ["korttini", "kortti"]
    assert "tiimi" in list(variants("tiimimme"))
    assert "ni" not in list(variants("nini"))  # something must remain
