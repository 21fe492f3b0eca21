"""Conversation and user state in the database, with etag concurrency.

SDK-neutral: the botbuilder ``Storage`` in ``bot/channel/storage.py`` is a thin
async shell around this. A write names the etag it read; if another turn (in
this or another instance) wrote in between, the whole write is refused with
:class:`EtagConflict` and nothing changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import col, delete, select

from archiving.clock import Clock
from archiving.db import read_only, transaction
from bot.models import BotStateItem

ANY_ETAG = "*"


class EtagConflict(Exception):
    """Someone else changed the state item since it was read; the write was not applied."""


@dataclass(frozen=True)
class StoredState:
    data: dict[str, Any]
    etag: str


@dataclass(frozen=True)
class StateWrite:
    """New data for a key; ``etag`` is the one read (None or ``*``: overwrite whatever is there)."""

    data: Mapping[str, Any]
    etag: str | None = None


class StateStore:
    """Reads and writes state items; every write call is one transaction."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def read(self, keys: Iterable[str]) -> dict[str, StoredState]:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        with read_only(self._engine) as session:
            rows = session.exec(select(BotStateItem.key, BotStateItem.data, BotStateItem.etag).where(col(BotStateItem.key).in_(wanted))).all()
        return {key: StoredState(json.loads(data), str(etag)) for key, data, etag in rows}

    def write(self, items: Mapping[str, StateWrite]) -> dict[str, str]:
        """Write all ``items`` or none; return each key's new etag."""
        now = self._clock()
        new_etags: dict[str, str] = {}
        with transaction(self._engine) as session:
            for key, item in items.items():
                data = json.dumps(dict(item.data), ensure_ascii=False, separators=(",", ":"))
                if item.etag in (None, "", ANY_ETAG):
                    table = BotStateItem.__table__  # type: ignore[attr-defined]
                    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite  # type: ignore[union-attr]
                    stmt = dialect.insert(table).values(key=key, data=data, etag=1, updated_at=now)
                    stmt = stmt.on_conflict_do_update(
                        index_elements=[table.c.key],
                        set_={"data": data, "etag": table.c.etag + 1, "updated_at": now},
                    ).returning(table.c.etag)
                    new_etags[key] = str(session.execute(stmt).scalar_one())
                    continue
                try:
                    expected = int(item.etag)
                except ValueError:
                    raise EtagConflict(f"state item {key!r}: unknown etag") from None
                result = session.execute(
                    update(BotStateItem)
                    .where(col(BotStateItem.key) == key, col(BotStateItem.etag) == expected)
                    .values(data=data, etag=expected + 1, updated_at=now)
                )
                if result.rowcount != 1:  # type: ignore[attr-defined]
                    raise EtagConflict(f"state item {key!r} was changed by another turn")
                new_etags[key] = str(expected + 1)
        return new_etags

    def delete(self, keys: Iterable[str]) -> None:
        wanted = list(keys)
        if wanted:
            with transaction(self._engine) as session:
                session.execute(delete(BotStateItem).where(col(BotStateItem.key).in_(wanted)))
