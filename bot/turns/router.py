"""Which handler answers a turn: card actions by name, free text by intent, events by kind.

Other areas plug in here: the desk registers ``add_action("desk.", ...)`` and
its own intents; the knowledge-base answer is the fallback for free text.
Invoke activities (answered in the HTTP response) are looked up by name with
``add_invoke``; an unknown one gets an empty 200, never an error.
Handlers are plain functions run in a worker thread; they may use the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.turns.types import NOT_SUPPORTED, InvokeAnswer, Kind, Reply, Turn

Handler = Callable[[Turn], list[Reply]]
InvokeHandler = Callable[[Turn], InvokeAnswer]
Matcher = Callable[[str], bool]

AWAITING_KEY = "awaiting"  # conversation state: the bot asked something that the next free text answers
AWAITING_LIFETIME = dt.timedelta(minutes=15)


def await_answer(turn: Turn, name: str) -> None:
    """Take the worker's next free text (that no intent claims) as the answer to question ``name``."""
    turn.state[AWAITING_KEY] = {"for": name, "at": turn.now.isoformat()}


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
        self._answers: dict[str, Handler] = {}
        self._invokes: dict[str, InvokeHandler] = {}

    def add_action(self, name: str, handler: Handler) -> None:
        """Handle card submits whose ``action`` is ``name``; a name ending in "." is a prefix (``desk.``)."""
        table = self._prefixes if name.endswith(".") else self._actions
        if name in table:
            raise ValueError(f"action {name!r} already has a handler")
        table[name] = handler

    def add_invoke(self, name: str, handler: InvokeHandler) -> None:
        """Answer invoke activities named ``name`` (e.g. ``application/search``) with ``handler``'s InvokeAnswer."""
        if name in self._invokes:
            raise ValueError(f"invoke {name!r} already has a handler")
        self._invokes[name] = handler

    def add_intent(self, name: str, matches: Matcher, handler: Handler, *, priority: int = 50) -> None:
        """Handle free text for which ``matches(text)`` is true; lower ``priority`` is tried first."""
        if any(intent.name == name for intent in self._intents):
            raise ValueError(f"intent {name!r} already registered")
        self._intents.append(_Intent(name, matches, handler, priority))
        self._intents.sort(key=lambda intent: intent.priority)

    def add_answer(self, name: str, handler: Handler) -> None:
        """Handle the free text that answers the question ``name`` (see :func:`await_answer`)."""
        if name in self._answers:
            raise ValueError(f"answer {name!r} already has a handler")
        self._answers[name] = handler

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

    def answer_invoke(self, turn: Turn) -> InvokeAnswer:
        """The answer to an invoke: its handler's, or :data:`NOT_SUPPORTED` for a name nobody handles."""
        handler = self._invokes.get(turn.incoming.name)
        return handler(turn) if handler is not None else NOT_SUPPORTED

    def dispatch(self, turn: Turn) -> list[Reply]:
        handler = self.handler_for(turn)
        if handler is self._fallback:
            handler = self._awaited(turn) or handler
        return handler(turn) if handler is not None else []

    def _awaited(self, turn: Turn) -> Handler | None:
        """The handler of a fresh question the bot asked, consumed; only free text no intent claims answers it.

        Checked on the fallback path alone, which reads the conversation state anyway.
        """
        awaiting = turn.state.pop(AWAITING_KEY, None)
        if not isinstance(awaiting, dict) or awaiting.get("for") not in self._answers:
            return None
        try:
            asked = dt.datetime.fromisoformat(str(awaiting.get("at")))
        except ValueError:
            return None
        return self._answers[awaiting["for"]] if turn.now - asked <= AWAITING_LIFETIME else None
