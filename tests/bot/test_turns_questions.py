"""Conversation: questions answered from the instructions, feedback, near ties, honest abstention (bot/turns/questions.py)."""

from __future__ import annotations

import json

from sqlmodel import select

from archiving.db import read_only
from archiving.enums import DocumentStatus as S
from botkit import NOW, Conversation, RunningBot, talk
from knowledge.models import KbFeedback, KbQuestionLog
from knowledge.service import KnowledgeBase


async def test_a_question_gets_the_instruction_as_a_card(anna: Conversation) -> None:
    (said,) = await talk(anna, [("miten lukitsen asiakirjan", ["lukit", "Auttoiko tämä?", "Kyllä", "Ei"])])
    card = said.rendered[0]
    assert any(b.url == "https://arkistobotti.example.invalid/ohjeet/asiakirjan-lukitseminen" for b in card.buttons)


async def test_feedback_is_recorded_once_per_answer(bot: RunningBot, anna: Conversation) -> None:
    await talk(anna, [("miten lukitsen asiakirjan", "Auttoiko tämä?"), ("[Kyllä]", "Kiitos palautteesta!")])
    with read_only(bot.district.engine) as session:
        (log,) = session.exec(select(KbQuestionLog)).all()
        (feedback,) = session.exec(select(KbFeedback)).all()
        assert feedback.question_log_id == log.id and feedback.helpful is True
        assert log.slug == "asiakirjan-lukitseminen"


async def test_unhelpful_answer_offers_the_desk(anna: Conversation) -> None:
    (_, said) = await talk(anna, [("miten lukitsen asiakirjan", "Auttoiko tämä?"), ("[Ei]", "kerron ohjeiden kirjoittajille")])
    assert said.button("Jonota deskiin")["action"] == "desk.join"
    assert said.button("Jätä tukipyyntö")["question"] == "miten lukitsen asiakirjan"


async def test_feedback_for_a_question_this_conversation_did_not_ask(bot: RunningBot, anna: Conversation) -> None:
    await talk(anna, [("miten lukitsen asiakirjan", "Auttoiko tämä?")])
    other = bot.conversation("aad-bertta", "Bertta Berg")
    log_id = anna.last.button("Kyllä")["log_id"]  # type: ignore[union-attr]
    await talk(other, [({"action": "kb.feedback", "log_id": log_id, "helpful": False}, "En löytänyt kysymystä")])
    await talk(anna, [({"action": "kb.feedback", "log_id": log_id, "helpful": "maybe"}, "En löytänyt kysymystä")])


async def test_no_confident_answer_says_so_and_offers_desk_and_ticket(anna: Conversation) -> None:
    (said,) = await talk(anna, [("mitä ruokalassa on tänään", ["En löytänyt tähän varmaa vastausta", "Neuvontadeski auttaa"])])
    join, ticket = said.button("Jonota deskiin"), said.button("Jätä tukipyyntö")
    assert join["action"] == "desk.join" and ticket["action"] == "ticket.open"
    assert ticket["question"] == "mitä ruokalassa on tänään"
    assert "Ehkä jokin näistä" not in said.text  # nothing near enough to offer


async def test_no_confident_answer_offers_the_weaker_guesses_to_try(anna: Conversation) -> None:
    # vague enough that no instruction is vouched for (the tietohuolto article now answers "tietojen huolto effikassa…")
    (said,) = await talk(anna, [("mitä multa odotetaan effikassa", ["En löytänyt tähän varmaa vastausta", "Ehkä jokin näistä ohjeista auttaa", "Neuvontadeski auttaa"])])
    guess = said.button("Tietohuolto")
    assert guess["action"] == "kb.show" and guess["slug"] == "tietohuolto"
    (shown,) = await talk(anna, [(guess, "Auttoiko tämä?")])
    await talk(anna, [(shown.button("Kyllä"), "Kiitos palautteesta")])


async def test_a_question_too_general_for_one_instruction_gets_a_choice(anna: Conversation) -> None:
    (said,) = await talk(anna, [("voisitko auttaa minua arkistoinnissa", ["Kysymyksesi sopii useaan ohjeeseen", "Neuvontadeski auttaa"])])
    assert "En löytänyt" not in said.text
    assert [said.button(title)["action"] for title in ("Arkistointi epäonnistui", "Kuka arkistoi")] == ["kb.show"] * 2


