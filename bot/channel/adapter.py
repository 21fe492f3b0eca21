"""The channel edge: ``POST /api/messages`` through botbuilder's CloudAdapter, and proactive sends.

This module and its siblings in ``bot/channel/`` are the only importers of
botbuilder. An incoming activity is checked (JSON, required fields, Bot
Framework token), turned into an :class:`~bot.turns.types.Incoming`, run
through the SDK-neutral turn logic, and the replies go back as activities.
The turn reads and writes its conversation and user state in its worker
thread (``bot.state_store.TurnStates``), under the keys botbuilder's
ConversationState and UserState give and in their layout, so the botbuilder
``Storage`` here (``storage``) sees the same items.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiohttp import web
from botbuilder.core import Bot, ConversationState, TurnContext, UserState
from botbuilder.integration.aiohttp import CloudAdapter
from msrest.exceptions import DeserializationError

from bot.channel.activities import activity_from_json, is_service_url, missing_fields, reference_from, reference_of_body, reply_payload, to_activity, to_incoming
from bot.channel.connector import CachingBotFrameworkAuthentication, ConnectorHub, post_activity
from bot import texts
from bot.channel.storage import DatabaseStorage
from bot.settings import Settings
from bot.state_store import StateKeys
from bot.turns.types import Incoming, Kind, Reply

log = logging.getLogger(__name__)

_BODY: ContextVar[dict[str, Any]] = ContextVar("incoming_activity_json")  # the posted JSON of the current turn
# (incoming, the turn's state keys, conversation reference) -> replies; the handler reads and writes the state
TurnHandler = Callable[[Incoming, StateKeys, dict[str, Any] | None], Awaitable[list[Reply]]]


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


class ChannelEdge(Bot):
    """Receives activities, runs turns and sends replies; also sends proactive messages."""

    def __init__(self, settings: Settings, hub: ConnectorHub, storage: DatabaseStorage, handle_turn: TurnHandler) -> None:
        self._settings = settings
        self.hub = hub
        self.auth = CachingBotFrameworkAuthentication(settings, hub)
        self.adapter = CloudAdapter(self.auth)
        self.adapter.on_turn_error = self._on_turn_error
        self.storage = storage  # the botbuilder Storage over the turns' state store, for botbuilder components
        self.conversation_state = ConversationState(storage)
        self.user_state = UserState(storage)
        self._handle_turn = handle_turn

    # --- HTTP -------------------------------------------------------------------------

    async def handle_request(self, request: web.Request) -> web.Response:
        """``POST /api/messages``: 400 for bad JSON, missing fields or a bad serviceUrl, 401 for a missing or bad token."""
        if request.content_type != "application/json":
            return _error(415, "expected Content-Type: application/json")
        try:
            body = json.loads(await request.read())
        except ValueError:
            return _error(400, "request body is not valid JSON")
        if not isinstance(body, dict):
            return _error(400, "request body must be a JSON object (a Bot Framework activity)")
        missing = missing_fields(body)
        if missing:
            return _error(400, "activity is missing required fields: " + ", ".join(missing))
        if not is_service_url(body["serviceUrl"]):  # replies (and later proactive messages) could never be sent
            return _error(400, "activity serviceUrl must be an absolute http:// or https:// URL")
        try:
            activity = activity_from_json(body)
        except (DeserializationError, TypeError, ValueError):
            return _error(400, "activity has fields of the wrong type")
        try:
            authenticated = await self.auth.authenticate_request(activity, request.headers.get("Authorization", ""))
        except Exception as exc:  # botbuilder raises PermissionError, jwt and key errors alike
            log.info("rejected an activity: %s", type(exc).__name__)
            return _error(401, "missing or invalid Bot Framework token")
        _BODY.set(body)
        invoke_response = await self.adapter.process_activity(authenticated, activity, self.on_turn)
        if invoke_response is not None:
            return web.json_response(invoke_response.body, status=invoke_response.status)
        return web.Response(status=201)

    # --- turns ------------------------------------------------------------------------

    async def on_turn(self, context: TurnContext) -> None:
        incoming = to_incoming(context.activity)
        if incoming.kind == Kind.OTHER or not incoming.channel_user_id:
            return
        # botbuilder's own key rules, so the rows are those ConversationState/UserState on ``storage`` use
        keys = StateKeys(self.conversation_state.get_storage_key(context), self.user_state.get_storage_key(context))
        body = _BODY.get(None) or context.activity.serialize()  # the posted JSON; rebuilt when called otherwise
        reference = reference_of_body(body)
        replies = await self._handle_turn(incoming, keys, reference)  # state read, turn, state write: one worker-thread hop
        client = context.turn_state.get(self.adapter.BOT_CONNECTOR_CLIENT_KEY)
        for reply in replies:
            payload = reply_payload(reply, reference, reply_to_id=body.get("id"))
            await post_activity(client, body["serviceUrl"], body["conversation"]["id"], payload, reply_to_id=body.get("id"))

    async def _on_turn_error(self, context: TurnContext, error: Exception) -> None:
        log.error("turn failed: %s", type(error).__name__, exc_info=error)
        try:
            await context.send_activity(to_activity(Reply(text=texts.INTERNAL_ERROR)))
        except Exception as send_error:  # the connector itself may be what failed
            log.error("could not tell the user about the failure: %s", type(send_error).__name__)

    # --- proactive ----------------------------------------------------------------------

    async def send_proactive(self, reference: dict[str, Any], replies: list[Reply]) -> None:
        """Send ``replies`` into the conversation of a stored reference (raises if the connector refuses)."""

        failures: list[Exception] = []

        async def deliver(context: TurnContext) -> None:
            client = context.turn_state.get(self.adapter.BOT_CONNECTOR_CLIENT_KEY)
            try:
                for reply in replies:  # a new message in the chat, not a reply to anything
                    await post_activity(client, reference["serviceUrl"], reference["conversation"]["id"], reply_payload(reply, reference))
            except Exception as exc:  # keep it from the adapter's turn-error handler: the caller retries
                failures.append(exc)

        await self.adapter.continue_conversation(
            reference_from(reference), deliver, bot_app_id=self._settings.microsoft_app_id or None
        )
        if failures:
            raise failures[0]
