"""The audit log: who read or changed which client's data, when, and through which channel.

Rows are written in the caller's transaction, so a change and its audit row commit
(or roll back) together. Details are JSON; every string in them, and the actor's
label, passes the henkilötunnus detector (``archiving.hetu``) before it is stored.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import insert
from sqlmodel import Session, col, select

from archiving.actors import Actor
from archiving.hetu import redact, redact_json
from archiving.models import AuditEvent

# Actions written by the core (other packages may add their own, "area.verb").
DOCUMENT_READ = "document.read"
DOCUMENT_LIST = "document.list"
DOCUMENT_COMPLETE = "document.complete"
DOCUMENT_LOCK = "document.lock"
DOCUMENT_SUBMIT = "document.submit"
DOCUMENT_FIX = "document.fix"
DOCUMENT_CORRECT = "document.correct"
DOCUMENT_INVALIDATE = "document.invalidate"
DOCUMENT_CREATE = "document.create"
FORM_READ = "document.form"
ARCHIVE_RESULT = "archive.result"


def _detail(detail: Mapping[str, object] | None) -> str:
    if not detail:
        return "{}"
    return json.dumps(redact_json(json.loads(json.dumps(detail, default=str))), ensure_ascii=False, sort_keys=True)


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    document_id: int | None = None,
    client_id: int | None = None,
    detail: Mapping[str, object] | None = None,
    now: dt.datetime,
) -> AuditEvent:
    """Write one audit row in the caller's transaction."""
    event = AuditEvent(
        at=now,
        actor_id=actor.worker_id,
        actor_label=actor.label[:200],
        action=action,
        channel=str(actor.channel),
        document_id=document_id,
        client_id=client_id,
        detail=_detail(detail),
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class Target:
    """One (document, client) pair touched by a bulk read or change."""

    document_id: int | None
    client_id: int | None
    detail: Mapping[str, object] | None = None


def record_many(session: Session, actor: Actor, action: str, targets: Iterable[Target], *, now: dt.datetime) -> int:
    """Write one row per target with a single bulk insert; returns the number of rows."""
    rows = [
        {
            "at": now,
            "actor_id": actor.worker_id,
            "actor_label": redact(actor.label)[:200],
            "action": action,
            "channel": str(actor.channel),
            "document_id": t.document_id,
            "client_id": t.client_id,
            "detail": _detail(t.detail),
        }
        for t in targets
    ]
    if rows:
        session.connection().execute(insert(AuditEvent.__table__), rows)  # type: ignore[attr-defined]  # Core executemany, same transaction
    return len(rows)


def query(
    session: Session,
    *,
    document_id: int | None = None,
    client_id: int | None = None,
    actor_id: int | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 100,
) -> list[AuditEvent]:
    """Audit rows matching every given filter, newest first (e.g. a client's access log)."""
    statement = select(AuditEvent)
    if document_id is not None:
        statement = statement.where(AuditEvent.document_id == document_id)
    if client_id is not None:
        statement = statement.where(AuditEvent.client_id == client_id)
    if actor_id is not None:
        statement = statement.where(AuditEvent.actor_id == actor_id)
    if action is not None:
        statement = statement.where(AuditEvent.action == action)
    if since is not None:
        statement = statement.where(col(AuditEvent.at) >= since)
    if until is not None:
        statement = statement.where(col(AuditEvent.at) < until)
    statement = statement.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(limit)
    return list(session.exec(statement).all())


def as_dict(event: AuditEvent) -> dict[str, object]:
    """An audit row for JSON output."""
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor": event.actor_label,
        "action": event.action,
        "channel": event.channel,
        "document_id": event.document_id,
        "client_id": event.client_id,
        "detail": json.loads(event.detail or "{}"),
    }
