"""Chat commands for instruction announcements: "lopeta tiedotteet", "tilaa tiedotteet" and questions about them.

Workers receive announcements by default (see ``bot.announcements``); these
handlers only record or remove the opt-out, and say what changed.
"""

from __future__ import annotations

from bot import announcements, cards, texts
from bot.turns.phrases import AnnouncementIntent, announcement_intent
from bot.turns.types import Reply, Turn


def stop(turn: Turn) -> list[Reply]:
    """``announcements.stop`` or "lopeta tiedotteet"."""
    changed = announcements.opt_out(turn.services.engine, turn.worker_id, now=turn.now)
    return [Reply(text=texts.ANNOUNCEMENTS_STOPPED if changed else texts.ANNOUNCEMENTS_ALREADY_STOPPED)]


def start(turn: Turn) -> list[Reply]:
    """``announcements.start`` or "tilaa tiedotteet"."""
    changed = announcements.opt_in(turn.services.engine, turn.worker_id)
    return [Reply(text=texts.ANNOUNCEMENTS_STARTED if changed else texts.ANNOUNCEMENTS_ALREADY_ON)]


def status(turn: Turn) -> list[Reply]:
    """A question about announcements: the worker's state and a button that turns it around."""
    if announcements.receives(turn.services.engine, turn.worker_id):
        body, button = texts.ANNOUNCEMENTS_STATUS_ON, cards.submit(texts.ANNOUNCEMENT_STOP_BUTTON, {"action": "announcements.stop"})
    else:
        body, button = texts.ANNOUNCEMENTS_STATUS_OFF, cards.submit(texts.ANNOUNCEMENT_START_BUTTON, {"action": "announcements.start"})
    return [Reply(card=cards.card([cards.text(body)], [button]))]


def by_text(turn: Turn) -> list[Reply]:
    """Free text that ``announcement_intent`` recognised."""
    intent = announcement_intent(turn.incoming.text)
    if intent == AnnouncementIntent.STOP:
        return stop(turn)
    if intent == AnnouncementIntent.START:
        return start(turn)
    return status(turn)
