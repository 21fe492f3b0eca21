"""The channel edge: ``POST /api/messages`` through botbuilder's CloudAdapter, and proactive sends.

This module and its siblings in ``bot/channel/`` are the only importers of
botbuilder. An incoming activity is checked (its JSON and fields by
``validation``, the Bot Framework token, its serviceUrl by ``service_urls``),
turned into an :class:`~bot.turns.types.Incoming`, run through the SDK-neutral
turn logic, and the replies go back as activities (an invoke's answer as the
HTTP response).
The turn reads and writes its conversation and user state in its worker
thread (``bot.state_store.TurnStates``), under the keys botbuilder's
ConversationState and UserState give and in their layout, so the botbuilder
``Storage`` here (``storage``) sees the same items.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from botbuilder.core import Bot, ConversationState, TurnContext, UserState
from botbuilder.integration.aiohttp import CloudAdapter
from botframework.connector.auth import AuthenticationConstants, ClaimsIdentity
from msrest.exceptions import DeserializationError

from bot.channel.activities import (
    activity_from_json, invoke_response, missing_fields, reference_from, reference_of_body, reply_payload, to_activity, to_incoming,
)  # fmt: skip
from bot.channel.service_urls import ServiceUrlPolicy, ServiceUrlRefused
from bot.channel.validation import clean_activity, parse_body
from bot.channel.connector import CachingBotFrameworkAuthentication, ConnectorHub, post_activity
from bot import texts
from bot.channel.storage import DatabaseStorage
from bot.settings import Settings
from bot.state_store import StateKeys
from bot.turns.types import Incoming, InvokeAnswer, Kind, Reply

log = logging.getLogger(__name__)
SERVICE_URL_CLAIM = AuthenticationConstants.SERVICE_URL_CLAIM  # "serviceurl"



@dataclass(frozen=True)
class _TurnInput:
    body: dict[str, Any]  # the checked JSON of the current turn
    vouched: bool  # a token's serviceurl claim matched (see ``service_urls``)


_TURN: ContextVar[_TurnInput] = ContextVar("incoming_activity")
# (incoming, the turn's state keys, conversation reference) -> replies, or an invoke's answer; the handler reads and writes the state
TurnHandler = Callable[[Incoming, StateKeys, dict[str, Any] | None], Awaitable["list[Reply] | InvokeAnswer"]]


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _vouched_for(claims: ClaimsIdentity | None, service_url: str) -> bool:
    """Whether a validated channel token names this serviceUrl (botbuilder compared it; an emulator token has none)."""
    claim = claims.get_claim_value(SERVICE_URL_CLAIM) if claims is not None and claims.is_authenticated else None
    return bool(claim) and claim == service_url


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
        self.service_urls = ServiceUrlPolicy(settings.service_url_origins)

    # --- HTTP -------------------------------------------------------------------------

    async def handle_request(self, request: web.Request) -> web.Response:
        """``POST /api/messages``: 400 for a body that is no activity (see ``validation``) or a serviceUrl that
        may not be used (see ``service_urls``), 401 for a missing or bad token; an invoke gets its answer."""
        if request.content_type != "application/json":
            return _error(415, "expected Content-Type: application/json")
        try:
            raw = parse_body(await request.read())
            missing = missing_fields(raw)
            if missing:
                return _error(400, "activity is missing required fields: " + ", ".join(missing))
            body = clean_activity(raw)
            service_url = self.service_urls.usable(body["serviceUrl"])  # replies could never be sent otherwise
        except ValueError as exc:  # ActivityError, ServiceUrlRefused: an English message, no traceback
            return _error(400, str(exc))
        try:
            activity = activity_from_json(body)
        except (DeserializationError, TypeError, ValueError):
            return _error(400, "activity has fields of the wrong type")
        try:
            authenticated = await self.auth.authenticate_request(activity, request.headers.get("Authorization", ""))
        except Exception as exc:  # botbuilder raises PermissionError, jwt and key errors alike
            log.info("rejected an activity: %s", type(exc).__name__)
            return _error(401, "missing or invalid Bot Framework token")
        vouched = _vouched_for(authenticated.claims_identity, body["serviceUrl"])
        try:
            self.service_urls.check(service_url, vouched=vouched)
        except ServiceUrlRefused as exc:
            log.info("refused an activity's serviceUrl (vouched: %s)", vouched)
            return _error(400, str(exc))
        body["serviceUrl"] = activity.service_url = service_url  # without user:password@, from here on
        _TURN.set(_TurnInput(body, vouched))
        invoke_response = await self.adapter.process_activity(authenticated, activity, self.on_turn)
        if invoke_response is not None:
            if invoke_response.body is None:
                return web.Response(status=invoke_response.status)
            return web.json_response(invoke_response.body, status=invoke_response.status)
        return web.Response(status=201)

    # --- turns ------------------------------------------------------------------------

    async def on_turn(self, context: TurnContext) -> None:
        given = _TURN.get(None)
        body = given.body if given else context.activity.serialize()  # the checked JSON; rebuilt when called otherwise
        incoming = to_incoming(context.activity, vouched=bool(given and given.vouched))
        if incoming.kind == Kind.OTHER or not incoming.channel_user_id:
            return
        # botbuilder's own key rules, so the rows are those ConversationState/UserState on ``storage`` use
        keys = StateKeys(self.conversation_state.get_storage_key(context), self.user_state.get_storage_key(context))
        reference = reference_of_body(body)
        result = await self._handle_turn(incoming, keys, reference)  # state read, turn, state write: one worker-thread hop
        if isinstance(result, InvokeAnswer):
            await context.send_activity(invoke_response(result))  # botbuilder keeps it as the HTTP answer
            return
        replies = result
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
        """Send ``replies`` into the conversation of a stored reference (raises if the connector refuses).

        The stored serviceUrl is checked again (no credentials; without an app id, loopback or the
        allow-list only), so a reference kept before a rule or the allow-list changed is not followed.
        """
        url = self.service_urls.check(str(reference.get("serviceUrl") or ""), vouched=self._settings.auth_configured)
        reference = {**reference, "serviceUrl": url}
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
