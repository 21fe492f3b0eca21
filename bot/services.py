"""What turn logic, the desk and the web pages receive: settings, database, clock, randomness, gateways.

One :class:`Services` per app, built by ``bot.app.create_app`` (and by the chat
CLI). Blocking work goes through :meth:`Services.run_sync`, so the event loop
never waits on the database.
"""

from __future__ import annotations

import asyncio
import functools
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.engine import Engine

from archiving.clock import Clock
from archiving.db import is_sqlite
from bot.references import ReferenceBook
from bot.settings import Settings
from bot.state_store import StateStore
from bot.turns.identity import Identities

if TYPE_CHECKING:
    from bot.turns.router import Router

T = TypeVar("T")


SQLITE_TURN_THREADS = 2  # turns are CPU work under one GIL: more threads only contend (measured with bench/bot_load.py)
NETWORK_DB_TURN_THREADS = 8  # on PostgreSQL a turn mostly waits on round trips, which threads overlap


def turn_threads(settings: Settings, engine: Engine) -> int:
    """The worker threads for turns: as configured, else what suits the database."""
    if settings.turn_threads is not None:
        return settings.turn_threads
    return SQLITE_TURN_THREADS if is_sqlite(engine) else NETWORK_DB_TURN_THREADS


@dataclass
class Services:
    """Shared resources of one running bot; fields filled at startup are None until then."""

    settings: Settings
    engine: Engine
    clock: Clock
    rng: random.Random
    executor: ThreadPoolExecutor
    references: ReferenceBook
    states: StateStore
    identities: Identities
    gateway: Any = None  # the archive gateway (embedded stand-in or HTTP), set at startup
    knowledge: Any = None  # the knowledge base, set at startup
    router: Router | None = None
    extras: dict[str, Any] = field(default_factory=dict)  # room for other areas' shared objects

    @classmethod
    def build(cls, settings: Settings, engine: Engine, *, clock: Clock, rng: random.Random | None = None) -> Services:
        return cls(
            settings=settings,
            engine=engine,
            clock=clock,
            rng=rng or random.Random(),
            executor=ThreadPoolExecutor(turn_threads(settings, engine), thread_name_prefix="turn"),
            references=ReferenceBook(engine, clock),
            states=StateStore(engine, clock),
            identities=Identities(engine, settings.identity_cache_s),
        )

    async def run_sync(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run blocking ``fn`` in the worker threads and await its result."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    def wake_queue(self) -> None:
        """Tell an in-process archive queue worker that new jobs are waiting."""
        event = self.extras.get("queue_wake")
        if event is not None:
            event.set()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
