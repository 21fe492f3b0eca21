"""The ``kanta-sim`` service: the stand-in national archive over HTTP (JSON), with injected faults.

Same rules and storage as the embedded stand-in (``archiving.kanta``); faults
hit a whole request, as they would on a network: ``busy`` answers 503 before
storing anything, ``timeout`` sleeps past the client's timeout and then stores,
``lost`` stores and then drops the connection without an answer.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass

from aiohttp import web

from archiving.clock import Clock
from archiving.kanta.catalog import CatalogSource
from archiving.kanta.simulator import FaultPlan
from archiving.kanta.store import ArchiveStore
from kantasim import views


@dataclass
class SimConfig:
    """Everything the service needs; built once by the CLI or a test."""

    database_url: str
    catalog: CatalogSource
    faults: FaultPlan
    rng: random.Random
    clock: Clock
    stall_s: float  # how long a "timeout" fault keeps the client waiting


def make_app(config: SimConfig) -> web.Application:
    """The whole service: routes, and the archive's storage opened and closed with the app."""
    app = web.Application(client_max_size=64 * 1024**2)
    app[views.CONFIG] = config

    async def storage(app: web.Application) -> AsyncIterator[None]:
        store = ArchiveStore(config.database_url, rng=random.Random(config.rng.getrandbits(64)))
        app[views.STORE] = store
        yield
        store.close()

    app.cleanup_ctx.append(storage)
    app.router.add_get("/healthz", views.healthz)
    app.router.add_post("/v1/submissions", views.submissions)
    app.router.add_post("/v1/invalidations", views.invalidations)
    app.router.add_get("/v1/receipts/{key}", views.receipt)
    app.router.add_get("/v1/entries", views.entries)
    return app


def run(config: SimConfig, *, host: str, port: int) -> None:
    """Serve until interrupted (``arkistobotti kanta-sim``)."""
    web.run_app(make_app(config), host=host, port=port, print=None, access_log=None)
