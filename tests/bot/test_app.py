"""The endpoint itself: health, bad requests, unknown users, install and help (bot/app.py, bot/channel/adapter.py)."""

from __future__ import annotations

import pytest

from bot.app import SERVICES
from botkit import Conversation, RunningBot, fixture_activity, talk


async def test_healthz_reports_the_database(bot: RunningBot) -> None:
    async with bot.session.get(f"{bot.url}/healthz") as response:
        assert response.status == 200
        body = await response.json()
    assert body["status"] == "ok" and body["database"] == "up"


async def test_invalid_json_is_a_400_with_an_english_message(anna: Conversation) -> None:
    said = await anna.post(b"{not json")
    assert said.status == 400
    assert said.activities == []


async def test_a_json_array_is_not_an_activity(anna: Conversation) -> None:
    said = await anna.post("[1, 2]")
    assert said.status == 400


async def test_missing_fields_are_named(bot: RunningBot, anna: Conversation) -> None:
    activity = anna.factory.message("hei")
    del activity["serviceUrl"]
    del activity["conversation"]
    async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
        assert response.status == 400
        error = (await response.json())["error"]
    assert "serviceUrl" in error and "conversation.id" in error


@pytest.mark.parametrize("service_url", ["notaurl", "ftp://smba.example.invalid/", "https://", "/relative/path", "http://smba.example.invalid:99999/"])
async def test_a_service_url_that_cannot_be_answered_is_refused(bot: RunningBot, anna: Conversation, service_url: str) -> None:
    activity = anna.factory.message("hei") | {"serviceUrl": service_url}
    async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
        assert response.status == 400
        error = (await response.json())["error"]
    assert "serviceUrl" in error and "http" in error
    assert bot.connector.activities == []  # no turn ran: nothing was sent anywhere
    services = bot.app[SERVICES]
    assert await services.run_sync(services.references.get, bot.district.workers["anna"]) is None  # nor kept for later


async def test_wrong_content_type_is_refused(bot: RunningBot) -> None:
    async with bot.session.post(f"{bot.url}/api/messages", data="hei", headers={"Content-Type": "text/plain"}) as response:
        assert response.status == 415


async def test_unknown_user_gets_a_polite_answer_and_no_data(bot: RunningBot) -> None:
    stranger = bot.conversation("aad-nobody", "Tuntematon Henkilö")
    await talk(stranger, [
        ("hei", "en valitettavasti tunnista sinua"),
        ("mitä minulla on arkistoimatta", "en valitettavasti tunnista sinua"),
        ({"action": "archive.confirm", "all": True}, "en valitettavasti tunnista sinua"),
    ])  # fmt: skip
    assert all(not a.cards for a in bot.connector.for_conversation(stranger.id))


async def test_install_shows_the_welcome_card_once(anna: Conversation) -> None:
    """Teams sends installationUpdate and conversationUpdate on install; the worker sees one welcome."""
    first = await anna.post(fixture_activity("installation_update", anna))
    second = await anna.post(fixture_activity("conversation_update", anna))
    assert first.status == second.status == 201
    assert "Olen Arkistobotti" in first.text and "Hei Anna" in first.text
    assert second.activities == []


async def test_a_member_joining_is_not_welcomed_as_an_install(anna: Conversation) -> None:
    update = fixture_activity("conversation_update", anna, membersAdded=[{"id": "29:someone-else"}])
    said = await anna.post(update)
    assert said.status == 201 and said.activities == []


async def test_help_and_greeting_show_the_help_card(anna: Conversation) -> None:
    await talk(anna, [
        ("hei", ["Olen Arkistobotti", "mitä minulla on arkistoimatta"]),
        ("Apua!", "Olen Arkistobotti"),
        ("mitä osaat?", "Kysy arkistoinnista omin sanoin"),
    ])  # fmt: skip


async def test_recorded_teams_message_gets_a_reply_to_that_activity(anna: Conversation) -> None:
    said = await anna.post(fixture_activity("message", anna))
    assert said.status == 201
    (reply,) = said.activities
    assert reply.reply_to_id == "1763883072496"
    assert reply.activity["recipient"]["aadObjectId"] == "aad-anna"
    assert reply.cards[0]["type"] == "AdaptiveCard" and reply.cards[0]["version"] == "1.5"


async def test_a_button_from_an_old_card_is_explained(anna: Conversation) -> None:
    await talk(anna, [({"action": "no.such.thing"}, "En tunnistanut painiketta"), ({"foo": 1}, "En tunnistanut painiketta")])


async def test_typing_and_other_activities_get_no_answer(anna: Conversation) -> None:
    typing = anna.factory.message("")
    typing["type"] = "typing"
    said = await anna.post(typing)
    assert said.status == 201 and said.activities == []


async def test_the_help_card_leads_to_the_desk(bot: RunningBot, anna: Conversation) -> None:
    from bot.desk.config import DeskConfig
    from bot.desk.sessions import generate

    generate(bot.district.engine, DeskConfig.from_settings(bot.settings), now=bot.clock())
    (card,) = await talk(anna, [("apua", "Olen Arkistobotti")])
    assert card.rendered[0].button("Ohje: neuvontadeski").url == "https://arkistobotti.example.invalid/ohjeet/deski"
    await talk(anna, [("[Milloin on seuraava deski?]", "Seuraava deski on maanantaina 23.11. klo 13.00–13.30")])


async def test_a_mention_of_the_bot_is_not_part_of_the_text(anna: Conversation) -> None:
    activity = anna.factory.message("<at>Arkistobotti</at> apua")
    activity["entities"].append({
        "type": "mention", "text": "<at>Arkistobotti</at>",
        "mentioned": {"id": activity["recipient"]["id"], "name": "Arkistobotti"},
    })  # fmt: skip
    said = await anna.post(activity)
    assert said.status == 201 and "Olen Arkistobotti" in said.text
