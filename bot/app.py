"""THE app factory: one function builds the whole bot, for ``serve``, the tests and the benchmark.

Resources open and close in ``cleanup_ctx`` under typed ``web.AppKey`` keys:
the database (migrated at startup), the knowledge base, the archive gateway,
the channel edge (HTTP session, cached connector clients, botbuilder adapter)
and the background tasks (outbox delivery, archive-result notices, instruction
announcements, the knowledge base's watch for new publications, the desk's
daily upkeep and, for the embedded archive, the queue worker).
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import random
import threading
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import text

from archiving.clock import Clock, system_clock
from bot.announcements import AnnouncementDeliverer
from bot.background import QUEUE_WAKE, instance_name, queue_in_process, refresh_knowledge, work_queue
from bot.channel import Backoff, ChannelEdge, ConnectorHub, ConversationRateLimiter, DatabaseStorage
from bot.channel.connector import keep_signing_keys_fresh
from bot.database import is_current, open_database, upgrade
from bot.notifier import ArchiveResultNotifier
from bot.proactive import OutboxDeliverer
from bot.services import Services
from bot.settings import Settings
from bot.turns.runner import TurnRunner
from bot.turns.setup import build_router

log = logging.getLogger(__name__)

SERVICES = web.AppKey("arkistobotti_services", Services)
EDGE = web.AppKey("arkistobotti_channel_edge", ChannelEdge)
TASKS = web.AppKey("arkistobotti_background_tasks", list)


def create_app(
    settings: Settings,
    *,
    clock: Clock = system_clock,
    rng: random.Random | None = None,
    knowledge: Any = None,
    gateway: Any = None,
    background: bool = True,
) -> web.Application:
    """Build the bot's aiohttp application; nothing is opened until it starts.

    ``knowledge`` and ``gateway`` replace the knowledge base and archive gateway
    built from settings (tests pass their own); ``background=False`` leaves out
    every background loop (delivery, notices, announcements, knowledge refresh,
    desk upkeep, queue).
    """
    engine = open_database(settings.database_url, migrate=False)  # lazy: connects and migrates at startup
    services = Services.build(settings, engine, clock=clock, rng=rng)
    services.knowledge = knowledge
    services.gateway = gateway
    services.extras[QUEUE_WAKE] = threading.Event()
    services.router = build_router(services)

    app = web.Application(client_max_size=512 * 1024)
    app[SERVICES] = services
    app[TASKS] = []
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_knowledge)
    app.cleanup_ctx.append(_gateway)
    app.cleanup_ctx.append(_channel)
    if background:
        app.cleanup_ctx.append(_background)
    app.router.add_post("/api/messages", _messages)
    app.router.add_get("/healthz", _healthz)
    _setup_web(app, services)
    return app


def _setup_web(app: web.Application, services: Services) -> None:
    """Mount the desk engineer's web pages when that package is present."""
    try:
        web_module = importlib.import_module("bot.web")
    except ModuleNotFoundError as exc:
        if exc.name in ("bot.web",):
            return
        raise
    web_module.setup_web(app, services)


# --- resources ---------------------------------------------------------------------------


async def _database(app: web.Application) -> AsyncIterator[None]:
    services = app[SERVICES]

    def migrate() -> None:
        if not is_current(services.engine):
            upgrade(services.engine)

    await asyncio.to_thread(migrate)
    yield
    services.close()
    services.engine.dispose()


async def _knowledge(app: web.Application) -> AsyncIterator[None]:
    services = app[SERVICES]
    if services.knowledge is None:
        services.knowledge = await asyncio.to_thread(_load_knowledge, services)
    yield


def _load_knowledge(services: Services) -> Any:
    from knowledge.service import KnowledgeBase

    settings = services.settings
    return KnowledgeBase.open(
        services.engine, settings.knowledge_dir, now=services.clock(), clock=services.clock, refresh_seconds=settings.knowledge_refresh_s
    )


async def _gateway(app: web.Application) -> AsyncIterator[None]:
    services = app[SERVICES]
    owned = services.gateway is None
    if owned:
        from archiving.kanta.factory import gateway_from_settings

        services.gateway = await asyncio.to_thread(
            gateway_from_settings, services.settings, services.engine, random.Random(services.rng.getrandbits(64)), clock=services.clock
        )
    yield
    if owned and services.gateway is not None:
        await asyncio.to_thread(services.gateway.close)


async def _channel(app: web.Application) -> AsyncIterator[None]:
    services = app[SERVICES]
    settings = services.settings
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200, limit_per_host=100))
    hub = ConnectorHub(
        session,
        limiter=ConversationRateLimiter(settings.send_rate_per_conversation),
        backoff=Backoff(base_s=settings.send_backoff_base_s, max_attempts=settings.send_max_attempts),
        rng=random.Random(services.rng.getrandbits(64)),
        run_blocking=services.run_sync,
    )
    storage = DatabaseStorage(services.states, services.run_sync)
    assert services.router is not None
    app[EDGE] = ChannelEdge(settings, hub, storage, TurnRunner(services, services.router))
    yield
    await session.close()


async def _background(app: web.Application) -> AsyncIterator[None]:
    services = app[SERVICES]
    tasks = app[TASKS]
    tasks.append(asyncio.create_task(OutboxDeliverer(services, app[EDGE].send_proactive).run(), name="outbox"))
    tasks.append(asyncio.create_task(ArchiveResultNotifier(services).run(), name="archive-results"))
    tasks.append(asyncio.create_task(AnnouncementDeliverer(services).run(), name="announcements"))
    tasks.append(asyncio.create_task(refresh_knowledge(services), name="knowledge-refresh"))
    if services.settings.desk_upkeep:
        from bot.desk.upkeep import DeskUpkeep

        upkeep = DeskUpkeep(services.engine, services.settings, services.clock, holder=instance_name(services), run_sync=services.run_sync)
        tasks.append(asyncio.create_task(upkeep.run(), name="desk-upkeep"))
    if services.settings.auth_configured:
        tasks.append(asyncio.create_task(keep_signing_keys_fresh(), name="signing-keys"))
    stop = threading.Event()
    queue_thread: asyncio.Future[Any] | None = None
    if queue_in_process(services.settings):
        queue_thread = asyncio.get_running_loop().run_in_executor(None, work_queue, services, stop)
    yield
    stop.set()
    services.extras[QUEUE_WAKE].set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if queue_thread is not None:
        await asyncio.gather(queue_thread, return_exceptions=True)


async def freeze_heap(app: web.Application) -> None:
    """After startup, move what lives for the whole process (libraries, the knowledge index) out of the GC's reach.

    A full collection then walks only what turns allocate, so its pauses stay short under load.
    """
    gc.collect()
    gc.freeze()


# --- routes ------------------------------------------------------------------------------


async def _messages(request: web.Request) -> web.Response:
    return await request.app[EDGE].handle_request(request)


async def _healthz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]

    def ping() -> None:
        with services.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    try:
        await services.run_sync(ping)
    except Exception as exc:
        log.warning("health check: database unavailable (%s)", type(exc).__name__)
        return web.json_response({"status": "unavailable", "database": "down"}, status=503)
    return web.json_response({"status": "ok", "database": "up", "knowledge": services.knowledge is not None})
