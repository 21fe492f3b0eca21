"""Runs one turn: identify the worker, remember where to reach them, dispatch, turn errors into Finnish.

Everything here is blocking code run in the services' worker threads; the
channel edge awaits :meth:`TurnRunner.__call__`, the chat CLI calls :meth:`run`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from archiving.enums import Channel
from archiving.errors import DomainError
from bot import texts
from bot.turns.identity import Identity
from bot.turns.router import Router
from bot.turns.types import Incoming, Kind, Reply, Turn

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


class TurnRunner:
    """The SDK-neutral heart of the bot: ``Incoming`` in, ``Reply`` list out."""

    def __init__(self, services: Services, router: Router, *, channel: Channel = Channel.CHAT) -> None:
        self.services = services
        self.router = router
        self.channel = channel

    async def __call__(
        self,
        incoming: Incoming,
        conversation: dict[str, Any],
        user: dict[str, Any],
        reference: dict[str, Any] | None,
    ) -> list[Reply]:
        return await self.services.run_sync(self.run, incoming, conversation, user, reference)

    def run(
        self,
        incoming: Incoming,
        conversation: dict[str, Any] | None = None,
        user: dict[str, Any] | None = None,
        reference: dict[str, Any] | None = None,
        *,
        identity: Identity | None = None,
    ) -> list[Reply]:
        """Answer one incoming action; ``identity`` skips the lookup (the CLI knows its worker)."""
        if incoming.kind == Kind.OTHER or (incoming.kind == Kind.INSTALLATION and incoming.action_removed):
            return []
        identity = identity or self.services.identities.get(incoming.channel_user_id, self.channel)
        if identity is None:
            if incoming.kind == Kind.CONVERSATION_UPDATE and not incoming.bot_added:
                return []
            return [Reply(text=texts.UNKNOWN_USER)]
        if reference is not None:
            self.services.references.remember(identity.worker_id, reference)
        turn = Turn(
            incoming=incoming,
            identity=identity,
            services=self.services,
            now=self.services.clock(),
            state=conversation if conversation is not None else {},
            user_state=user if user is not None else {},
        )
        try:
            return self.router.dispatch(turn)
        except DomainError as error:
            return [Reply(text=error.message_fi)]
        except Exception:
            log.exception("turn handler failed (action %s)", incoming.action or incoming.kind)
            return [Reply(text=texts.INTERNAL_ERROR)]
