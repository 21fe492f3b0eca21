"""Adaptive Cards the desk sends (as outbox cards or chat replies); submit values name a desk action."""

from __future__ import annotations

from typing import Any

from bot.desk import texts as T

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"


def _card(body: list[dict[str, Any]], actions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.4", "body": body, "actions": actions}


def rating_card(ticket_id: int) -> dict[str, Any]:
    """Five buttons, 1 to 5; each submits ``{"action": "ticket.rate", "ticket": id, "rating": n}``."""
    return _card(
        [{"type": "TextBlock", "text": T.RATING_CARD_TITLE.format(id=ticket_id), "wrap": True, "weight": "Bolder"}],
        [
            {"type": "Action.Submit", "title": T.RATING_LABELS[n], "data": {"action": "ticket.rate", "ticket": ticket_id, "rating": n}}
            for n in range(1, 6)
        ],
    )