# Phrasings that sit between two instructions; the knowledge base reports such near ties as alternatives.
BETWEEN_TWO = (
    "Kuka arkistoi asiakirjat?",
    "mita arkistointinaytolla pitaa merkita",
    "mikä palveluyksikkö ja sosiaalipalvelu valitaan",
    "miten korjaan arkistoidun asiakirjan palvelutehtävän",
    "asiakirja lukittiin liian aikaisin mitä teen",
    "kuka vastaa asiakkuustietojen arkistoinnista",
    "väärä palveluyksikkö",  # choosing the unit, or correcting it?
    "palvelutehtävä ja sosiaalipalvelu",
)


async def test_near_tie_offers_did_you_mean(bot: RunningBot, anna: Conversation, knowledge: KnowledgeBase) -> None:
    ties = [q for q in BETWEEN_TWO if knowledge.match(q).ambiguous]
    assert ties, "none of the phrasings is a near tie any more: pick new ones"
    question = ties[0]
    runner_up = knowledge.match(question).alternatives[0].slug
    (said,) = await talk(anna, [(question, ["Tarkoititko jotakin näistä?", "Auttoiko tämä?"])])
    choice = said.button(knowledge.get(runner_up).title)  # type: ignore[union-attr]
    assert choice == {"action": "kb.show", "slug": runner_up, "log_id": choice["log_id"]}
    await talk(anna, [(choice, ["Auttoiko tämä?"])])
    await talk(anna, [({"action": "kb.show", "slug": "../../etc/passwd"}, "Painikkeen tiedot olivat virheelliset")])


async def test_how_to_question_about_pending_documents_is_answered_with_a_button_to_the_list(bot: RunningBot, anna: Conversation) -> None:
    bot.district.document(S.COMPLETED, title="Palvelusuunnitelma")
    (said,) = await talk(anna, [("miten löydän lukitsemattomat asiakirjat", ["Auttoiko tämä?", "Näytä omat keskeneräiset asiakirjani"])])
    await talk(anna, [("[Näytä omat keskeneräiset]", "Palvelusuunnitelma")])


async def test_thanks_gets_a_short_answer(anna: Conversation) -> None:
    await talk(anna, [("kiitos!", "Ole hyvä")])


async def test_good_wishes_are_returned_not_matched_to_an_instruction(anna: Conversation) -> None:
    await talk(anna, [("hyvää viikonloppua kaikille", "Kiitos, samoin"), ("Mukavaa päivänjatkoa!", "Kiitos, samoin")])


async def test_a_henkilotunnus_typed_into_a_question_is_never_repeated(bot: RunningBot, anna: Conversation) -> None:
    code = bot.district.hetus[0]
    for text in (f"miten arkistoin asiakkaan {code} päätöksen", f"{code} ruokalista tänään"):
        said = await anna.say(text)
        assert said.status == 201 and said.activities
        raw = json.dumps([a.activity for a in said.activities], ensure_ascii=False)
        assert code not in raw and code.lower() not in raw.lower()
    with read_only(bot.district.engine) as session:
        assert all(code not in log.question for log in session.exec(select(KbQuestionLog)).all())


async def test_no_answer_leads_to_the_desk_queue_and_a_ticket(bot: RunningBot, anna: Conversation) -> None:
    """The bot's "I don't know" buttons are handled by the desk's chat handlers (bot/desk/chat.py)."""
    from bot.desk.config import DeskConfig
    from bot.desk.sessions import generate

    generate(bot.district.engine, DeskConfig.from_settings(bot.settings), now=NOW)
    (no_answer,) = await talk(anna, [("mitä ruokalassa on tänään", ["En löytänyt tähän varmaa vastausta", "Seuraava deskivuoro: maanantaina 23.11. klo 13.00–13.30."])])
    await talk(anna, [(no_answer.button("Jonota deskiin"), ["Lisäsin sinut jonoon deskiin", "mitä ruokalassa on tänään", "sijalla 1"])])
    await talk(anna, [(no_answer.button("Jätä tukipyyntö"), ["Avasin tiketin #", "mitä ruokalassa on tänään"])])


async def test_small_talk_gets_the_help_card_not_an_i_dont_know(anna: Conversation) -> None:
    await talk(anna, [("hyvää huomenta arkistobotti", "Olen Arkistobotti"), ("terve vaan", "Olen Arkistobotti")])
