"""Conversation: lock and archive from chat, then a proactive result (bot/turns/archive.py, bot/notifier.py)."""

from __future__ import annotations

from sqlmodel import select

from archiving.db import read_only
from archiving.enums import DocumentStatus as S
from archiving.models import Document
from bot.models import ChatSubmission, OutboxMessage
from botkit import Conversation, RunningBot, eventually, talk


def status(bot: RunningBot, document_id: int) -> str:
    with read_only(bot.district.engine) as session:
        document = session.get(Document, document_id)
        assert document is not None
        return document.status


async def test_archive_one_document_and_hear_the_result(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED, title="Palvelusuunnitelma")
    await talk(anna, [
        ("mitä minulla on arkistoimatta", "Palvelusuunnitelma"),
        ("[Lukitse ja arkistoi]", ["Lukitaanko ja arkistoidaanko 1 asiakirja?", f"Palvelusuunnitelma · nro {doc}"]),
    ])  # fmt: skip
    assert status(bot, doc) == S.COMPLETED  # nothing happens before the worker confirms
    await talk(anna, [("[Kyllä, lukitse ja arkistoi]", "Lähetin 1 asiakirjan arkistointijonoon. Kerron, kun se on arkistoitu.")])
    # the in-process queue archives it in the embedded archive; the notifier tells the worker
    activities = await bot.connector.wait_for(anna.id, count=len(bot.connector.for_conversation(anna.id)) + 1)
    result = activities[-1]
    assert result.reply_to_id is None  # proactive, not a reply
    assert f'Asiakirja "Palvelusuunnitelma" (nro {doc}) on arkistoitu Kantaan.' in result.text
    assert status(bot, doc) == S.ARCHIVED
    with read_only(bot.district.engine) as session:
        (submission,) = session.exec(select(ChatSubmission)).all()
        assert submission.outcome == "archived" and submission.notified_at is not None

    def delivered() -> bool:
        with read_only(bot.district.engine) as session:
            (message,) = session.exec(select(OutboxMessage)).all()
            return message.sent_at is not None

    await eventually(delivered)


async def test_archive_all_ready_documents(bot: RunningBot, anna: Conversation) -> None:
    first = bot.district.document(S.COMPLETED, title="Ensimmäinen")
    second = bot.district.document(S.LOCKED, title="Toinen")
    broken = bot.district.document(S.COMPLETED, title="Rikki", service_task_code=None)
    await talk(anna, [
        ("keskeneräiset asiakirjat", "Lukitse ja arkistoi kaikki valmiit (2)"),
        ("[kaikki valmiit]", ["Arkistoidaanko 2 asiakirjaa?", "Niistä yksi on valmis ja lukitaan ensin.", "Ensimmäinen", "Toinen"]),
        ("[Kyllä, lukitse ja arkistoi]", "Lähetin 2 asiakirjaa arkistointijonoon"),
    ])  # fmt: skip
    await bot.connector.wait_for(anna.id, count=len(bot.connector.for_conversation(anna.id)) + 1)
    assert "2 asiakirjaasi on arkistoitu Kantaan" in bot.connector.for_conversation(anna.id)[-1].text
    assert (status(bot, first), status(bot, second), status(bot, broken)) == (S.ARCHIVED, S.ARCHIVED, S.COMPLETED)


async def test_a_locked_document_is_sent_not_locked_again(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.LOCKED, title="Lukittu päätös")
    said = await anna.press({"action": "archive.confirm", "doc_ids": [doc]})
    assert "Lähetetäänkö 1 asiakirja arkistoon?" in said.text
    assert "Lukitaanko" not in said.text and "sisältöä ei voi enää muokata" not in said.text
    await talk(anna, [("[Kyllä, lähetä arkistoon]", "Lähetin 1 asiakirjan arkistointijonoon. Kerron, kun se on arkistoitu.")])


async def test_cancel_changes_nothing(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    await talk(anna, [
        ({"action": "archive.confirm", "doc_ids": [doc]}, "Lukitaanko ja arkistoidaanko 1 asiakirja?"),
        ("[Peruuta]", "en lukinnut enkä arkistoinut mitään"),
    ])  # fmt: skip
    assert status(bot, doc) == S.COMPLETED


async def test_a_confirmation_works_once(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    await talk(anna, [({"action": "archive.confirm", "doc_ids": [doc]}, "Lukitaanko")])
    yes = anna.last.button("Kyllä")  # type: ignore[union-attr]
    await talk(anna, [(yes, "Lähetin 1 asiakirjan"), (yes, "Tämä vahvistus on jo käytetty")])


async def test_a_forged_confirmation_archives_nothing(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    await talk(anna, [({"action": "archive.submit", "token": "0123456789abcdef", "doc_ids": [doc]}, "Tämä vahvistus on jo käytetty")])
    assert status(bot, doc) == S.COMPLETED


async def test_someone_elses_document_cannot_be_archived(bot: RunningBot, anna: Conversation) -> None:
    theirs = bot.district.document(S.COMPLETED, author="bertta")
    await talk(anna, [({"action": "archive.confirm", "doc_ids": [theirs]}, f"Asiakirjaa {theirs} ei löytynyt")])
    assert status(bot, theirs) == S.COMPLETED


async def test_bad_document_ids_in_a_button(anna: Conversation) -> None:
    for value in ({"action": "archive.confirm", "doc_ids": "1"}, {"action": "archive.confirm", "doc_ids": ["x1"]},
                  {"action": "archive.confirm", "doc_ids": [True]}, {"action": "archive.confirm"}):  # fmt: skip
        said = await anna.press(value)
        assert "Painikkeen tiedot olivat virheelliset" in said.text, value


async def test_a_document_that_cannot_go_is_explained(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED, title="Puutteellinen", service_task_code=None)
    await talk(anna, [({"action": "archive.confirm", "doc_ids": [doc]}, ["Näitä en voi vielä arkistoida", "Palvelutehtävä puuttuu"])])
