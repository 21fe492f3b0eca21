"""Instruction announcements in chat: who receives them, and the loop that puts them in the outbox.

Every active worker the bot can reach (a stored conversation reference)
receives announcements unless they said "lopeta tiedotteet"; "tilaa
tiedotteet" takes them back. The communications team records an announcement
(``kb announce``, the publishing page's button); this loop writes one outbox
message per worker, keyed per announcement and worker, in the same
transaction that marks the announcement delivered. The outbox deliverer
sends them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, exists, select

from archiving.db import read_only, transaction
from archiving.models import Worker
from bot import cards, texts
from bot.models import AnnouncementOptOut, ConversationRef
from bot.outbox import enqueue_message
from bot.services import Services
from knowledge import messages as kb_messages
from knowledge.announcements import AnnouncementView, deliver_announcements
from knowledge.articles import parse_article
from knowledge.models import KbAnnouncement, KbArticle, KbArticleVersion

log = logging.getLogger(__name__)

SUBSCRIBER_PREFIX = "worker:"  # the knowledge base's subscriber id for a worker


# --- who receives them ---------------------------------------------------------------------


def receives(engine: Engine, worker_id: int) -> bool:
    """Whether the worker gets announcements (they have not opted out)."""
    with read_only(engine) as session:
        return session.get(AnnouncementOptOut, worker_id) is None


def opt_out(engine: Engine, worker_id: int, *, now: dt.datetime) -> bool:
    """Stop announcements for the worker; False when they were already stopped."""
    with transaction(engine) as session:
        if session.get(AnnouncementOptOut, worker_id) is not None:
            return False
        session.add(AnnouncementOptOut(worker_id=worker_id, created_at=now))
        return True


def opt_in(engine: Engine, worker_id: int) -> bool:
    """Start announcements again; False when they were already on."""
    with transaction(engine) as session:
        row = session.get(AnnouncementOptOut, worker_id)
        if row is None:
            return False
        session.delete(row)
        return True


def subscriber_ids(session: Session) -> list[int]:
    """Active workers with a conversation reference who have not opted out, by id."""
    opted_out = exists().where(col(AnnouncementOptOut.worker_id) == col(ConversationRef.worker_id))
    query = (
        select(ConversationRef.worker_id)
        .join(Worker, col(Worker.id) == col(ConversationRef.worker_id))
        .where(col(Worker.active).is_(True), ~opted_out)
        .order_by(col(ConversationRef.worker_id))
    )
    return [int(worker_id) for worker_id in session.exec(query).all()]


# --- what they receive -----------------------------------------------------------------------


def _summary(session: Session, view: AnnouncementView) -> str:
    """The summary of the announced version (not of whatever is published now)."""
    content = session.exec(
        select(KbArticleVersion.content)
        .join(KbArticle, col(KbArticle.id) == col(KbArticleVersion.article_id))
        .where(KbArticle.slug == view.slug, KbArticleVersion.number == view.version)
    ).first()
    parsed, _ = parse_article(content, view.slug) if content else (None, [])
    return parsed.article.summary if parsed else ""


def _is_default_message(view: AnnouncementView, summary: str) -> bool:
    """``kb announce`` without ``--message`` writes title and summary, which the card already shows."""
    defaults = (kb_messages.ANNOUNCEMENT_NEW, kb_messages.ANNOUNCEMENT_CHANGED)
    return view.message in {template.format(title=view.title, summary=summary).strip() for template in defaults}


def announcement_card(view: AnnouncementView, summary: str, base_url: str) -> dict[str, Any]:
    """The card: new or changed instruction, its summary, the team's own words, a link and a way out."""
    heading = texts.ANNOUNCEMENT_NEW if view.version == 1 else texts.ANNOUNCEMENT_CHANGED
    body = [cards.text(texts.ANNOUNCEMENT_LABEL, subtle=True), cards.heading(heading.format(title=view.title))]
    if summary:
        body.append(cards.text(summary))
    if not _is_default_message(view, summary):
        body.append(cards.text(view.message))
    body.append(cards.text(texts.ANNOUNCEMENT_OPT_OUT_HINT, subtle=True, separator=True))
    actions = [
        cards.open_url(texts.ANNOUNCEMENT_OPEN, cards.instruction_url(base_url, view.slug)),
        cards.submit(texts.ANNOUNCEMENT_STOP_BUTTON, {"action": "announcements.stop"}),
    ]
    return cards.card(body, actions)


# --- delivery ----------------------------------------------------------------------------------


def has_pending(engine: Engine) -> bool:
    """A cheap read before taking any write lock."""
    with read_only(engine) as session:
        return session.exec(select(KbAnnouncement.id).where(col(KbAnnouncement.delivered_at).is_(None)).limit(1)).first() is not None


def deliver_due(engine: Engine, *, now: dt.datetime, base_url: str) -> int:
    """Write every undelivered announcement to its receivers' outbox and mark it delivered, in one transaction.

    The pending rows are locked first (in id order), so a second instance waits
    and then finds them delivered; the dedupe key would refuse a duplicate anyway.
    Returns how many messages were queued.
    """
    queued = 0
    with transaction(engine) as session:
        locked = session.exec(
            select(KbAnnouncement.id).where(col(KbAnnouncement.delivered_at).is_(None)).order_by(col(KbAnnouncement.id)).with_for_update()
        ).all()
        if not locked:
            return 0
        rendered: dict[int, dict[str, Any]] = {}

        def send(subscriber: str, view: AnnouncementView) -> None:
            nonlocal queued
            worker_id = int(subscriber.removeprefix(SUBSCRIBER_PREFIX))
            if view.id not in rendered:
                rendered[view.id] = announcement_card(view, _summary(session, view), base_url)
            enqueue_message(
                session, worker_id=worker_id, text="", card=rendered[view.id], now=now, dedupe_key=f"announcement:{view.id}:{worker_id}"
            )
            queued += 1

        receivers = [f"{SUBSCRIBER_PREFIX}{worker_id}" for worker_id in subscriber_ids(session)]
        delivered = deliver_announcements(session, now, send, subscribers=receivers)
        for view in delivered:
            log.info("announcement %s (%s v%s) queued for %d workers", view.id, view.slug, view.version, len(receivers))
    return queued


class AnnouncementDeliverer:
    """Looks for recorded announcements every ``outbox_poll_s`` and queues them for the workers."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def deliver_once(self) -> int:
        if not has_pending(self._services.engine):
            return 0
        return deliver_due(self._services.engine, now=self._services.clock(), base_url=self._services.settings.public_base_url)

    async def run(self) -> None:
        """Deliver forever; the app cancels this task on shutdown."""
        while True:
            try:
                await self._services.run_sync(self.deliver_once)
            except Exception:
                log.exception("announcement delivery round failed")
            await asyncio.sleep(self._services.settings.outbox_poll_s)
