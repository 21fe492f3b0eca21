"""Choosing the archive: the embedded stand-in by default, an HTTP archive when a URL is set."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy.engine import Engine

from archiving.clock import Clock, system_clock
from archiving.kanta.catalog import CachedCatalog, CatalogSource, catalog_from_database
from archiving.kanta.gateway import ArchiveGateway
from archiving.kanta.http_client import HttpArchiveGateway
from archiving.kanta.simulator import FaultPlan, KantaSimulator
from archiving.kanta.store import ArchiveStore


def make_gateway(
    kanta_url: str | None,
    sim_database_url: str,
    fault_rate: float,
    latency_ms: int,
    timeout_s: float,
    rng: random.Random,
    *,
    catalog: CatalogSource | None = None,
    clock: Clock = system_clock,
) -> ArchiveGateway:
    """The HTTP gateway for ``kanta_url``, or the embedded stand-in when it is None.

    The stand-in checks codes against ``catalog`` (the code lists as the national
    code server would have them); faults and latency apply only to it, since a
    remote ``kanta-sim`` injects its own.
    """
    if kanta_url:
        return HttpArchiveGateway(kanta_url, timeout_s=timeout_s)
    if catalog is None:
        raise ValueError("the embedded archive needs a code catalog to check codes against")
    store = ArchiveStore(sim_database_url, rng=random.Random(rng.getrandbits(64)))
    return KantaSimulator(store, catalog, faults=FaultPlan(fault_rate, latency_ms), rng=rng, clock=clock)


def gateway_from_settings(
    settings: Any, engine: Engine, rng: random.Random, *, clock: Clock = system_clock
) -> ArchiveGateway:
    """The archive configured by ``bot.settings.Settings``; codes come from the product database."""
    return make_gateway(
        settings.kanta_url,
        settings.kanta_sim_database_url,
        settings.kanta_fault_rate,
        settings.kanta_latency_ms,
        settings.kanta_timeout_s,
        rng,
        catalog=CachedCatalog(lambda: catalog_from_database(engine)),
        clock=clock,
    )
