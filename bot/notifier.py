"""Telling workers how their chat submissions ended: "arkistoitu", or "epäonnistui, korjaa näin".

The archive queue finishes jobs on its own time (in this process or another).
This loop finds chat submissions whose job is done or dead and writes one
outbox message per worker, in the same transaction that marks them notified.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from collections import defaultdict

from sqlmodel import Session, col, select

from archiving import audit
from archiving.actors import Actor
from archiving.codesets.readmodel import CodeSets
from archiving.db import transaction
from archiving.enums import Channel, JobOperation, JobState
from archiving.models import ArchiveJob, Document
from archiving.views import DocumentView, build_views
from bot import cards, texts
from bot.models import ChatSubmission
from bot.outbox import enqueue_message
from bot.services import Services

log = logging.getLogger(__name__)

FINISHED = (JobState.DONE, JobState.DEAD)
NOTIFIER = Actor.system("notifier", Channel.CHAT)  # reads a failed document's problems to tell its author
MAX_LISTED = 10


class ArchiveResultNotifier:
    """Turns finished archive jobs of chat submissions into proactive messages."""

    def __init__(self, services: Services, *, batch_size: int = 200) -> None:
        self._services = services
        self._batch_size = batch_size

    async def run(self) -> None:
        while True:
            try:
                count = await self._services.run_sync(self.notify_finished)
            except Exception:
                log.exception("archive result notification round failed")
                count = 0
            if count < self._batch_size:
                await asyncio.sleep(self._services.settings.outbox_poll_s)

    def notify_finished(self) -> int:
        """One round; returns how many submissions were told about."""
        now = self._services.clock()
        with transaction(self._services.engine) as session:
            rows = session.exec(
                select(ChatSubmission, ArchiveJob.state, Document)
                .join(Document, col(Document.id) == col(ChatSubmission.document_id))
                .join(  # the document's current version: a version the queue turned into a correction waits for it
                    ArchiveJob,
                    (col(ArchiveJob.document_id) == col(ChatSubmission.document_id))
                    & (col(ArchiveJob.version) == col(Document.version))
                    & (col(ArchiveJob.operation) == JobOperation.ARCHIVE),
                )
                .where(col(ChatSubmission.notified_at).is_(None), col(ArchiveJob.state).in_(FINISHED))
                .order_by(col(ChatSubmission.id))
                .limit(self._batch_size)
                .with_for_update(of=ChatSubmission, skip_locked=True)  # type: ignore[arg-type]
            ).all()
            if not rows:
                return 0
            by_worker: dict[int, tuple[list[Document], list[Document]]] = defaultdict(lambda: ([], []))
            for submission, state, document in rows:
                archived = state == JobState.DONE
                submission.notified_at = now
                submission.outcome = "archived" if archived else "failed"
                by_worker[submission.worker_id][0 if archived else 1].append(document)
            for worker_id, (archived_docs, failed_docs) in by_worker.items():
                ids = sorted(s.id for s, _, _ in rows if s.worker_id == worker_id and s.id is not None)
                key = "archive-result:" + hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
                text, card = result_message(session, archived_docs, failed_docs, self._services.settings.public_base_url, now=now)
                enqueue_message(session, worker_id=worker_id, text=text, card=card, now=now, dedupe_key=key)
            return len(rows)


def result_message(
    session: Session, archived: list[Document], failed: list[Document], base_url: str, *, now: dt.datetime
) -> tuple[str, dict[str, object] | None]:
    """The text (and, for failures, a card with the fix) of one worker's results."""
    lines: list[str] = []
    if len(archived) == 1:
        lines.append(texts.RESULT_ARCHIVED.format(title=archived[0].title, id=archived[0].id))
    elif archived:
        lines.append(texts.RESULT_ARCHIVED_MANY.format(count=len(archived)))
        lines += [f"- {d.title} (nro {d.id})" for d in archived[:MAX_LISTED]]
    if not failed:
        return "\n".join(lines), None
    views = build_views(session, CodeSets.load(session), failed)
    audit.record_many(session, NOTIFIER, audit.DOCUMENT_READ, (audit.Target(v.id, v.client_id) for v in views), now=now)
    body: list[dict[str, object]] = [cards.text("\n".join(lines))] if lines else []
    for view in views[:MAX_LISTED]:
        body.append(failure_block(view, base_url))
    text = "\n".join(lines + [texts.RESULT_FAILED.format(title=v.title, id=v.id) for v in views])
    return text, cards.card(body)


def failure_block(view: DocumentView, base_url: str) -> dict[str, object]:
    """What went wrong with one document and how to fix it, with buttons."""
    problems = [p.message_fi for p in view.problems if p.blocking] or [texts.RESULT_FIX_GENERIC]
    slug = next((p.slug for p in view.problems if p.blocking), "arkistointivirhe")
    actions = [cards.submit(texts.FIX_BUTTON, {"action": "meta.form", "doc_id": view.id})]
    if "submit" in view.actions and not view.has_blocking_problems:
        actions.insert(0, cards.submit(texts.ARCHIVE_BUTTON, {"action": "archive.confirm", "doc_ids": [view.id]}))
    actions.append(cards.open_url(texts.INSTRUCTION_BUTTON, cards.instruction_url(base_url, slug)))
    return cards.container(
        [
            cards.text(texts.RESULT_FAILED.format(title=view.title, id=view.id), weight="Bolder", color="Attention"),
            cards.text(texts.RESULT_FIX_HEAD),
            cards.bullets(problems),
            cards.action_set(actions),
        ],
        separator=True,
    )
