"""Runs one turn: identify the worker, remember where to reach them, dispatch, turn errors into Finnish.

Everything here is blocking code run in the services' worker threads; the
channel edge awaits :meth:`TurnRunner.__call__` (one hop to a worker thread per
turn: state read, turn and state write together), the chat CLI calls :meth:`run`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from archiving.enums import Channel
from archiving.errors import DomainError
from bot import texts
from bot.state_store import EtagConflict, StateKeys, TurnStates
from bot.turns.identity import Identity
from bot.turns.router import Router
from bot.turns.types import NOT_SUPPORTED, GivenStates, Incoming, InvokeAnswer, Kind, Reply, States, Turn

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


class TurnRunner:
    """The SDK-neutral heart of the bot: ``Incoming`` in, ``Reply`` list out."""

    def __init__(self, services: Services, router: Router, *, channel: Channel = Channel.CHAT) -> None:
        self.services = services
        self.router = router
        self.channel = channel

    async def __call__(self, incoming: Incoming, keys: StateKeys, reference: dict[str, Any] | None) -> list[Reply] | InvokeAnswer:
        """Run the turn in a worker thread with its stored conversation and user state (see :meth:`run_stored`)."""
        return await self.services.run_sync(self.run_stored, incoming, keys, reference)

    def run_stored(self, incoming: Incoming, keys: StateKeys, reference: dict[str, Any] | None) -> list[Reply] | InvokeAnswer:
        """Run the turn on the state stored under ``keys`` and write back what it changed.

        When another turn of the same conversation wrote its state meanwhile, this turn's
        state change is refused (etag) and the worker is asked to send the message again.
        An invoke gets its :class:`InvokeAnswer` instead of replies.
        """
        states = TurnStates(self.services.states, keys)
        if incoming.kind == Kind.INVOKE:
            answer = self.invoke(incoming, states=states)
            try:
                states.save()
            except EtagConflict:
                log.warning("conversation state changed concurrently; invoke not saved")
            return answer
        replies = self.run(incoming, reference=reference, states=states)
        try:
            states.save()
        except EtagConflict:
            log.warning("conversation state changed concurrently; turn not saved")
            return [Reply(text=texts.CONCURRENT_TURN)]
        return replies

    def invoke(self, incoming: Incoming, *, states: States | None = None) -> InvokeAnswer:
        """Answer an invoke activity; someone the bot does not know, or a failing handler, gets :data:`NOT_SUPPORTED`."""
        identity = self.services.identities.get(incoming.channel_user_id, self.channel)
        if identity is None:
            return NOT_SUPPORTED
        turn = Turn(incoming=incoming, identity=identity, services=self.services, now=self.services.clock(), states=states or GivenStates())
        try:
            return self.router.answer_invoke(turn)
        except DomainError:
            return NOT_SUPPORTED
        except Exception:
            log.exception("invoke handler failed (%s)", incoming.name[:80])
            return NOT_SUPPORTED

    def run(
        self,
        incoming: Incoming,
        conversation: dict[str, Any] | None = None,
        user: dict[str, Any] | None = None,
        reference: dict[str, Any] | None = None,
        *,
        identity: Identity | None = None,
        states: States | None = None,
    ) -> list[Reply]:
        """Answer one incoming action; ``identity`` skips the lookup (the CLI knows its worker).

        State comes from ``states``, or else from the ``conversation`` and ``user`` dicts, changed in place.
        """
        if incoming.kind == Kind.OTHER or (incoming.kind == Kind.INSTALLATION and incoming.action_removed):
            return []
        identity = identity or self.services.identities.get(incoming.channel_user_id, self.channel)
        if identity is None:
            if incoming.kind == Kind.CONVERSATION_UPDATE and not incoming.bot_added:
                return []
            return [Reply(text=texts.UNKNOWN_USER)]
        if reference is not None:
            self.services.references.remember(identity.worker_id, reference, vouched=incoming.vouched)
        if states is None:
            states = GivenStates(conversation if conversation is not None else {}, user if user is not None else {})
        turn = Turn(incoming=incoming, identity=identity, services=self.services, now=self.services.clock(), states=states)
        try:
            return self.router.dispatch(turn)
        except DomainError as error:
            return [Reply(text=error.message_fi)]
        except Exception:
            log.exception("turn handler failed (action %s)", incoming.action or incoming.kind)
            return [Reply(text=texts.INTERNAL_ERROR)]
