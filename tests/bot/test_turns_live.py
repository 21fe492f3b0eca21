"""Conversation: answers from the worker's own live data in several phrasings (bot/live), over the real HTTP endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from archiving.audit import DOCUMENT_LIST
from archiving.db import read_only, transaction
from archiving.enums import DocumentStatus as S, Role
from archiving.models import AuditEvent, Document, WorkerRole
from bot.desk import sessions
from bot.desk.config import DeskConfig
from bot.live import LiveIntent, live_intent
from botkit import Conversation, RunningBot, talk

FIXTURES = Path(__file__).resolve().parents[1] / "knowledge" / "fixtures"


def _make_contact_person(bot: RunningBot, key: str) -> None:
    with transaction(bot.district.engine) as session:
        session.add(WorkerRole(worker_id=bot.district.workers[key], role=Role.CONTACT_PERSON))


def _fail(bot: RunningBot, author: str, error: str, title: str = "Vammaispalvelupäätös") -> int:
    document_id = bot.district.document(S.FAILED, author=author, title=title)
    with transaction(bot.district.engine) as session:
        document = session.get(Document, document_id)
        assert document is not None
        document.last_error, document.last_error_code, document.error_retryable = error, "INVALID_METADATA", False
    return document_id


def _list_audits(bot: RunningBot) -> int:
    with read_only(bot.district.engine) as session:
        return len(session.exec(select(AuditEvent).where(AuditEvent.action == DOCUMENT_LIST)).all())


@pytest.mark.parametrize("folder", ["blind-w1", "blind-w2"])
def test_the_blind_live_phrasings_reach_their_answers(folder: str) -> None:
    live_set = FIXTURES / folder / "live.jsonl"
    rows = [json.loads(line) for line in live_set.read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = [r["q"] for r in rows if live_intent(r["q"]) != LiveIntent(r["intent"])]
    assert len(rows) == 80 and len(wrong) <= 1, wrong


@pytest.mark.parametrize(
    "question",
    ["mitä arkistointiyhteyshenkilö tekee", "arkistointi epäonnistui mitä teen", "miten deskiin pääsee",
     "onko deski pakollinen", "miten löydän lukitsemattomat asiakirjat", "Minut nimettiin tiimin yhteyshenkilöksi, mitkä ovat tehtäväni?"],
)  # fmt: skip
def test_how_to_questions_stay_with_the_instructions(question: str) -> None:
    assert live_intent(question) is None


@pytest.mark.parametrize(
    "question",
    ["kuka on meidän arkistointiyhteyshenkilö", "meidan arkistoyhteyshenkilo kuka", "yhteyshenkilö?",
     "kenelt mä kysyn meidän tiimissä, kuka on arkisto yhteyshenkilö"],
)  # fmt: skip
async def test_the_contact_person_of_ones_own_unit_by_name(bot: RunningBot, anna: Conversation, question: str) -> None:
    _make_contact_person(bot, "olli")  # Olli works in Anna's unit; Bertta's unit has nobody
    (said,) = await talk(anna, [(question, ["Vammaispalvelut, Keskusta", "Olli Oton (olli@example.invalid)"])])
    assert any(b.url and b.url.endswith("/ohjeet/arkistointiyhteyshenkilo") for b in said.rendered[0].buttons)
    bertta = bot.conversation("aad-bertta", "Bertta Berg")
    await talk(bertta, [(question, "ei ole botin tiedoissa nimetty arkistointiyhteyshenkilöä")])


@pytest.mark.parametrize(
    "question",
    ["miksi mun asiakirja ei mennyt arkistoon", "miks arkistointi epäonnistu", "hylätty asiakirja syy",
     "Arkistoin aamulla kolme asiakirjaa ja yksi niistä näkyy punaisena. Mikä siinä meni pieleen?"],
)  # fmt: skip
async def test_why_ones_own_archiving_failed(bot: RunningBot, anna: Conversation, question: str) -> None:
    _fail(bot, "anna", "Palvelutehtävä puuttuu asiakirjan tiedoista", title="Palvelutarpeen arviointi")
    _fail(bot, "bertta", "Bertan oma virhe", title="Bertan päätös")  # someone else's failure is never shown
    before = _list_audits(bot)
    (said,) = await talk(anna, [(question, ["Epäonnistuneet arkistointisi (1)", "Palvelutarpeen arviointi", "Palvelutehtävä puuttuu"])])
    assert "Bertan" not in said.text
    assert said.button("Korjaa tiedot")["action"] == "meta.form"
    assert _list_audits(bot) > before  # reading the worker's documents is audited
    bertta = bot.conversation("aad-bertta", "Bertta Berg")
    await talk(bertta, [(question, ["Epäonnistuneet arkistointisi (1)", "Bertan päätös"])])


async def test_no_failures_says_so(anna: Conversation) -> None:
    await talk(anna, [("miksi mun asiakirja ei mennyt arkistoon", "Sinulla ei ole epäonnistuneita arkistointeja")])


@pytest.mark.parametrize(
    "question",
    ["montako lukitsematonta mulla on", "paljonko mulla on vielä arkistoitavaa", "kuinka monta mun asiakirjaa odottaa arkistointia",
     "onks mulla jotain arkistoimatta", "lukitsemattomat kpl"],
)  # fmt: skip
async def test_how_many_documents_are_waiting(bot: RunningBot, anna: Conversation, question: str) -> None:
    bot.district.document(S.COMPLETED)
    bot.district.document(S.COMPLETED)
    _fail(bot, "anna", "Sosiaalipalvelu puuttuu")
    before = _list_audits(bot)
    await talk(anna, [(question, ["Sinulla on 3 asiakirjaa arkistoimatta: 2 valmista mutta lukitsematonta ja 1 epäonnistunut", "Lukitse ja arkistoi"])])
    assert _list_audits(bot) > before


@pytest.mark.parametrize(
    "question", ["koska se deski on auki?", "onks tänää deskiä", "mihin aikaan deski alkaa tänään", "milloin seuraava neuvonta", "deskin seuraava aika"]
)
async def test_the_next_desk_session_whatever_the_phrasing(bot: RunningBot, anna: Conversation, question: str) -> None:
    sessions.generate(bot.district.engine, DeskConfig.from_settings(bot.settings), now=bot.clock(), weeks=1)
    await talk(anna, [(question, ["Seuraava deski on maanantaina 23.11. klo 13.00–13.30", "Tapaamislinkki"])])


async def test_a_how_to_question_about_the_desk_gets_the_instruction(bot: RunningBot, anna: Conversation) -> None:
    sessions.generate(bot.district.engine, DeskConfig.from_settings(bot.settings), now=bot.clock(), weeks=1)
    await talk(anna, [("miten deskiin pääsee", ["Neuvontadeski", "Auttoiko tämä?"])])
