"""Answers from the worker's own live data, whatever the phrasing (registered in the bot's router)."""

from __future__ import annotations

from bot.live.answers import contact_person, failure_reason, next_desk, pending_count
from bot.live.phrases import LiveIntent, live_intent
from bot.turns.router import Router

HANDLERS = {
    LiveIntent.CONTACT_PERSON: contact_person,
    LiveIntent.FAILURE_REASON: failure_reason,
    LiveIntent.PENDING_COUNT: pending_count,
    LiveIntent.NEXT_DESK: next_desk,
}
PRIORITY = 4  # before the desk's joining (6) and the pending list (20); after ticket replies and leaving the queue


def register(router: Router, services: object = None) -> None:
    """Plug the live-data answers into the bot's router (called by ``bot.turns.setup.build_router``)."""
    for intent, handler in HANDLERS.items():
        router.add_intent(f"live.{intent.value}", lambda text, intent=intent: live_intent(text) == intent, handler, priority=PRIORITY)


__all__ = ["LiveIntent", "live_intent", "register"]
