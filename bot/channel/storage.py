"""botbuilder ``Storage`` on the database (``bot.state_store``), so state survives restarts.

Items are plain JSON dicts; the ``e_tag`` key carries the etag botbuilder
hands back on the next write, which is how concurrent turns are detected.
Reads asked for in the same event-loop round (a turn loads conversation and
user state together, and busy turns overlap) go to the database as one query.
"""

from __future__ import annotations

import asyncio
import copy
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from botbuilder.core import Storage, StoreItem

from bot.state_store import StateStore, StateWrite, StoredState

RunSync = Callable[..., Awaitable[Any]]


@dataclass
class _ReadBatch:
    future: asyncio.Future[dict[str, StoredState]]
    keys: Counter[str] = field(default_factory=Counter)


class DatabaseStorage(Storage):
    """Reads and writes run in the thread pool given as ``run`` (never on the event loop)."""

    def __init__(self, store: StateStore, run: RunSync) -> None:
        self._store = store
        self._run = run
        self._batch: _ReadBatch | None = None

    async def read(self, keys: list[str]) -> dict[str, Any]:
        if not keys:
            raise ValueError("Storage.read(): keys are required")
        loop = asyncio.get_running_loop()
        batch = self._batch
        if batch is None:
            batch = self._batch = _ReadBatch(loop.create_future())
            loop.call_soon(self._flush, batch)  # after every read asked for in this round has joined
        first_asker = {key: batch.keys[key] == 0 for key in keys}
        batch.keys.update(keys)
        stored = await asyncio.shield(batch.future)
        result = {}
        for key in keys:
            item = stored.get(key)
            if item is not None:
                data = item.data if first_asker[key] else copy.deepcopy(item.data)  # never share a dict between turns
                result[key] = {**data, "e_tag": item.etag}
        return result

    def _flush(self, batch: _ReadBatch) -> None:
        self._batch = None
        task = asyncio.ensure_future(self._run(self._store.read, list(batch.keys)))

        def done(finished: asyncio.Future[dict[str, StoredState]]) -> None:
            if finished.cancelled():
                batch.future.cancel()
            elif finished.exception() is not None:
                batch.future.set_exception(finished.exception())  # type: ignore[arg-type]
            else:
                batch.future.set_result(finished.result())

        task.add_done_callback(done)

    async def write(self, changes: dict[str, Any]) -> None:
        if not changes:
            return
        writes: dict[str, StateWrite] = {}
        for key, value in changes.items():
            data = dict(vars(value)) if isinstance(value, StoreItem) else dict(value)
            etag = data.pop("e_tag", None)
            writes[key] = StateWrite(data=data, etag=etag)
        new_etags = await self._run(self._store.write, writes)
        for key, value in changes.items():  # later writes in the same turn must carry the new etag
            if isinstance(value, dict):
                value["e_tag"] = new_etags[key]
            else:
                value.e_tag = new_etags[key]

    async def delete(self, keys: list[str]) -> None:
        await self._run(self._store.delete, list(keys))
