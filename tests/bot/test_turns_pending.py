"""Conversation: "what do I have unarchived?" (bot/turns/pending.py, bot/turns/phrases.py)."""

from __future__ import annotations

from sqlmodel import select

from archiving.db import read_only
from archiving.enums import DocumentStatus as S
from archiving.models import AuditEvent
from botkit import Conversation, RunningBot, fixture_activity, talk


async def test_no_pending_documents(anna: Conversation) -> None:
    await talk(anna, [("mitä minulla on arkistoimatta", "Sinulla ei ole keskeneräisiä asiakirjoja")])


async def test_pending_documents_grouped_by_state_with_problems_and_buttons(bot: RunningBot, anna: Conversation) -> None:
    d = bot.district
    ready = d.document(S.COMPLETED, title="Palvelusuunnitelma")
    broken = d.document(S.COMPLETED, title="Päätös ilman palvelua", social_services=[])
    locked = d.document(S.LOCKED, title="Lukittu muistio")
    d.document(S.COMPLETED, author="bertta", title="Bertan salainen päätös")
    (said,) = await talk(anna, [
        ("mitä minulla on arkistoimatta", [
            "Keskeneräiset asiakirjasi (3)",
            "Valmiit, lukitsemattomat asiakirjat (2)",
            "Lukitut, arkistoimattomat asiakirjat (1)",
            f"Palvelusuunnitelma · nro {ready}",
            f"Päätös ilman palvelua · nro {broken}",
            "on valittava vähintään yksi sosiaalipalvelu",
            f"Lukittu muistio · nro {locked}",
            "Lukitse ja arkistoi kaikki valmiit (2)",
        ]),
    ])  # fmt: skip
    assert "Bertan" not in said.text  # a worker sees their own documents only
    card = said.rendered[0]
    titles = [b.title for b in card.buttons]
    assert titles.count("Lukitse ja arkistoi") == 1 and titles.count("Lähetä arkistoon") == 1  # none for the broken one
    assert titles.count("Korjaa tiedot") == 3
    assert any(b.url and b.url.endswith("/ohjeet/sosiaalipalvelun-valinta") for b in card.buttons)
    with read_only(d.engine) as session:
        listed = {e.document_id for e in session.exec(select(AuditEvent).where(AuditEvent.action == "document.list"))}
    assert {ready, broken, locked} <= listed  # the read is audit-logged


async def test_many_ways_to_ask(bot: RunningBot, anna: Conversation) -> None:
    bot.district.document(S.COMPLETED, title="Palvelusuunnitelma")
    for phrasing in (
        "onko mulla arkistoimattomia",
        "näytä lukitsemattomat",
        "keskeneräiset asiakirjat",
        "Mitä mulla on arkistoimatta?",
        "mita minulla on arkistoimatta",  # no ä
        "nayta mun keskenräiset",  # typo, no ä
        "mitä mun pitää vielä arkistoida",
    ):
        said = await anna.say(phrasing)
        assert "Keskeneräiset asiakirjasi (1)" in said.text, phrasing


async def test_the_button_on_the_help_card_lists_them_too(bot: RunningBot, anna: Conversation) -> None:
    bot.district.document(S.COMPLETED, title="Palvelusuunnitelma")
    await talk(anna, [("hei", "Olen Arkistobotti"), ("[Näytä keskeneräiset asiakirjani]", "Palvelusuunnitelma")])


async def test_a_recorded_teams_card_submit_lists_them(bot: RunningBot, anna: Conversation) -> None:
    bot.district.document(S.COMPLETED, title="Palvelusuunnitelma")
    said = await anna.post(fixture_activity("submit", anna))  # Action.Submit of the help card, as Teams posts it
    assert said.status == 201 and "Keskeneräiset asiakirjasi (1)" in said.text
    assert said.activities[0].reply_to_id == "f:1c9d1a7e-recorded-submit"
