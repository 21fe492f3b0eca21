"""The documents behind a follow-up figure, so that a contact person can help the people behind it.

A document list is client-related data: every document shown is audit-logged
(``document.list``, with its client) in the same transaction as the read. Rows
name the document, its author, its state and, for a failure, the archive's
reason in Finnish (through the henkilötunnus redaction); they never name the client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import false, func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving import audit, messages
from archiving.actors import Actor
from archiving.db import transaction
from archiving.enums import DocumentStatus as S
from archiving.errors import InvalidInput
from archiving.followup import SERIES, require_unit, week_bounds
from archiving.hetu import redact
from archiving.models import MAX_ID, Document, Worker
from archiving.validation import problem

LIST_LIMIT = 200
MOMENTS = {"completed": Document.completed_at, "locked": Document.locked_at, "archived": Document.archived_at, "failed": Document.updated_at}


@dataclass(frozen=True)
class FollowupDocument:
    document_id: int
    title: str
    author_id: int
    author_name: str
    status: str
    moment: dt.datetime | None  # when it reached the figure's state (or last changed)
    reason_fi: str | None  # why archiving failed, in Finnish


@dataclass(frozen=True)
class DocumentList:
    rows: list[FollowupDocument]
    total: int  # all that match; at most LIST_LIMIT are listed


def _reason(status: str, error: str | None, retryable: bool | None) -> str | None:
    if status != S.FAILED or not error:
        return None
    return problem("archive_error_retryable" if retryable else "archive_error", "archive", error=redact(error)).message_fi


def documents_behind(
    engine: Engine, actor: Actor, unit_id: int, *, now: dt.datetime, zone: ZoneInfo, status: str | None = None,
    series: str | None = None, week: dt.date | None = None, worker_id: int | None = None, limit: int = LIST_LIMIT,
) -> DocumentList:  # fmt: skip
    """The unit's documents in ``status`` now, or those behind ``series`` in the week of ``week``; optionally one worker's."""
    if (status is None) == (series is None) or (series is not None and (series not in SERIES or week is None or not 1900 < week.year < 2200)):
        raise InvalidInput(messages.FOLLOWUP_BAD_FILTER, "give either a status, or a series and a week")
    if status is not None and status not in set(S):
        raise InvalidInput(messages.FOLLOWUP_BAD_STATUS, f"unknown status {status[:40]!r}")
    moment = MOMENTS[series] if series else Document.updated_at
    criteria = [Document.service_unit_id == unit_id]
    if status is not None:
        criteria.append(Document.status == status)
    if series is not None and week is not None:
        start, end = week_bounds(week - dt.timedelta(days=week.weekday()), zone)
        criteria += [col(moment) >= start, col(moment) < end]
        if series == "failed":
            criteria.append(Document.status == S.FAILED)
    if worker_id is not None:
        criteria.append(Document.author_id == worker_id if 1 <= worker_id <= MAX_ID else false())
    with transaction(engine) as session:
        require_unit(session, actor, unit_id)
        total = int(session.exec(select(func.count()).select_from(Document).where(*criteria)).one())
        found = session.exec(
            select(Document.id, Document.title, Document.author_id, Worker.name, Document.status, moment, Document.client_id,
                   Document.last_error, Document.error_retryable)
            .join(Worker, col(Worker.id) == col(Document.author_id))
            .where(*criteria)
            .order_by(col(moment).desc(), col(Document.id).desc())
            .limit(limit)
        ).all()  # fmt: skip
        rows = [
            FollowupDocument(int(i), redact(title), int(author), name, str(state), at, _reason(state, error, retryable))
            for i, title, author, name, state, at, _client, error, retryable in found
        ]
        targets = [audit.Target(int(i), int(client), {"view": "followup"}) for i, _, _, _, _, _, client, _, _ in found]
        audit.record_many(session, actor, audit.DOCUMENT_LIST, targets, now=now)
    return DocumentList(rows, total)
