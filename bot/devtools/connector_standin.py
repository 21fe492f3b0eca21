"""A local stand-in for the Bot Connector service (the channel's ``serviceUrl``).

Microsoft's connector cannot be reached from tests or benchmarks, so this
aiohttp server implements the REST routes the bot calls, records every
activity it receives and applies Teams' per-conversation rate limit
(answering 429 like the real service) so that the bot's backoff is exercised.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

ActivityObserver = Callable[["ReceivedActivity"], None]


@dataclass(frozen=True)
class ReceivedActivity:
    """One activity the bot sent to the connector."""

    conversation_id: str
    reply_to_id: str | None
    activity: dict[str, Any]
    received_at: float  # time.perf_counter() on arrival
    authorization: str | None = None  # the Authorization header it came with (the bot's token, if any)

    @property
    def text(self) -> str:
        return str(self.activity.get("text") or "")

    @property
    def cards(self) -> list[dict[str, Any]]:
        """The Adaptive Cards attached to the activity."""
        return [
            a.get("content") or {}
            for a in self.activity.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]


@dataclass
class _Throttle:
    limit: int
    window_s: float
    forced: int = 0
    sent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def allow(self, conversation_id: str, now: float) -> bool:
        if self.forced > 0:
            self.forced -= 1
            return False
        if self.limit <= 0:
            return True
        times = self.sent[conversation_id]
        while times and now - times[0] >= self.window_s:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True


class ConnectorStandIn:
    """Records what the bot sends; ``rate_limit`` messages per ``window_s`` per conversation, like Teams."""

    def __init__(
        self,
        *,
        rate_limit: int = 7,
        window_s: float = 1.0,
        on_activity: ActivityObserver | None = None,
        keep: bool = True,
    ) -> None:
        self.activities: list[ReceivedActivity] = []
        self.created_conversations: list[dict[str, Any]] = []
        self.throttled = 0
        self._throttle = _Throttle(rate_limit, window_s)
        self._observers: list[ActivityObserver] = [on_activity] if on_activity else []
        self._keep = keep
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.service_url = ""

    # --- lifecycle -----------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create_conversation)
        app.router.add_post("/v3/conversations/{conversation_id}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation_id}/activities/{activity_id}", self._send)
        app.router.add_put("/v3/conversations/{conversation_id}/activities/{activity_id}", self._update)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0: any free port) and return the service URL."""
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        self.service_url = f"http://{host}:{sockets[0].getsockname()[1]}/"
        return self.service_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def add_observer(self, observer: ActivityObserver) -> None:
        self._observers.append(observer)

    def throttle_next(self, count: int) -> None:
        """Answer the next ``count`` sends with 429, whatever the rate."""
        self._throttle.forced += count

    # --- queries ----------------------------------------------------------------

    def for_conversation(self, conversation_id: str) -> list[ReceivedActivity]:
        return [a for a in self.activities if a.conversation_id == conversation_id]

    async def wait_for(self, conversation_id: str, count: int = 1, timeout: float = 10.0) -> list[ReceivedActivity]:
        """Wait until ``conversation_id`` has received at least ``count`` activities; return them all."""

        def enough() -> bool:
            return len(self.for_conversation(conversation_id)) >= count

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(enough), timeout)
            except TimeoutError:
                got = self.for_conversation(conversation_id)
                raise AssertionError(
                    f"conversation {conversation_id!r}: expected {count} activities, got {len(got)}: "
                    f"{[a.text for a in got]}"
                ) from None
        return self.for_conversation(conversation_id)

    # --- routes -----------------------------------------------------------------

    async def _send(self, request: web.Request) -> web.Response:
        conversation_id = request.match_info["conversation_id"]
        if not self._throttle.allow(conversation_id, time.monotonic()):
            self.throttled += 1
            return web.json_response(
                {"error": {"code": "TooManyRequests", "message": "Too many requests"}}, status=429
            )
        try:
            body = await request.json()
        except ValueError:
            return web.json_response({"error": {"code": "BadArgument", "message": "invalid JSON"}}, status=400)
        if not isinstance(body, dict) or not body.get("type"):
            return web.json_response({"error": {"code": "BadArgument", "message": "activity type missing"}}, status=400)
        received = ReceivedActivity(
            conversation_id=conversation_id,
            reply_to_id=request.match_info.get("activity_id"),
            activity=body,
            received_at=time.perf_counter(),
            authorization=request.headers.get("Authorization"),
        )
        for observer in self._observers:
            observer(received)
        if self._keep:
            self.activities.append(received)
            async with self._changed:
                self._changed.notify_all()
        return web.json_response({"id": uuid.uuid4().hex})

    async def _update(self, request: web.Request) -> web.Response:
        return await self._send(request)

    async def _create_conversation(self, request: web.Request) -> web.Response:
        body = await request.json()
        conversation_id = f"a:{uuid.uuid4().hex}"
        self.created_conversations.append({"id": conversation_id, **body})
        return web.json_response({"id": conversation_id, "activityId": uuid.uuid4().hex, "serviceUrl": self.service_url})
