"""Conversation: fixing metadata with a card of valid choices (bot/turns/metadata.py)."""

from __future__ import annotations

from sqlmodel import select

from archiving.db import read_only, transaction
from archiving.enums import DocumentStatus as S
from archiving.models import AuditEvent, Document, DocumentSocialService
from botkit import UNIT_A, UNIT_B, Conversation, RunningBot, eventually, talk


def metadata(bot: RunningBot, doc: int) -> tuple[str, str | None, list[str], int | None, int]:
    with read_only(bot.district.engine) as session:
        document = session.get(Document, doc)
        assert document is not None
        services = sorted(session.exec(select(DocumentSocialService.code).where(DocumentSocialService.document_id == doc)).all())
        return document.status, document.service_task_code, services, document.service_unit_id, document.version


async def test_fix_a_missing_social_service(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED, title="Päätös", social_services=[])
    (_, form) = await talk(anna, [
        ("mitä minulla on arkistoimatta", "on valittava vähintään yksi sosiaalipalvelu"),
        ("[Korjaa tiedot]", [f"Asiakirjan tiedot: Päätös (nro {doc})", "Palvelutehtävä: Vammaispalvelut (20)"]),
    ])  # fmt: skip
    inputs = form.inputs()
    offered = {value for value, _ in inputs["social_services"].choices}
    assert offered == {"24", "37", "46", "51", "55", "85", "93", "94"}  # those of service task 20 only
    assert "2" not in offered  # Ammatillinen perhehoito belongs to child welfare
    await talk(anna, [
        (form.button("Tallenna") | {"service_task": "20", "social_services": "37,46", "service_unit": UNIT_A},
         ['Tallensin asiakirjan "Päätös"', "Tiedot ovat nyt kunnossa"]),
    ])  # fmt: skip
    assert metadata(bot, doc)[:3] == (S.COMPLETED, "20", ["37", "46"])
    with read_only(bot.district.engine) as session:
        fixes = session.exec(select(AuditEvent).where(AuditEvent.action == "document.fix", AuditEvent.document_id == doc)).all()
        assert len(fixes) == 1 and fixes[0].channel == "chat" and fixes[0].actor_id == bot.district.workers["anna"]


