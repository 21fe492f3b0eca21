"""Bot Framework authentication from settings, with connector clients built once and reused.

Stock botbuilder builds, for every turn, new credentials (and so a new msal
app that asks AAD for a token), a new ConnectorClient with its serializers,
a new user-token client, and a new HTTP session. That dominates a stock
turn. :class:`CachingBotFrameworkAuthentication` keeps botbuilder's own
request validation and credential rules, but hands out one connector client
per (app id, service URL, audience), whose pipeline is ``bot.channel.sending``.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    BotFrameworkAuthentication,
    ChannelValidation,
    ClaimsIdentity,
    ConnectorFactory,
    JwtTokenExtractor,
    UserTokenClient,
)
from msrest.pipeline import AsyncPipeline
from msrest.universal_http import ClientRequest
from msrest.pipeline.universal import RawDeserializer

from bot.channel.sending import (
    Backoff,
    BearerTokenPolicy,
    ConversationRateLimiter,
    SharedSessionSender,
    ThrottleRetryPolicy,
)
from bot.settings import Settings

log = logging.getLogger(__name__)

MAX_CLIENTS = 256
OK_STATUSES = (200, 201, 202)


class ConnectorError(Exception):
    """The channel's connector refused an activity, after the retries of ``bot.channel.sending``."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"connector answered {status}: {detail[:200]}")
        self.status = status


async def post_activity(
    client: ConnectorClient, service_url: str, conversation_id: str, payload: dict[str, Any], reply_to_id: str | None = None
) -> None:
    """POST one activity (JSON) through the client's pipeline: token, rate limit, 429 backoff, shared session.

    Same REST call as botbuilder's ``reply_to_activity``/``send_to_conversation``, without
    msrest's model serialiser, which costs more than the rest of a turn for a card-sized activity.
    """
    path = f"v3/conversations/{quote(conversation_id, safe='')}/activities"
    if reply_to_id:
        path += f"/{quote(reply_to_id, safe='')}"
    request = ClientRequest("POST", f"{service_url.rstrip('/')}/{path}")
    request.headers["Accept"] = "application/json"
    request.headers["Content-Type"] = "application/json; charset=utf-8"
    request.add_content(payload)
    response = (await client.config.pipeline.run(request)).http_response
    if response.status_code not in OK_STATUSES:
        raise ConnectorError(response.status_code, response.text() if response.body() else "")


@dataclass(frozen=True)
class _BotConfiguration:
    """The attribute names botbuilder's configuration classes read."""

    APP_ID: str | None
    APP_PASSWORD: str | None
    APP_TENANTID: str | None
    APP_TYPE: str


def configuration_from(settings: Settings) -> _BotConfiguration:
    return _BotConfiguration(
        APP_ID=settings.microsoft_app_id or None,
        APP_PASSWORD=settings.microsoft_app_password or None,
        APP_TENANTID=settings.microsoft_app_tenant_id or None,
        APP_TYPE=settings.microsoft_app_type,
    )


def app_id_of(claims: ClaimsIdentity) -> str | None:
    """The bot's app id a request was addressed to (audience claim; appid claim for the emulator)."""
    return claims.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM) or claims.get_claim_value(
        AuthenticationConstants.APP_ID_CLAIM
    )


class ConnectorHub:
    """One ConnectorClient per (app id, service URL, audience), all on one HTTP session."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        limiter: ConversationRateLimiter,
        backoff: Backoff,
        rng: random.Random,
        run_blocking: Callable[..., Awaitable[Any]],
    ) -> None:
        self._session = session
        self._limiter = limiter
        self._backoff = backoff
        self._rng = rng
        self._run_blocking = run_blocking
        self._clients: OrderedDict[tuple[str | None, str, str | None], ConnectorClient] = OrderedDict()

    @property
    def client_count(self) -> int:
        """How many connector clients exist (one per service URL and audience, however many turns)."""
        return len(self._clients)

    async def client(self, stock: ConnectorFactory, app_id: str | None, service_url: str, audience: str | None) -> ConnectorClient:
        key = (app_id, service_url, audience)
        client = self._clients.get(key)
        if client is None:
            client = await stock.create(service_url, audience)  # botbuilder's credential rules, once
            config = client.config
            config.pipeline = AsyncPipeline(
                [
                    config.user_agent_policy,
                    BearerTokenPolicy(config.credentials, self._run_blocking),
                    ThrottleRetryPolicy(self._limiter, self._backoff, self._rng),
                    RawDeserializer(),
                    config.http_logger_policy,
                ],
                SharedSessionSender(self._session),
            )
            self._clients[key] = client
            while len(self._clients) > MAX_CLIENTS:
                self._clients.popitem(last=False)
        else:
            self._clients.move_to_end(key)
        return client


class _CachedConnectorFactory(ConnectorFactory):
    def __init__(self, hub: ConnectorHub, stock: ConnectorFactory, app_id: str | None) -> None:
        self._hub = hub
        self._stock = stock
        self._app_id = app_id

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        return await self._hub.client(self._stock, self._app_id, service_url, audience)


class CachingBotFrameworkAuthentication(BotFrameworkAuthentication):
    """botbuilder's ConfigurationBotFrameworkAuthentication, with cached connector and token clients."""

    def __init__(self, settings: Settings, hub: ConnectorHub) -> None:
        self._inner = ConfigurationBotFrameworkAuthentication(configuration_from(settings))
        self._hub = hub
        self._factories: dict[str | None, _CachedConnectorFactory] = {}
        self._token_clients: dict[str | None, UserTokenClient] = {}

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        result = await self._inner.authenticate_request(activity, auth_header)
        result.connector_factory = self.create_connector_factory(result.claims_identity)
        return result

    async def authenticate_streaming_request(self, auth_header: str, channel_id_header: str) -> AuthenticateRequestResult:
        return await self._inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        app_id = app_id_of(claims_identity)
        factory = self._factories.get(app_id)
        if factory is None:
            stock = self._inner.create_connector_factory(claims_identity)
            factory = self._factories[app_id] = _CachedConnectorFactory(self._hub, stock, app_id)
        return factory

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        app_id = app_id_of(claims_identity)
        client = self._token_clients.get(app_id)
        if client is None:
            client = self._token_clients[app_id] = await self._inner.create_user_token_client(claims_identity)
        return client

    def get_originating_audience(self) -> str:
        return self._inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self._inner.authenticate_channel_request(auth_header)


def _refresh_signing_keys() -> None:
    """Fetch the channel's OpenID signing keys (blocking: botbuilder uses ``requests``)."""
    url = ChannelValidation.open_id_metadata_endpoint or AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
    metadata = JwtTokenExtractor.get_open_id_metadata(url)
    asyncio.run(metadata._refresh())  # noqa: SLF001 - the only way to refresh ahead of botbuilder's lazy refresh


async def keep_signing_keys_fresh(every_s: float = 6 * 3600, retry_s: float = 60.0) -> None:
    """Refresh the token signing keys in a thread, so botbuilder's once-a-day refresh never blocks the event loop."""
    while True:
        try:
            await asyncio.to_thread(_refresh_signing_keys)
            delay = every_s
        except Exception as exc:  # e.g. no route to login.botframework.com yet: try again soon
            log.warning("could not refresh Bot Framework signing keys: %s", type(exc).__name__)
            delay = retry_s
        await asyncio.sleep(delay)
