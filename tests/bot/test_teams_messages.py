"""What Teams receives: Finnish text labelled fi-FI, full-width cards valid under the Adaptive Cards schema.

The connector fixture checks every message of every bot test (tests/cardcheck.py);
these tests walk through each kind of card on purpose and look at the labels of
messages whose client said another language, or none.
"""

from __future__ import annotations

from typing import Any

import pytest

from archiving.enums import DocumentStatus as S
from bot.desk.cards import question_card, rating_card, topic_card
from botkit import UNIT_A, Conversation, RunningBot
from cardcheck import SCHEMAS, card_problems

pytestmark = pytest.mark.skipif(not SCHEMAS.exists(), reason="../shared (the schemas) is not beside the project")


async def test_replies_are_labelled_finnish_whatever_the_client_says(bot: RunningBot, anna: Conversation) -> None:
    update = anna.factory.conversation_update()
    update.pop("locale")
    update["entities"] = []
    english = anna.factory.message("hei")
    english["locale"] = "en-US"
    for activity in (update, english):
        said = await anna.post(activity)
        assert said.status == 201 and said.activities
        assert {a.activity.get("locale") for a in said.activities} == {"fi-FI"}


async def test_every_kind_of_card_is_valid_full_width_and_explains_required_inputs(bot: RunningBot, anna: Conversation) -> None:
    doc = bot.district.document(S.COMPLETED, title="Päätös", social_services=[])
    locked = bot.district.document(S.LOCKED, title="Toinen")
    cards: dict[str, dict[str, Any]] = {}

    async def keep(name: str, said: Any) -> None:
        (card,) = [c for a in said.activities for c in a.cards]
        cards[name] = card

    await keep("help", await anna.say("hei"))
    await keep("pending", await anna.say("mitä minulla on arkistoimatta"))
    await keep("confirm", await anna.press({"action": "archive.confirm", "doc_ids": [doc, locked]}))
    await keep("form", await anna.press({"action": "meta.form", "doc_id": doc}))
    await keep("answer", await anna.say("miten lukitsen asiakirjan?"))
    await keep("desk topic", await anna.say("haluan deskiin"))
    await keep("ticket question", await anna.say("haluan puhua ihmiselle"))
    cards["rating"] = rating_card(1)
    cards["topic"], cards["question"] = topic_card(), question_card()
    for name, card in cards.items():
        assert card_problems(card) == [], name
    form_inputs = {e["id"]: e for e in cards["form"]["body"] if e["type"].startswith("Input.")}
    assert form_inputs["service_task"]["errorMessage"] == "Valitse palvelutehtävä."
    assert form_inputs["service_unit"]["errorMessage"] == "Valitse palveluyksikkö."
    assert form_inputs["service_unit"]["value"] == UNIT_A


def test_the_checker_catches_what_teams_would_refuse() -> None:
    narrow = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "x"}]}
    assert card_problems(narrow) == ["not full width: msteams is None"]
    silent = {**narrow, "msteams": {"width": "Full"}, "body": [{"type": "Input.Text", "id": "q", "isRequired": True}]}
    assert card_problems(silent) == ["required input 'q' has no errorMessage"]
    broken = {**narrow, "msteams": {"width": "Full"}, "body": [{"type": "TextBlock"}]}
    assert card_problems(broken)[0].startswith("not a valid Adaptive Card 1.5 at body/0")
