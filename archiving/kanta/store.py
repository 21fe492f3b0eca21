"""The stand-in archive's own storage: entries in a separate database, written under the rules.

Its table (``archiving.kanta.tables``) is created on first use, outside the
product's migrations.
A batch is one transaction: an item is stored at most once per idempotency
key, and rules see the items accepted earlier in the same batch. A resend of a
stored key is a duplicate only when its header digest (which covers the body's
hash) is the stored one; otherwise it is a version conflict.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence

from sqlalchemy import func, inspect, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from archiving.db import make_engine
from archiving.enums import DocumentKind, JobOperation
from archiving.kanta import messages as m
from archiving.kanta.catalog import CodeCatalog
from archiving.kanta.gateway import ArchiveEntry, ArchiveReceipt, ArchiveUnavailable, EntryPage, EntryState, Outcome
from archiving.kanta.rules import check_invalidation, check_resend, check_submission, rejection
from archiving.kanta.submission import Invalidation, Submission, header_digest, header_json
from archiving.kanta.tables import entries, metadata


def _storage_failed() -> ArchiveUnavailable:
    """The archive's own storage failed: nothing of the batch was stored (one transaction)."""
    return ArchiveUnavailable("STORAGE_ERROR", m.STORAGE_ERROR.en, m.STORAGE_ERROR.fi)


class _BatchView:
    """What the archive holds for one batch's sets and clients, kept current as items are accepted."""

    def __init__(self, versions: dict[str, dict[int, str]], clients: set[str]) -> None:
        self.versions = versions
        self.clients = clients

    def latest(self, set_id: str) -> tuple[int, str] | None:
        stored = self.versions.get(set_id)
        if not stored:
            return None
        top = max(stored)
        return top, stored[top]

    def version_state(self, set_id: str, version: int) -> str | None:
        return self.versions.get(set_id, {}).get(version)

    def has_relationship(self, hetu: str) -> bool:
        return hetu in self.clients

    def has_set(self, set_id: str) -> bool:
        return bool(self.versions.get(set_id))


def _stored_digest(row: dict) -> str:  # type: ignore[type-arg]
    """The row's header digest; rows stored before the column existed are digested from their JSON."""
    return row.get("header_digest") or header_digest(header_json(json.loads(row["header_json"])))


def _receipt(
    row: dict,  # type: ignore[type-arg]
    duplicate: bool,
    *,
    content_hash: str | None = None,
    with_header: bool = False,
) -> ArchiveReceipt:
    """The answer for a stored row; ``content_hash`` when the caller knows it, else read from the header."""
    header = json.loads(row["header_json"]) if with_header else None
    return ArchiveReceipt(
        idempotency_key=row["idempotency_key"],
        reference=row["reference"],
        set_id=row["set_id"],
        version=row["version"],
        operation=row["operation"],
        received_at=row["received_at"],
        duplicate=duplicate,
        content_hash=content_hash or (header.get("content_hash") if header else None),
        header_digest=_stored_digest(row),
        header=header,
    )


