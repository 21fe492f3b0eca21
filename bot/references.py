"""Conversation references: where each worker can be reached for proactive messages.

The channel edge hands over the reference of every turn; it is written only
when it changed, and a new reference wakes messages that waited for one.

A reference decides where a worker's later messages (archive results, ticket
replies) are posted, so it is replaced only by a turn the channel vouched for
(a Bot Framework token whose serviceurl claim matched), or, with nobody vouching
(no app id, local development), by the same sender (``from.id``) whose unvouched
turn stored it. An unvouched turn never replaces a vouched reference, nor one of
another sender: it can only fill in a reference the worker does not have yet.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving.clock import Clock
from archiving.db import read_only, transaction
from bot.models import ConversationRef, OutboxMessage

log = logging.getLogger(__name__)


def _digest(reference: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(reference, sort_keys=True).encode()).hexdigest()


def _sender(reference: dict[str, Any] | None) -> object:
    user = (reference or {}).get("user")
    return user.get("id") if isinstance(user, dict) else None


def _same_unvouched_sender(row: ConversationRef, stored: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """Whether an unvouched turn may replace ``row``: it was stored unvouched, by the same ``from.id``."""
    return not row.vouched and _sender(stored) is not None and _sender(stored) == _sender(new)


class ReferenceBook:
    """Stores one reference per worker (their latest conversation with the bot)."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock
        self._known: dict[int, str] = {}
        self._lock = threading.Lock()

    def remember(self, worker_id: int, reference: dict[str, Any], *, vouched: bool) -> bool:
        """Store ``reference`` for ``worker_id`` (by the rule above); True when it was new or changed."""
        digest = _digest(reference)
        with self._lock:
            if self._known.get(worker_id) == digest:
                return False
        now = self._clock()
        with transaction(self._engine) as session:
            row = session.get(ConversationRef, worker_id, with_for_update=True)
            stored = json.loads(row.reference_json) if row is not None else None
            changed = stored is None or _digest(stored) != digest
            if changed and row is not None and not vouched and not _same_unvouched_sender(row, stored, reference):
                log.warning("kept worker %s's conversation reference: an unvouched turn may not replace it", worker_id)
                return False
            if changed:
                row = row or ConversationRef(worker_id=worker_id)  # type: ignore[call-arg]
                row.channel_id = str(reference.get("channelId") or "")
                row.conversation_id = str((reference.get("conversation") or {}).get("id") or "")
                row.service_url = str(reference.get("serviceUrl") or "")
                row.reference_json = json.dumps(reference, ensure_ascii=False)
                row.vouched = vouched
                row.updated_at = now
                session.add(row)
                # messages that waited for a way to reach this worker can go now
                session.execute(
                    update(OutboxMessage)
                    .where(
                        col(OutboxMessage.worker_id) == worker_id,
                        col(OutboxMessage.sent_at).is_(None),
                        col(OutboxMessage.failed_at).is_(None),
                        col(OutboxMessage.attempts) > 0,
                    )
                    .values(not_before=now)
                )
        with self._lock:
            self._known[worker_id] = digest
        return changed

    def get(self, worker_id: int) -> dict[str, Any] | None:
        with read_only(self._engine) as session:
            stored = session.exec(select(ConversationRef.reference_json).where(ConversationRef.worker_id == worker_id)).first()
        return json.loads(stored) if stored is not None else None
