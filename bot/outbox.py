"""Proactive messages: write now (in the caller's transaction), deliver later."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlmodel import Session, select

from bot.models import OutboxMessage


def enqueue_message(
    session: Session,
    *,
    worker_id: int,
    text: str,
    now: dt.datetime,
    card: dict[str, Any] | None = None,
    not_before: dt.datetime | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Add a message for ``worker_id``; with ``dedupe_key`` the same message is queued once only."""
    if dedupe_key is not None:
        existing = session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key)).first()
        if existing is not None:
            return existing
    message = OutboxMessage(
        worker_id=worker_id,
        text=text,
        card_json=json.dumps(card, ensure_ascii=False) if card is not None else None,
        dedupe_key=dedupe_key,
        not_before=not_before or now,
        created_at=now,
    )
    session.add(message)
    session.flush()
    return message


def due_messages(session: Session, now: dt.datetime, limit: int = 100) -> list[OutboxMessage]:
    """Messages whose time has come and that have not been sent (or given up on) yet, oldest first.

    ``bot.proactive.OutboxDeliverer`` delivers them; it also leases each one while sending.
    """
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None), OutboxMessage.not_before <= now)  # type: ignore[union-attr]
        .order_by(OutboxMessage.not_before, OutboxMessage.id)
        .limit(limit)
    )
    return list(session.exec(query))