class ArchiveStore:
    """Entries of the stand-in archive in their own database (default: a separate SQLite file)."""

    def __init__(self, database_url: str, *, rng: random.Random) -> None:
        self.engine: Engine = make_engine(database_url)
        self._rng = rng
        metadata.create_all(self.engine)
        self._add_digest_column()

    def _add_digest_column(self) -> None:
        """An archive database made before header digests gets the (nullable) column."""
        if "header_digest" not in {c["name"] for c in inspect(self.engine).get_columns(entries.name)}:
            with self.engine.begin() as conn:
                conn.execute(text(f"ALTER TABLE {entries.name} ADD COLUMN header_digest VARCHAR(64)"))

    def close(self) -> None:
        self.engine.dispose()

    def _reader(self) -> Connection:
        # on SQLite a plain BEGIN, so readers never wait for the write lock
        return self.engine.connect().execution_options(sqlite_readonly=True)

    def _reference(self) -> str:
        return f"KA-{self._rng.getrandbits(64):016x}"

    def _existing(self, conn: Connection, keys: Sequence[str]) -> dict[str, dict]:  # type: ignore[type-arg]
        rows = conn.execute(select(entries).where(entries.c.idempotency_key.in_(set(keys)))).mappings()
        return {r["idempotency_key"]: dict(r) for r in rows}

    def _view(self, conn: Connection, set_ids: set[str], hetus: set[str]) -> _BatchView:
        versions: dict[str, dict[int, str]] = {}
        if set_ids:
            rows = conn.execute(
                select(entries.c.set_id, entries.c.version, entries.c.state).where(
                    entries.c.operation == JobOperation.ARCHIVE, entries.c.set_id.in_(set_ids)
                )
            )
            for set_id, version, state in rows:
                versions.setdefault(set_id, {})[version] = state
        clients: set[str] = set()
        if hetus:
            clients = set(
                conn.execute(
                    select(entries.c.client_hetu)
                    .distinct()
                    .where(
                        entries.c.kind == DocumentKind.RELATIONSHIP,
                        entries.c.operation == JobOperation.ARCHIVE,
                        entries.c.state != EntryState.INVALIDATED,
                        entries.c.client_hetu.in_(hetus),
                    )
                ).scalars()
            )
        return _BatchView(versions, clients)

    def submit(self, items: Sequence[Submission], catalog: CodeCatalog, now: dt.datetime) -> list[Outcome]:
        """Store each acceptable item once; answer duplicates with the stored receipt."""
        if not items:
            return []
        try:
            try:
                return self._submit(items, catalog, now)
            except IntegrityError:  # a concurrent writer stored one of the keys first: look again
                return self._submit(items, catalog, now)
        except SQLAlchemyError:
            raise _storage_failed() from None  # the driver's message may quote a henkilötunnus

    def _submit(self, items: Sequence[Submission], catalog: CodeCatalog, now: dt.datetime) -> list[Outcome]:
        outcomes: list[Outcome] = []
        rows: list[dict] = []  # type: ignore[type-arg]
        superseded: list[tuple[str, int]] = []
        with self.engine.begin() as conn:
            existing = self._existing(conn, [i.idempotency_key for i in items])
            set_ids = {i.set_id for i in items} | {i.case_set_id for i in items if i.case_set_id}
            view = self._view(conn, set_ids, {i.client_hetu for i in items})
            for item in items:
                stored = existing.get(item.idempotency_key)
                if stored is not None:
                    sent = header_digest(header_json(item.header()))
                    conflict = check_resend(sent, _stored_digest(stored), stored["version"], stored["reference"])
                    outcomes.append(conflict or _receipt(stored, True, content_hash=item.content_hash))
                    continue
                problems = check_submission(item, catalog, view)
                if problems:
                    outcomes.append(rejection(problems))
                    continue
                header = header_json(item.header())
                row = {
                    "reference": self._reference(),
                    "idempotency_key": item.idempotency_key,
                    "operation": JobOperation.ARCHIVE,
                    "set_id": item.set_id,
                    "document_id": item.document_id,
                    "version": item.version,
                    "kind": item.kind,
                    "client_hetu": item.client_hetu,
                    "state": EntryState.ACTIVE,
                    "header_json": header,
                    "header_digest": header_digest(header),
                    "content": item.content,
                    "received_at": now,
                }
                rows.append(row)
                existing[item.idempotency_key] = row
                stored = view.versions.setdefault(item.set_id, {})
                if item.version - 1 in stored:
                    stored[item.version - 1] = EntryState.SUPERSEDED
                    superseded.append((item.set_id, item.version - 1))
                stored[item.version] = EntryState.ACTIVE
                if item.kind == DocumentKind.RELATIONSHIP:
                    view.clients.add(item.client_hetu)
                outcomes.append(_receipt(row, False, content_hash=item.content_hash))
            if rows:
                conn.execute(entries.insert(), rows)
            for set_id, version in superseded:
                self._set_state(conn, set_id, version, EntryState.SUPERSEDED)
        return outcomes

    @staticmethod
    def _set_state(conn: Connection, set_id: str, version: int, state: str) -> None:
        conn.execute(
            update(entries)
            .where(
                entries.c.set_id == set_id, entries.c.version == version, entries.c.operation == JobOperation.ARCHIVE
            )
            .values(state=state)
        )

    def invalidate(self, items: Sequence[Invalidation], now: dt.datetime) -> list[Outcome]:
        """Mark stored versions void (they stay stored) and record each request once."""
        if not items:
            return []
        try:
            return self._invalidate(items, now)
        except SQLAlchemyError:
            raise _storage_failed() from None

    def _invalidate(self, items: Sequence[Invalidation], now: dt.datetime) -> list[Outcome]:
        outcomes: list[Outcome] = []
        with self.engine.begin() as conn:
            existing = self._existing(conn, [i.idempotency_key for i in items])
            view = self._view(conn, {i.set_id for i in items}, set())
            hetus = dict(
                conn.execute(
                    select(entries.c.set_id, entries.c.client_hetu).where(
                        entries.c.set_id.in_({i.set_id for i in items})
                    )
                ).all()
            )
            for item in items:
                if item.idempotency_key in existing:
                    outcomes.append(_receipt(existing[item.idempotency_key], duplicate=True))
                    continue
                problems = check_invalidation(item, view)
                if problems:
                    outcomes.append(rejection(problems))
                    continue
                row = {
                    "reference": self._reference(),
                    "idempotency_key": item.idempotency_key,
                    "operation": JobOperation.INVALIDATE,
                    "set_id": item.set_id,
                    "document_id": item.document_id,
                    "version": item.version,
                    "kind": "",
                    "client_hetu": hetus.get(item.set_id, ""),
                    "state": EntryState.INVALIDATED,
                    "header_json": header_json({"reason": item.reason}),
                    "header_digest": header_digest(header_json({"reason": item.reason})),
                    "content": "",
                    "received_at": now,
                }
                conn.execute(entries.insert(), [row])
                self._set_state(conn, item.set_id, item.version, EntryState.INVALIDATED)
                view.versions[item.set_id][item.version] = EntryState.INVALIDATED
                existing[item.idempotency_key] = row
                outcomes.append(_receipt(row, duplicate=False))
        return outcomes

    def lookup(self, idempotency_key: str) -> ArchiveReceipt | None:
        """The stored entry under a key, with its header (never the henkilötunnus or the body)."""
        with self._reader() as conn:
            row = conn.execute(select(entries).where(entries.c.idempotency_key == idempotency_key)).mappings().first()
        return _receipt(dict(row), duplicate=True, with_header=True) if row else None

    def entries(self, *, after: int = 0, limit: int = 1000) -> EntryPage:
        """Stored entries after sequence number ``after``, oldest first; no client data."""
        hidden = ("client_hetu", "content", "header_json", "header_digest", "kind")
        cols = [c for c in entries.c if c.name not in hidden]
        with self._reader() as conn:
            rows = conn.execute(
                select(*cols).where(entries.c.seq > after).order_by(entries.c.seq).limit(limit)
            ).mappings()
            page = [ArchiveEntry(**dict(r)) for r in rows]
        return EntryPage(page, page[-1].seq if len(page) == limit else None)

    def count(self) -> int:
        with self._reader() as conn:
            return int(conn.execute(select(func.count()).select_from(entries)).scalar_one())
