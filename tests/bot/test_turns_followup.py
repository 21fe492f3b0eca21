"""Conversation: follow-up questions in the context of the answer just given, its expiry, near-domain questions, chat-sized answers."""

from __future__ import annotations

from bot.turns.questions import FOLLOW_UP_MINUTES
from botkit import Conversation, RunningBot, talk
from knowledge.chat_answer import MAX_LINES, lines_before_link

LOCKING = "Valmiin asiakirjan lukitseminen"


def _title(said) -> str:  # type: ignore[no-untyped-def]
    return said.rendered[0].lines[0]


async def test_a_follow_up_is_about_the_answer_just_given(anna: Conversation) -> None:
    first, follow = await talk(
        anna, [("miten asiakirja lukitaan", LOCKING), ("entä jos se on jo lukittu ja huomaan virheen?", ["Auttoiko tämä?"])]
    )
    assert _title(first) == _title(follow) == LOCKING


async def test_a_follow_up_without_topic_words_of_its_own(anna: Conversation) -> None:
    first, follow = await talk(anna, [("arkistoin väärälle asiakkaalle", "Auttoiko tämä?"), ("kuka sen voi tehdä?", "Auttoiko tämä?")])
    assert _title(first) == _title(follow) == "Asiakirjan mitätöinti"


async def test_a_follow_up_with_a_topic_of_its_own_changes_the_subject(anna: Conversation) -> None:
    _, follow = await talk(anna, [("pin lukossa", "PIN"), ("toinen juttu: miten pääsen neuvontadeskiin?", "Auttoiko tämä?")])
    assert _title(follow) == "Neuvontadeski"


async def test_the_context_expires(bot: RunningBot, anna: Conversation) -> None:
    await talk(anna, [("arkistoin väärälle asiakkaalle", "Asiakirjan mitätöinti")])
    bot.clock.advance(minutes=FOLLOW_UP_MINUTES + 1)
    (later,) = await talk(anna, [("kuka sen voi tehdä?", "Arkistobotti")])  # no context left: the help card
    assert "Asiakirjan mitätöinti" not in later.text


async def test_a_chosen_instruction_becomes_the_context(anna: Conversation) -> None:
    (general,) = await talk(anna, [("arkistointi", "Tarkoititko")])
    choice = general.rendered[0].buttons[0]
    assert choice.data is not None and choice.data["action"] == "kb.show"
    (shown,) = await talk(anna, [(dict(choice.data), "Auttoiko tämä?")])
    (follow,) = await talk(anna, [("entä kuka sen tekee?", "Auttoiko tämä?")])
    assert _title(follow) == _title(shown)


async def test_a_near_domain_question_is_declined_with_what_the_bot_covers(anna: Conversation) -> None:
    (said,) = await talk(
        anna, [("miten uusin asiakkaan reseptin omakannassa", ["Omakanta ja terveydenhuollon Kanta-palvelut", "Neuvon Kanta-arkistointiin", "Neuvontadeski auttaa"])]
    )
    assert said.button("Jonota deskiin")["action"] == "desk.join" and "Ehkä jokin näistä" not in said.text


async def test_the_answer_is_sized_for_chat(anna: Conversation) -> None:
    (said,) = await talk(anna, [("miten lukitsen asiakirjan", [LOCKING, "1. Avaa asiakirja", "Apua saat", "Avaa koko ohje"])])
    card = said.activities[0].cards[0]
    assert lines_before_link(card) <= MAX_LINES
    text = said.text
    assert "Mistä saat apua" not in text and "Jos jokin menee vikaan" not in text  # the whole article is behind the link
    assert text.count("Valmis asiakirja pitää lukita") == 1  # the short answer once, not again as a first paragraph
