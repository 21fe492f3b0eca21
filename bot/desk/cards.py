"""Adaptive Cards the desk sends (as outbox cards or chat replies); submit values name a desk action."""

from __future__ import annotations

from typing import Any

from bot.desk import texts as T
from bot.desk.queue import TOPIC_LIMIT

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


def _card(body: list[dict[str, Any]], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """Full width, as the bot's other cards: Teams otherwise squeezes cards in personal chat."""
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5", "body": body, "actions": actions, "msteams": {"width": "Full"}}


def rating_card(ticket_id: int) -> dict[str, Any]:
    """Five buttons, 1 to 5; each submits ``{"action": "ticket.rate", "ticket": id, "rating": n}``."""
    return _card(
        [{"type": "TextBlock", "text": T.RATING_CARD_TITLE.format(id=ticket_id), "wrap": True, "weight": "Bolder"}],
        [
            {"type": "Action.Submit", "title": T.RATING_LABELS[n], "data": {"action": "ticket.rate", "ticket": ticket_id, "rating": n}}
            for n in range(1, 6)
        ],
    )


def topic_card() -> dict[str, Any]:
    """Ask for the short topic of a desk visit; submits ``{"action": "desk.join", "topic": ...}``."""
    return _card(
        [{"type": "TextBlock", "text": T.ASK_TOPIC, "wrap": True},
         {"type": "Input.Text", "id": "topic", "label": T.TOPIC_LABEL, "maxLength": TOPIC_LIMIT, "isRequired": True,
          "errorMessage": T.TOPIC_REQUIRED}],
        [{"type": "Action.Submit", "title": T.JOIN_BUTTON, "data": {"action": "desk.join"}}],
    )  # fmt: skip


def question_card(prompt: str = T.ASK_QUESTION) -> dict[str, Any]:
    """Ask for the question of a ticket; submits ``{"action": "ticket.open", "source": "person", "question": ...}``."""
    return _card(
        [{"type": "TextBlock", "text": prompt, "wrap": True},
         {"type": "Input.Text", "id": "question", "label": T.QUESTION_LABEL, "isMultiline": True, "isRequired": True,
          "errorMessage": T.QUESTION_REQUIRED}],
        [{"type": "Action.Submit", "title": T.TICKET_SEND_BUTTON, "data": {"action": "ticket.open", "source": "person"}}],
    )  # fmt: skip
