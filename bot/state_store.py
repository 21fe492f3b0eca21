"""Conversation and user state in the database, with etag concurrency.

SDK-neutral: the botbuilder ``Storage`` in ``bot/channel/storage.py`` is a thin
async shell around this, and :class:`TurnStates` serves one turn in a worker
thread. A write names the etag it read; if another turn (in this or another
instance) wrote in between, the whole write is refused with
:class:`EtagConflict` and nothing changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, delete
from sqlalchemy.engine import Engine

from archiving.clock import Clock
from archiving.db import dbapi_transaction, named_params
from archiving.types import UTCDateTime
from bot.models import BotStateItem

ANY_ETAG = "*"
_TABLE: Table = BotStateItem.__table__  # type: ignore[attr-defined]
_UPDATE = "UPDATE bot_state_item SET data = {d}, etag = {next}, updated_at = {now} WHERE key = {k} AND etag = {expected}"
_UPSERT = (  # '*' or no etag: write whatever is there, bumping the etag
    "INSERT INTO bot_state_item (key, data, etag, updated_at) VALUES ({k}, {d}, 1, {now}) "
    "ON CONFLICT (key) DO UPDATE SET data = excluded.data, etag = bot_state_item.etag + 1, updated_at = excluded.updated_at "
    "RETURNING etag"
)
_DELETE = delete(_TABLE).where(_TABLE.c.key.in_(bindparam("keys", expanding=True)))


def dumps(data: Mapping[str, Any]) -> str:
    """The stored JSON of a state item (compact, UTF-8 as is): equal text means unchanged state."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class EtagConflict(Exception):
    """Someone else changed the state item since it was read; the write was not applied."""


@dataclass(frozen=True)
class StoredState:
    data: dict[str, Any]
    etag: str
    text: str = ""  # the stored JSON, so a turn can tell whether it changed the state


@dataclass(frozen=True)
class StateWrite:
    """New data for a key; ``etag`` is the one read (None or ``*``: overwrite whatever is there)."""

    data: Mapping[str, Any]
    etag: str | None = None
    text: str | None = None  # ``data`` already serialised with :func:`dumps`


class StateStore:
    """Reads and writes state items; every write call is one transaction.

    Every turn runs these statements, so they are the driver's own SQL on a pooled connection
    (``archiving.db.dbapi_transaction``): the same rows and types as the ORM model, a fraction of the cost.
    """

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock
        self._update = named_params(engine, _UPDATE)
        self._upsert = named_params(engine, _UPSERT)
        self._reads: dict[int, str] = {}
        self._timestamp = UTCDateTime().bind_processor(engine.dialect) or (lambda value: value)

    def _read_sql(self, count: int) -> str:
        sql = self._reads.get(count)
        if sql is None:
            marks = ", ".join(f"{{k{i}}}" for i in range(count))
            sql = self._reads[count] = named_params(self._engine, f"SELECT key, data, etag FROM bot_state_item WHERE key IN ({marks})")
        return sql

    def read(self, keys: Iterable[str]) -> dict[str, StoredState]:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        with dbapi_transaction(self._engine, write=False) as cursor:
            cursor.execute(self._read_sql(len(wanted)), {f"k{i}": key for i, key in enumerate(wanted)})
            rows = cursor.fetchall()
        return {key: StoredState(json.loads(data), str(etag), data) for key, data, etag in rows}

    def write(self, items: Mapping[str, StateWrite]) -> dict[str, str]:
        """Write all ``items`` or none; return each key's new etag."""
        if not items:
            return {}
        now = self._timestamp(self._clock())
        new_etags: dict[str, str] = {}
        with dbapi_transaction(self._engine) as cursor:
            for key, item in items.items():
                data = item.text if item.text is not None else dumps(item.data)
                if item.etag in (None, "", ANY_ETAG):
                    cursor.execute(self._upsert, {"k": key, "d": data, "now": now})
                    new_etags[key] = str(cursor.fetchone()[0])
                    continue
                try:
                    expected = int(item.etag)  # type: ignore[arg-type]
                except ValueError:
                    raise EtagConflict(f"state item {key!r}: unknown etag") from None
                cursor.execute(self._update, {"k": key, "expected": expected, "d": data, "next": expected + 1, "now": now})
                if cursor.rowcount != 1:
                    raise EtagConflict(f"state item {key!r} was changed by another turn")
                new_etags[key] = str(expected + 1)
        return new_etags

    def delete(self, keys: Iterable[str]) -> None:
        wanted = list(keys)
        if wanted:
            with self._engine.begin() as connection:
                connection.execute(_DELETE, {"keys": wanted})


STATE_PROPERTY = "arkistobotti"  # the item's property that holds the bot's dict (botbuilder's BotState layout)


@dataclass(frozen=True)
class StateKeys:
    """The storage keys of one turn, as botbuilder's ConversationState and UserState name them."""

    conversation: str
    user: str


class TurnStates:
    """One turn's conversation and user state, used from its worker thread.

    Each item is read when the turn first touches it (a help card reads nothing)
    and written back after the turn only when its JSON changed, carrying the
    etag it was read with; items are ``{STATE_PROPERTY: {...}}`` as botbuilder
    stores them, so :class:`~bot.channel.storage.DatabaseStorage` sees the same rows.
    """

    def __init__(self, store: StateStore, keys: StateKeys) -> None:
        self._store = store
        self.keys = keys
        self._loaded: dict[str, tuple[StoredState | None, dict[str, Any]]] = {}

    def _property(self, key: str) -> dict[str, Any]:
        loaded = self._loaded.get(key)
        if loaded is None:
            stored = self._store.read([key]).get(key)
            loaded = self._loaded[key] = (stored, stored.data if stored is not None else {})
        value = loaded[1].setdefault(STATE_PROPERTY, {})
        return value  # type: ignore[no-any-return]

    @property
    def conversation(self) -> dict[str, Any]:
        return self._property(self.keys.conversation)

    @property
    def user(self) -> dict[str, Any]:
        return self._property(self.keys.user)

    def changes(self) -> dict[str, StateWrite]:
        """The items whose JSON differs from what was read (a never-stored item left empty is no change)."""
        writes: dict[str, StateWrite] = {}
        for key, (stored, item) in self._loaded.items():
            if stored is None and not any(item.values()):
                continue
            text = dumps(item)
            if stored is None or text != stored.text:
                writes[key] = StateWrite(item, stored.etag if stored is not None else None, text)
        return writes

    def save(self) -> None:
        """Write the changed items in one transaction; :class:`EtagConflict` if another turn wrote first."""
        writes = self.changes()
        if writes:
            self._store.write(writes)
