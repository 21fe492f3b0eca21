"""Delivering the outbox: proactive messages written by any part of the product, sent by the bot.

Rows are claimed with a lease (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so
several instances share the outbox without sending a message twice. A worker's
messages go out in order; a failure is retried with backoff, and a worker who
has never talked to the bot keeps their messages until they do.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from archiving.db import transaction
from archiving.hetu import redact
from bot.models import ConversationRef, OutboxMessage
from bot.services import Services
from bot.turns.types import Reply

log = logging.getLogger(__name__)

ProactiveSend = Callable[[dict[str, Any], list[Reply]], Awaitable[None]]
LEASE = dt.timedelta(seconds=60)
NO_REFERENCE = "no conversation reference: the worker has not talked to the bot yet"
WAIT_FOR_REFERENCE = dt.timedelta(days=14)
SHUTDOWN_GRACE_S = 10.0  # how long a shutdown waits for the round in flight to record what it sent


@dataclass(frozen=True)
class Claimed:
    id: int
    worker_id: int
    reply: Reply
    reference: dict[str, Any] | None


class OutboxDeliverer:
    """Sends due outbox messages through ``send`` (the channel edge's proactive sender)."""

    def __init__(
        self,
        services: Services,
        send: ProactiveSend,
        *,
        batch_size: int = 50,
        worker_id: int | None = None,
        needs_reference: bool = True,
    ) -> None:
        """``worker_id`` limits delivery to one worker (the terminal chat); without ``needs_reference``
        messages go out even to workers the channel has no conversation with."""
        self._services = services
        self._send = send
        self._batch_size = batch_size
        self._worker_id = worker_id
        self._needs_reference = needs_reference

    async def run(self) -> None:
        """Deliver forever; the app cancels this task on shutdown."""
        while True:
            try:
                count = await self._round()
            except Exception:
                log.exception("outbox delivery round failed")
                count = 0
            if count < self._batch_size:
                await asyncio.sleep(self._services.settings.outbox_poll_s)

    async def _round(self) -> int:
        """One round that a shutdown lets finish: a message sent but not recorded would go out again after a restart."""
        round_ = asyncio.ensure_future(self.deliver_due())
        try:
            return await asyncio.shield(round_)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(round_, timeout=SHUTDOWN_GRACE_S)
            raise

    async def deliver_due(self) -> int:
        """One round: claim, send, record. Returns how many messages were attempted."""
        claimed = await self._services.run_sync(self._claim)
        if not claimed:
            return 0
        by_worker: dict[int, list[Claimed]] = defaultdict(list)
        for message in claimed:
            by_worker[message.worker_id].append(message)
        results = await asyncio.gather(*(self._send_in_order(messages) for messages in by_worker.values()))
        await self._services.run_sync(self._record, [outcome for group in results for outcome in group])
        return len(claimed)

    async def _send_in_order(self, messages: list[Claimed]) -> list[tuple[int, str | None]]:
        outcomes: list[tuple[int, str | None]] = []
        for message in messages:
            if message.reference is None and self._needs_reference:
                outcomes.append((message.id, NO_REFERENCE))
                continue
            try:
                await self._send(message.reference or {}, [message.reply])
                outcomes.append((message.id, None))
            except Exception as exc:  # the connector refused or could not be reached
                outcomes.append((message.id, f"{type(exc).__name__}: {exc}"))
        return outcomes

    def _claim(self) -> list[Claimed]:
        now = self._services.clock()
        only = [col(OutboxMessage.worker_id) == self._worker_id] if self._worker_id is not None else []
        with transaction(self._services.engine) as session:
            rows = session.exec(
                select(OutboxMessage)
                .where(
                    *only,
                    col(OutboxMessage.sent_at).is_(None),
                    col(OutboxMessage.failed_at).is_(None),
                    col(OutboxMessage.not_before) <= now,
                    (col(OutboxMessage.claimed_until).is_(None)) | (col(OutboxMessage.claimed_until) < now),
                )
                .order_by(col(OutboxMessage.not_before), col(OutboxMessage.id))
                .limit(self._batch_size)
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return []
            workers = {row.worker_id for row in rows}
            references = {
                ref.worker_id: json.loads(ref.reference_json)
                for ref in session.exec(select(ConversationRef).where(col(ConversationRef.worker_id).in_(workers))).all()
            }
            claimed = []
            for row in rows:
                row.claimed_until = now + LEASE
                assert row.id is not None
                card = json.loads(row.card_json) if row.card_json else None
                reply = Reply(text=row.text, card=card) if (row.text or card) else Reply(text=" ")
                claimed.append(Claimed(row.id, row.worker_id, reply, references.get(row.worker_id)))
            return claimed

    def _record(self, outcomes: list[tuple[int, str | None]]) -> None:
        now = self._services.clock()
        settings = self._services.settings
        with transaction(self._services.engine) as session:
            for message_id, error in outcomes:
                row = session.get(OutboxMessage, message_id)
                if row is None:
                    continue
                row.claimed_until = None
                if error is None:
                    row.sent_at = now
                    continue
                row.attempts += 1
                row.last_error = redact(error)[:500]
                # Waiting for a worker who has not opened the bot yet is not a failure of the channel: it
                # may last days (their first turn wakes the message), so only age ends that wait.
                waiting = error == NO_REFERENCE
                if (waiting and now - row.created_at > WAIT_FOR_REFERENCE) or (not waiting and row.attempts >= settings.outbox_max_attempts):
                    row.failed_at = now
                    log.warning("gave up on outbox message %s after %d attempts", message_id, row.attempts)
                else:
                    ceiling = min(3600.0, 5.0 * 2 ** (row.attempts - 1))
                    row.not_before = now + dt.timedelta(seconds=ceiling / 2 + self._services.rng.uniform(0, ceiling / 2))
