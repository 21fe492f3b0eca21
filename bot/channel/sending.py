"""Outgoing traffic to the channel's connector: Teams' rate limit, 429 backoff, one HTTP session.

These are msrest pipeline parts used by the cached connector clients of
``bot.channel.connector``: every reply and proactive message passes through
:class:`ConversationRateLimiter` (7 per second per conversation in Teams)
and :class:`ThrottleRetryPolicy` (Retry-After honoured, otherwise exponential
backoff with jitter), and goes out on one shared aiohttp session.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import aiohttp
from msrest.pipeline import AsyncHTTPPolicy, AsyncHTTPSender, Request, Response
from msrest.universal_http.aiohttp import AioHttpClientResponse

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 503})  # the connector refused before doing anything: safe to resend
# Teams counts 7 messages per second per conversation; a little margin absorbs network jitter.
TEAMS_WINDOW_S = 1.0
WINDOW_MARGIN_S = 0.05
_CONVERSATION_PATH = re.compile(r"/v3/conversations/([^/?]+)/activities")
Sleep = Callable[[float], Awaitable[None]]


class ConversationRateLimiter:
    """At most ``rate`` sends per ``window_s`` per conversation; a caller over the limit waits its turn."""

    def __init__(
        self,
        rate: int,
        window_s: float = TEAMS_WINDOW_S + WINDOW_MARGIN_S,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._rate = rate
        self._window = window_s
        self._monotonic = monotonic
        self._sleep = sleep
        self._sent: dict[str, deque[float]] = {}

    async def acquire(self, conversation_id: str) -> None:
        while True:
            now = self._monotonic()
            times = self._sent.setdefault(conversation_id, deque())
            while times and now - times[0] >= self._window:
                times.popleft()
            if len(times) < self._rate:
                times.append(now)
                if len(self._sent) > 10_000:
                    self._forget_idle(now)
                return
            await self._sleep(self._window - (now - times[0]))

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, t in self._sent.items() if not t or now - t[-1] >= self._window]:
            del self._sent[key]


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter; randomness is passed in."""

    base_s: float
    cap_s: float = 30.0
    max_attempts: int = 5

    def delay(self, attempt: int, rng: random.Random) -> float:
        return rng.uniform(0, min(self.cap_s, self.base_s * 2**attempt))


class ThrottleRetryPolicy(AsyncHTTPPolicy):  # type: ignore[misc]
    """Waits for the conversation's rate slot, resends on 429/503 after Retry-After or backoff."""

    def __init__(self, limiter: ConversationRateLimiter, backoff: Backoff, rng: random.Random, sleep: Sleep = asyncio.sleep) -> None:
        super().__init__()
        self._limiter = limiter
        self._backoff = backoff
        self._rng = rng
        self._sleep = sleep

    async def send(self, request: Request, **kwargs: Any) -> Response:
        http_request = request.http_request
        match = _CONVERSATION_PATH.search(http_request.url or "")
        conversation_id = unquote(match.group(1)) if match else None
        attempt = 0
        while True:
            if conversation_id and http_request.method in ("POST", "PUT"):
                await self._limiter.acquire(conversation_id)
            response = await self.next.send(request, **kwargs)
            status = response.http_response.status_code
            attempt += 1
            if status not in RETRY_STATUSES or attempt >= self._backoff.max_attempts:
                return response
            delay = _retry_after(response) or self._backoff.delay(attempt - 1, self._rng)
            log.warning("connector answered %s; retry %d in %.2f s", status, attempt, delay)
            await self._sleep(delay)


def _retry_after(response: Response) -> float | None:
    value = response.http_response.headers.get("Retry-After")
    try:
        return min(float(value), 60.0) if value else None
    except ValueError:
        return None


class BearerTokenPolicy(AsyncHTTPPolicy):  # type: ignore[misc]
    """Adds the bot's AAD token; msal's blocking token call runs in a thread and is reused for minutes."""

    REUSE_S = 300.0

    def __init__(self, credentials: Any, run_blocking: Callable[..., Awaitable[Any]]) -> None:
        super().__init__()
        self._credentials = credentials
        self._run_blocking = run_blocking
        self._token: str | None = None
        self._fetched = 0.0

    async def send(self, request: Request, **kwargs: Any) -> Response:
        app_id = getattr(self._credentials, "microsoft_app_id", None)
        if app_id:
            request.http_request.headers["Authorization"] = f"Bearer {await self._get_token(False)}"
        response = await self.next.send(request, **kwargs)
        if app_id and response.http_response.status_code == 401:
            request.http_request.headers["Authorization"] = f"Bearer {await self._get_token(True)}"
            response = await self.next.send(request, **kwargs)
        return response

    async def _get_token(self, force: bool) -> str:
        if force or self._token is None or time.monotonic() - self._fetched > self.REUSE_S:
            self._token = await self._run_blocking(self._credentials.get_access_token, force)
            self._fetched = time.monotonic()
        return self._token


class SharedSessionSender(AsyncHTTPSender):  # type: ignore[misc]
    """Sends on one long-lived aiohttp session (keep-alive), not a new session per turn."""

    def __init__(self, session: aiohttp.ClientSession, timeout_s: float = 15.0) -> None:
        self._session = session
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)

    async def __aenter__(self) -> SharedSessionSender:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None  # the session belongs to the app, which closes it on shutdown

    def build_context(self) -> Any:
        return None

    async def send(self, request: Request, **config: Any) -> Response:
        http_request = request.http_request
        async with self._session.request(
            http_request.method,
            http_request.url,
            headers=http_request.headers,
            data=http_request.data,
            timeout=self._timeout,
        ) as raw:
            response = _Response(http_request, raw)
            await response.load_body()
        return Response(request, response)


class _Response(AioHttpClientResponse):  # type: ignore[misc]
    """msrest's aiohttp response, except that an empty body (e.g. 201 with none) is not an error."""

    def body(self) -> bytes:
        return self._body or b""
