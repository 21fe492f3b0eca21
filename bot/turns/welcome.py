"""The help and welcome card: on install, and when the worker says "hei" or "apua"."""

from __future__ import annotations

import datetime as dt

from bot import cards, texts
from bot.turns.identity import display_name
from bot.turns.types import Kind, Reply, Turn

# Teams sends both installationUpdate and conversationUpdate on install: welcome once.
WELCOME_DEDUPE = dt.timedelta(minutes=2)


def first_name(label: str) -> str:
    """``"Aino Virtanen (#12)"`` → ``"Aino"``."""
    name = display_name(label)
    return name.split()[0] if name else ""


def help_card(turn: Turn) -> Reply:
    name = first_name(turn.identity.name)
    base_url = turn.services.settings.public_base_url
    body = [
        cards.heading(texts.HELP_TITLE.format(name=f" {name}" if name else "")),
        cards.text(texts.HELP_INTRO),
        cards.bullets(texts.HELP_ITEMS),
    ]
    actions = [
        cards.submit(texts.HELP_PENDING_BUTTON, {"action": "pending.list"}),
        cards.submit(texts.HELP_DESK_BUTTON, {"action": "desk.next"}),
        cards.open_url(texts.HELP_DESK_INSTRUCTION_BUTTON, cards.instruction_url(base_url, "deski")),
    ]
    return Reply(card=cards.card(body, actions))


def show_help(turn: Turn) -> list[Reply]:
    return [help_card(turn)]


def welcome(turn: Turn) -> list[Reply]:
    """On install (or when the bot joins the conversation), once per conversation within minutes."""
    incoming = turn.incoming
    if incoming.kind == Kind.CONVERSATION_UPDATE and not incoming.bot_added:
        return []
    last = turn.state.get("welcomed_at")
    if last and turn.now - dt.datetime.fromisoformat(last) < WELCOME_DEDUPE:
        return []
    turn.state["welcomed_at"] = turn.now.isoformat()
    return [help_card(turn)]


def unknown_action(turn: Turn) -> list[Reply]:
    return [Reply(text=texts.UNKNOWN_ACTION)]
