"""Request handlers of ``kanta-sim``: JSON in, the store's answers out, faults on the way."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from archiving.kanta import messages as m
from archiving.kanta.gateway import ArchiveError, ArchiveReceipt, Outcome
from archiving.kanta.simulator import Fault, fault_error
from archiving.kanta.store import ArchiveStore
from archiving.kanta.submission import Invalidation, Submission

if TYPE_CHECKING:
    from kantasim.app import SimConfig

CONFIG: web.AppKey[SimConfig] = web.AppKey("kantasim_config")
STORE = web.AppKey("kantasim_store", ArchiveStore)


def _bad_request(detail: str) -> web.Response:
    error = {
        "kind": "rejected",
        "ack": "AE",
        "code": "BAD_REQUEST",
        "message_fi": m.BAD_REQUEST.fi,
        "message_en": m.BAD_REQUEST.en.format(detail=detail),
        "violations": [],
    }
    return web.json_response({"error": error}, status=400)


def _result(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, ArchiveReceipt):
        return {"receipt": outcome.to_json()}
    return {"error": outcome.to_json()}


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def _batch(
    request: web.Request, parse: Callable[[dict], Any], store_call: Callable[[list], list]
) -> web.StreamResponse:  # type: ignore[type-arg]
    config = request.app[CONFIG]
    try:
        payload = await request.json()
        items = [parse(item) for item in payload["items"]]
    except (ValueError, KeyError, TypeError) as exc:
        return _bad_request(type(exc).__name__)
    if config.faults.latency_ms:
        await asyncio.sleep(config.faults.latency_ms / 1000)
    fault = config.faults.roll(config.rng)
    if fault is Fault.BUSY:
        return web.json_response({"error": fault_error(fault).to_json()}, status=503)
    if fault is Fault.TIMEOUT:
        await asyncio.sleep(config.stall_s)  # the client has given up by now; the archive still stores
    try:
        outcomes = await asyncio.to_thread(store_call, items)
    except ArchiveError as exc:  # the archive's storage failed: refuse the whole request
        return web.json_response({"error": exc.to_json()}, status=503)
    if fault is Fault.LOST and request.transport is not None:
        request.transport.abort()  # stored, but the answer never leaves
        raise asyncio.CancelledError
    return web.json_response({"results": [_result(o) for o in outcomes]})


async def submissions(request: web.Request) -> web.StreamResponse:
    config, store = request.app[CONFIG], request.app[STORE]
    return await _batch(
        request, Submission.from_json, lambda items: store.submit(items, config.catalog(), config.clock())
    )


async def invalidations(request: web.Request) -> web.StreamResponse:
    config, store = request.app[CONFIG], request.app[STORE]
    return await _batch(request, Invalidation.from_json, lambda items: store.invalidate(items, config.clock()))


async def receipt(request: web.Request) -> web.Response:
    found = await asyncio.to_thread(request.app[STORE].lookup, request.match_info["key"])
    if found is None:
        return web.json_response({"error": {"code": "NOT_FOUND"}}, status=404)
    return web.json_response({"receipt": found.to_json()})


async def entries(request: web.Request) -> web.Response:
    try:
        after = int(request.query.get("after", "0"))
        limit = min(max(int(request.query.get("limit", "1000")), 1), 10_000)
    except ValueError:
        return _bad_request("after and limit must be integers")
    page = await asyncio.to_thread(request.app[STORE].entries, after=after, limit=limit)
    return web.json_response({"entries": [e.to_json() for e in page.entries], "next_after": page.next_after})