async def test_changing_the_task_redraws_the_social_services(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    refreshed = await anna.press(form.button("Päivitä vaihtoehdot") | {"service_task": "10"})
    offered = {value for value, _ in refreshed.inputs()["social_services"].choices}
    assert offered == {"2", "24", "31", "46"}  # child welfare's services
    assert refreshed.inputs()["service_task"].value == "10"
    await talk(anna, [(refreshed.button("Tallenna") | {"service_task": "10", "social_services": "31", "service_unit": UNIT_B}, "Tallensin")])
    assert metadata(bot, doc)[1:4] == ("10", ["31"], bot.district.units[UNIT_B])


async def test_task_changed_without_refresh_asks_again_and_saves_nothing(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    said = await anna.press(form.button("Tallenna") | {"service_task": "10", "social_services": "37", "service_unit": UNIT_A})
    assert "Vaihdoit palvelutehtävän" in said.text and "mitään ei vielä muutettu" in said.text
    assert {v for v, _ in said.inputs()["social_services"].choices} == {"2", "24", "31", "46"}
    assert metadata(bot, doc)[1:3] == ("20", ["37"])


async def test_values_that_were_not_offered_change_nothing(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    save = form.button("Tallenna")
    for inputs, expected in (
        ({"service_task": "99", "social_services": "37", "service_unit": UNIT_A}, 'Palvelutehtävä: valinta "99"'),
        ({"service_task": "20", "social_services": "2", "service_unit": UNIT_A}, 'Sosiaalipalvelut: valinta "2"'),
        ({"service_task": "20", "social_services": "37", "service_unit": "1.2.3.evil"}, 'Palveluyksikkö: valinta "1.2.3.evil"'),
        ({"service_task": "20", "social_services": ["37"], "service_unit": UNIT_A}, "Painikkeen tiedot olivat virheelliset"),
    ):
        said = await anna.press(save | inputs)
        assert expected in said.text, inputs
    assert metadata(bot, doc)[1:4] == ("20", ["37"], bot.district.units[UNIT_A])


async def test_tampered_or_foreign_document_numbers(bot: RunningBot, anna: Conversation) -> None:
    theirs = bot.district.document(S.COMPLETED, author="bertta")
    await talk(anna, [
        ({"action": "meta.form", "doc_id": theirs}, f"Asiakirjaa {theirs} ei löytynyt"),
        ({"action": "meta.save", "doc_id": theirs, "service_task": "20", "social_services": "46", "service_unit": UNIT_A},
         f"Asiakirjaa {theirs} ei löytynyt"),
        ({"action": "meta.form", "doc_id": "1; DROP TABLE document"}, "Painikkeen tiedot olivat virheelliset"),
        ({"action": "meta.form", "doc_id": 999999}, "Asiakirjaa 999999 ei löytynyt"),
    ])  # fmt: skip
    assert metadata(bot, theirs)[1:3] == ("20", ["37"])


async def test_no_changes_is_said_plainly(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    await talk(anna, [(form.button("Tallenna") | {"service_task": "20", "social_services": "37", "service_unit": UNIT_A}, "Et muuttanut mitään")])


async def test_fixing_an_archived_document_makes_a_correction_that_is_archived(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED, title="Arkistoitu päätös")
    await anna.press({"action": "archive.confirm", "doc_ids": [doc]})
    await anna.press("Kyllä")
    await eventually(lambda: metadata(bot, doc)[0] == S.ARCHIVED)
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    assert "Tallennus tekee siitä korjatun version" in form.text
    ask = await anna.press(form.button("Tallenna") | {"service_task": "20", "social_services": "37,51", "service_unit": UNIT_A})
    assert "Tallennetaanko korjaus?" in ask.text and "tehdään uusi versio" in ask.text
    assert metadata(bot, doc)[::4] == (S.ARCHIVED, 1) and metadata(bot, doc)[2] == ["37"]  # nothing before the worker confirms
    said = await anna.press("Kyllä, tallenna ja lähetä")
    assert "tehtiin versio 2, joka lähtee arkistoon korvaamaan aiemman" in said.text
    await eventually(lambda: metadata(bot, doc)[0] == S.ARCHIVED and metadata(bot, doc)[4] == 2)
    await eventually(lambda: any("on arkistoitu Kantaan" in a.text for a in bot.connector.for_conversation(anna.id)[-1:]))


async def test_a_queued_document_cannot_be_fixed_now(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED)
    with transaction(bot.district.engine) as session:  # queued without a job, so the in-process queue leaves it be
        document = session.get(Document, doc)
        assert document is not None
        document.status = S.QUEUED
    await talk(anna, [({"action": "meta.form", "doc_id": doc}, "jonossa arkistoon, joten sen tietoja ei voi nyt muuttaa")])


def _fail(bot: RunningBot, doc: int, *, retryable: bool = False) -> None:
    """The archive refused the document (as the queue records a refusal)."""
    with transaction(bot.district.engine) as session:
        document = session.get(Document, doc)
        assert document is not None
        document.status, document.version = S.FAILED, 1
        document.last_error_code, document.last_error = "UNKNOWN_SERVICE_UNIT", "Palveluyksikköä ei tunneta."
        document.error_retryable = retryable


async def test_fixing_a_failed_document_asks_before_sending_it_again(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.LOCKED, title="Hylätty päätös")
    _fail(bot, doc)
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    fixed = {"service_task": "20", "social_services": "37", "service_unit": UNIT_B}
    ask = await anna.press(form.button("Tallenna") | fixed)
    assert f'Tallennetaanko tiedot ja lähetetäänkö asiakirja "Hylätty päätös" (nro {doc}) uudelleen arkistoon?' in ask.text
    assert metadata(bot, doc)[0] == S.FAILED and metadata(bot, doc)[3] == bot.district.units[UNIT_A]  # nothing yet
    await talk(anna, [("[Peruuta]", "tiedot jäivät ennalleen")])
    assert metadata(bot, doc)[3] == bot.district.units[UNIT_A]
    yes = (await anna.press(form.button("Tallenna") | fixed)).button("Kyllä, tallenna ja lähetä")
    await talk(anna, [(yes, ["Tallensin asiakirjan", "Lähetin asiakirjan uudelleen arkistoon"]), (yes, "vahvistus on jo käytetty")])
    assert metadata(bot, doc)[3] == bot.district.units[UNIT_B]
    await eventually(lambda: metadata(bot, doc)[0] == S.ARCHIVED)


async def test_a_locked_document_without_a_service_task(bot: RunningBot, anna: Conversation) -> None:
    """No task yet: the services wait for it; the refreshed card preselects nothing; afterwards it is sent, not locked."""
    doc = bot.district.document(S.LOCKED, title="Lukittu ilman tehtävää", service_task_code=None, social_services=["37"])
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    assert "social_services" not in form.inputs()  # no empty list to choose from, no free text for a coded field
    assert "valitse ensin palvelutehtävä" in form.text
    refreshed = await anna.press(form.button("Päivitä vaihtoehdot") | {"service_task": "20", "service_unit": UNIT_A})
    services = refreshed.inputs()["social_services"]
    assert services.choices and services.value == ""  # 37 is stored, but the worker never chose it for this task
    saved = await anna.press(refreshed.button("Tallenna") | {"service_task": "20", "social_services": "46", "service_unit": UNIT_A})
    assert "Tallensin" in saved.text and "Voit lähettää asiakirjan arkistoon" in saved.text
    assert "Lukitse ja arkistoi" not in saved.text and "lukita" not in saved.text
    confirm = await anna.press("Lähetä arkistoon")
    assert "Lähetetäänkö 1 asiakirja arkistoon?" in confirm.text
    assert "ei voi enää muokata" not in confirm.text and "Lukitaanko" not in confirm.text
    assert metadata(bot, doc)[1:3] == ("20", ["46"])


async def test_choosing_a_task_on_a_card_without_one_asks_for_the_services(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED, service_task_code=None, social_services=[])
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    said = await anna.press(form.button("Tallenna") | {"service_task": "20", "service_unit": UNIT_A})
    assert "Vaihdoit palvelutehtävän" in said.text and said.inputs()["social_services"].choices
    assert metadata(bot, doc)[1] is None


async def test_a_forged_confirmation_of_a_fix_saves_nothing(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.LOCKED, title="Hylätty")
    _fail(bot, doc)
    form = await anna.press({"action": "meta.form", "doc_id": doc})
    ask = await anna.press(form.button("Tallenna") | {"service_task": "20", "social_services": "37", "service_unit": UNIT_B})
    await talk(anna, [({"action": "meta.confirm", "token": "0123456789abcdef"}, "mitään ei tallennettu")])
    assert metadata(bot, doc)[0] == S.FAILED and metadata(bot, doc)[3] == bot.district.units[UNIT_A]
    await talk(anna, [(ask.button("Kyllä, tallenna ja lähetä"), "Lähetin asiakirjan uudelleen arkistoon")])  # the real one still works
