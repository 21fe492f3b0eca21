"""SDK-neutral turn types: what the worker did, and what the bot answers.

The channel edge turns a Bot Framework Activity into an :class:`Incoming`
and each :class:`Reply` back into an Activity; the chat CLI builds them
directly. Nothing here knows botbuilder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from archiving.hetu import bounded, redact

if TYPE_CHECKING:
    from bot.services import Services
    from bot.turns.identity import Identity


class Kind(StrEnum):
    MESSAGE = "message"  # typed text or an Adaptive Card submit (``value``)
    INSTALLATION = "installation"  # the app was installed for the user
    CONVERSATION_UPDATE = "conversationUpdate"  # members were added to the conversation
    INVOKE = "invoke"  # the client waits for an answer in the HTTP response (e.g. a typeahead search)
    OTHER = "other"  # typing, reactions, ...: no answer


MAX_TEXT = 5000  # characters of a chat message (or of a card input) the bot reads; more than any limit of a stored text


def _bounded_value(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """A card submit's data with its strings (and those in its lists) cut to ``MAX_TEXT``; deeper data is never read."""
    if value is None:
        return None

    def cut(item: Any) -> Any:
        return bounded(item, MAX_TEXT) if isinstance(item, str) else item

    return {
        key: [cut(i) for i in item] if isinstance(item, list) else cut(item)
        for key, item in value.items()
    }


@dataclass(frozen=True)
class Incoming:
    """One thing the worker did in chat.

    Text and card-submit strings are cut to ``MAX_TEXT`` here, before any pattern or
    handler sees them (``archiving.hetu.bounded`` never leaves half a code behind),
    so no message, however long, costs more than this much text's work.
    """

    channel_user_id: str
    conversation_id: str
    kind: Kind = Kind.MESSAGE
    text: str = ""
    value: dict[str, Any] | None = None  # the data of a pressed card button
    user_name: str = ""
    channel: str = "msteams"
    bot_added: bool = False  # conversationUpdate: the bot itself was among the members added
    action_removed: bool = False  # installation: the app was removed
    name: str = ""  # invoke: what is asked (e.g. "application/search")
    # The channel vouched for where this came from (a Bot Framework token whose serviceurl claim matched);
    # an unvouched turn (no app id, local development) may not replace a stored conversation reference.
    vouched: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", bounded(self.text, MAX_TEXT))
        object.__setattr__(self, "value", _bounded_value(self.value))

    @property
    def action(self) -> str | None:
        """The ``action`` of a card submit, if this is one."""
        if self.value and isinstance(self.value.get("action"), str):
            return str(self.value["action"])
        return None


def _redacted_card(node: Any) -> Any:
    """A card with its strings redacted; a new object only where something changed (cached cards stay shared)."""
    if isinstance(node, str):
        return redact(node)
    if isinstance(node, list):
        items = [_redacted_card(item) for item in node]
        return node if all(a is b for a, b in zip(items, node)) else items
    if isinstance(node, dict):
        changed = {k: _redacted_card(v) for k, v in node.items() if k != "data"}
        if all(changed[k] is node[k] for k in changed):
            return node
        return {**node, **changed}
    return node


@dataclass(frozen=True)
class Reply:
    """One message to the worker: text, an Adaptive Card, or both.

    Every reply and proactive message is built here, so this is where no
    henkilötunnus can leave the bot: text and every string of the card are
    redacted, except the data a button posts back (ids and tokens the bot made,
    and question texts already redacted when they were stored).
    """

    text: str = ""
    card: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if not self.text and self.card is None:
            raise ValueError("a reply needs text or a card")
        object.__setattr__(self, "text", redact(self.text))
        if self.card is not None:
            object.__setattr__(self, "card", _redacted_card(self.card))


@dataclass(frozen=True)
class InvokeAnswer:
    """The HTTP answer to an invoke activity: a status and a JSON body (None: an empty body)."""

    status: int = 200
    body: dict[str, Any] | None = None


NOT_SUPPORTED = InvokeAnswer()  # an invoke the bot has no handler for: 200 with an empty body, never 501


class States(Protocol):
    """Where a turn's state dicts come from (``bot.state_store.TurnStates`` reads them when first used)."""

    @property
    def conversation(self) -> dict[str, Any]: ...

    @property
    def user(self) -> dict[str, Any]: ...


@dataclass
class GivenStates:
    """State dicts the caller already holds (the terminal chat, tests)."""

    conversation: dict[str, Any] = field(default_factory=dict)
    user: dict[str, Any] = field(default_factory=dict)


@dataclass
class Turn:
    """Everything a handler gets: the incoming action, who sent it, state and services."""

    incoming: Incoming
    identity: Identity
    services: Services
    now: dt.datetime
    states: States = field(default_factory=GivenStates)

    @property
    def state(self) -> dict[str, Any]:
        """This conversation's state, saved after the turn."""
        return self.states.conversation

    @property
    def user_state(self) -> dict[str, Any]:
        """This user's state across conversations, saved after the turn."""
        return self.states.user

    @property
    def worker_id(self) -> int:
        return self.identity.worker_id
