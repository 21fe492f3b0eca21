"""Personal data is removed from questions before they are stored."""

from __future__ import annotations

import pytest

from knowledge.redaction import is_common_name, redact


@pytest.mark.parametrize(
    ("question", "stored"),
    [
        ("Arkistoin asiakkaan 131052-308T asiakirjan väärin", "Arkistoin asiakkaan [hetu] asiakirjan väärin"),
        ("hetu 010203a123b ei näy", "hetu [hetu] ei näy"),
        ("hetu 1102031234 ilman merkkiä", "hetu [numero] ilman merkkiä"),
        ("soita 040 123 4567 tai +358 40 1234567", "soita [puhelin] tai [puhelin]"),
        ("laita viesti matti.meikalainen@hyvinvointialue.fi", "laita viesti [sähköposti]"),
        ("Arkistoin Matti Virtasen asiakirjan väärälle", "Arkistoin [nimi] asiakirjan väärälle"),
        ("mulla on liisa virtasen paperit kesken", "mulla on [nimi] paperit kesken"),
        ("asiakkaan nimi on pekka", "asiakkaan nimi on [nimi]"),
        ("Soitin eilen Hämäläiselle asiasta", "Soitin eilen [nimi] asiasta"),
        ("kävin Lappeenrannassa ja Ylläksellä", "kävin [nimi] ja [nimi]"),
        ("asiakasnumero 1234567 ja kortti", "asiakasnumero [numero] ja kortti"),
        # question words that fold to a name (mikä → Mika) stay; the name written as a name does not
        ("mikä on palkkapäivä", "mikä on palkkapäivä"),
        ("Mikä on palkkapäivä?", "Mikä on palkkapäivä?"),
        ("mika on pin", "mika on pin"),
        ("Mika soitti eilen", "[nimi] soitti eilen"),
        ("Soitin Mika Virtaselle", "Soitin [nimi]"),
    ],
)
def test_personal_data_is_replaced(question: str, stored: str) -> None:
    assert redact(question) == stored


def test_words_the_knowledge_base_uses_are_not_names() -> None:
    known = {"kanta", "effica", "arkisto", "anna"}.__contains__
    assert redact("Miten kirjaudun Efficaan ja Kanta-arkistoon?", lambda w: known(w) or w == "efficaan") == "Miten kirjaudun Efficaan ja Kanta-arkistoon?"
    assert redact("anna PIN-koodi uudelleen", known) == "anna PIN-koodi uudelleen"
    assert redact("DVV ja PUK eivät ole nimiä") == "DVV ja PUK eivät ole nimiä"


def test_surnames_are_recognised_in_their_inflected_forms() -> None:
    assert is_common_name("virtasen") and is_common_name("korhoselle") and is_common_name("matti")
    assert not is_common_name("asiakirja") and not is_common_name("kortti")
