"""SDK-neutral conversation logic: turn types, router, identity and the dialogs (no botbuilder here)."""

from bot.turns.router import Router
from bot.turns.runner import TurnRunner
from bot.turns.types import Incoming, Kind, Reply, Turn

__all__ = ["Incoming", "Kind", "Reply", "Router", "Turn", "TurnRunner"]
