"""Conversation and user state in the database, with etag concurrency.

SDK-neutral: the botbuilder ``Storage`` in ``bot/channel/storage.py`` is a thin
async shell around this, and :class:`TurnStates` serves one turn in a worker
thread. A write names the etag it read; if another turn (in this or another
instance) wrote in between, the whole write is refused with
:class:`EtagConflict` and nothing changes. Statements are plain SQLAlchemy Core,
built once: a turn pays for a round trip, not for an ORM unit of work.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from archiving.clock import Clock
from bot.models import BotStateItem

ANY_ETAG = "*"
_TABLE: Table = BotStateItem.__table__  # type: ignore[attr-defined]
_READ = select(_TABLE.c.key, _TABLE.c.data, _TABLE.c.etag).where(_TABLE.c.key.in_(bindparam("keys", expanding=True)))
_UPDATE = (
    update(_TABLE)
    .where(_TABLE.c.key == bindparam("k"), _TABLE.c.etag == bindparam("expected"))
    .values(data=bindparam("d"), etag=bindparam("next"), updated_at=bindparam("now"))
)
_DELETE = delete(_TABLE).where(_TABLE.c.key.in_(bindparam("keys", expanding=True)))


def _upsert(dialect_name: str) -> Any:
    """INSERT … ON CONFLICT (key) DO UPDATE, bumping the etag; returns the new etag."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    stmt = dialect.insert(_TABLE).values(key=bindparam("k"), data=bindparam("d"), etag=1, updated_at=bindparam("now"))
    excluded = stmt.excluded
    return stmt.on_conflict_do_update(
        index_elements=[_TABLE.c.key], set_={"data": excluded.data, "etag": _TABLE.c.etag + 1, "updated_at": excluded.updated_at}
    ).returning(_TABLE.c.etag)


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
    """Reads and writes state items; every write call is one transaction."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock
        self._upsert = _upsert(engine.dialect.name)

    def read(self, keys: Iterable[str]) -> dict[str, StoredState]:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        with self._engine.connect() as connection:
            rows = connection.execution_options(sqlite_readonly=True).execute(_READ, {"keys": wanted}).all()
            connection.rollback()
        return {key: StoredState(json.loads(data), str(etag), data) for key, data, etag in rows}

    def write(self, items: Mapping[str, StateWrite]) -> dict[str, str]:
        """Write all ``items`` or none; return each key's new etag."""
        if not items:
            return {}
        now = self._clock()
        new_etags: dict[str, str] = {}
        with self._engine.begin() as connection:
            for key, item in items.items():
                data = item.text if item.text is not None else dumps(item.data)
                if item.etag in (None, "", ANY_ETAG):
                    new_etags[key] = str(connection.execute(self._upsert, {"k": key, "d": data, "now": now}).scalar_one())
                    continue
                try:
                    expected = int(item.etag)  # type: ignore[arg-type]
                except ValueError:
                    raise EtagConflict(f"state item {key!r}: unknown etag") from None
                result = connection.execute(_UPDATE, {"k": key, "expected": expected, "d": data, "next": expected + 1, "now": now})
                if result.rowcount != 1:
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
