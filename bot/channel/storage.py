"""botbuilder ``Storage`` on the database (``bot.state_store``), so state survives restarts.

Items are plain JSON dicts; the ``e_tag`` key carries the etag botbuilder
hands back on the next write, which is how concurrent turns are detected.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from botbuilder.core import Storage, StoreItem

from bot.state_store import StateStore, StateWrite

T = TypeVar("T")
RunSync = Callable[..., Awaitable[Any]]


class DatabaseStorage(Storage):
    """Reads and writes run in the thread pool given as ``run`` (never on the event loop)."""

    def __init__(self, store: StateStore, run: RunSync) -> None:
        self._store = store
        self._run = run

    async def read(self, keys: list[str]) -> dict[str, Any]:
        if not keys:
            raise ValueError("Storage.read(): keys are required")
        stored = await self._run(self._store.read, keys)
        return {key: {**item.data, "e_tag": item.etag} for key, item in stored.items()}

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
