"""Which handler answers a turn: card actions by name, free text by intent, events by kind.

Other areas plug in here: the desk registers ``add_action("desk.", ...)`` and
its own intents; the knowledge-base answer is the fallback for free text.
Handlers are plain functions run in a worker thread; they may use the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.turns.types import Kind, Reply, Turn

Handler = Callable[[Turn], list[Reply]]
Matcher = Callable[[str], bool]


@dataclass(frozen=True)
class _Intent:
    name: str
    matches: Matcher
    handler: Handler
    priority: int


class Router:
    """A registry of handlers; ``dispatch`` picks one per turn."""

    def __init__(self, *, fallback: Handler, welcome: Handler, unknown_action: Handler) -> None:
        self._fallback = fallback
        self._welcome = welcome
        self._unknown_action = unknown_action
        self._actions: dict[str, Handler] = {}
        self._prefixes: dict[str, Handler] = {}
        self._intents: list[_Intent] = []

    def add_action(self, name: str, handler: Handler) -> None:
        """Handle card submits whose ``action`` is ``name``; a name ending in "." is a prefix (``desk.``)."""
        table = self._prefixes if name.endswith(".") else self._actions
        if name in table:
            raise ValueError(f"action {name!r} already has a handler")
        table[name] = handler

    def add_intent(self, name: str, matches: Matcher, handler: Handler, *, priority: int = 50) -> None:
        """Handle free text for which ``matches(text)`` is true; lower ``priority`` is tried first."""
        if any(intent.name == name for intent in self._intents):
            raise ValueError(f"intent {name!r} already registered")
        self._intents.append(_Intent(name, matches, handler, priority))
        self._intents.sort(key=lambda intent: intent.priority)

    @property
    def actions(self) -> list[str]:
        return sorted(self._actions) + sorted(self._prefixes)

    def handler_for(self, turn: Turn) -> Handler | None:
        """The handler for this turn, or None when nothing should be said."""
        incoming = turn.incoming
        if incoming.kind in (Kind.INSTALLATION, Kind.CONVERSATION_UPDATE):
            return self._welcome
        if incoming.kind != Kind.MESSAGE:
            return None
        if incoming.value is not None:
            return self._action_handler(incoming.action)
        if not incoming.text:
            return None
        for intent in self._intents:
            if intent.matches(incoming.text):
                return intent.handler
        return self._fallback

    def _action_handler(self, action: str | None) -> Handler:
        if action is None:
            return self._unknown_action
        if action in self._actions:
            return self._actions[action]
        matches = [p for p in self._prefixes if action.startswith(p)]
        if matches:
            return self._prefixes[max(matches, key=len)]
        return self._unknown_action

    def dispatch(self, turn: Turn) -> list[Reply]:
        handler = self.handler_for(turn)
        return handler(turn) if handler is not None else []
