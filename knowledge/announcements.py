"""Announcements of new or changed instructions, and who wants to hear about them.

``kb announce`` records an announcement; the bot later hands each one to every
subscriber (through its outbox, in the same transaction) and marks it delivered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.db import read_only, transaction
from knowledge import messages
from knowledge.articles import parse_article
from knowledge.models import PUBLISHED, KbAnnouncement, KbArticle, KbArticleVersion, KbSubscription
from knowledge.problems import KnowledgeError, refusal

MAX_MESSAGE = 1000


@dataclass(frozen=True)
class AnnouncementView:
    """An announcement with what the bot needs to show it."""

    id: int
    slug: str
    title: str
    version: int
    message: str
    author: str
    created_at: dt.datetime
    delivered_at: dt.datetime | None
    audience: tuple[str, ...] = ()


def announce(engine: Engine, slug: str, *, author: str, now: dt.datetime, message: str | None = None) -> AnnouncementView:
    """Record an announcement of the article's current published version."""
    if message is not None and not message.strip():
        raise refusal(messages.E_ANNOUNCE_EMPTY)
    if message is not None and len(message) > MAX_MESSAGE:
        raise refusal(messages.E_ANNOUNCE_LONG, limit=MAX_MESSAGE)
    with transaction(engine) as session:
        found = session.exec(
            select(KbArticle, KbArticleVersion)
            .join(KbArticleVersion, col(KbArticle.id) == KbArticleVersion.article_id)
            .where(KbArticle.slug == slug, KbArticleVersion.status == PUBLISHED)
            .order_by(col(KbArticleVersion.number).desc())
        ).first()
        if found is None:
            raise refusal(messages.E_ANNOUNCE_UNPUBLISHED, slug=slug)
        article, version = found
        already = session.exec(select(KbAnnouncement).where(KbAnnouncement.version_id == version.id)).first()
        if already is not None:
            raise refusal(messages.E_ANNOUNCE_TWICE, number=version.number, slug=slug)
        if message is None:
            parsed, _ = parse_article(version.content, slug)
            summary = parsed.article.summary if parsed else ""
            template = messages.ANNOUNCEMENT_NEW if version.number == 1 else messages.ANNOUNCEMENT_CHANGED
            message = template.format(title=version.title, summary=summary).strip()
        row = KbAnnouncement(
            article_id=article.id, version_id=version.id, message=message.strip(), author=author.strip()[:200] or "?", created_at=now
        )
        session.add(row)
        session.flush()
        return _view(row, slug, version)


def _view(row: KbAnnouncement, slug: str, version: KbArticleVersion) -> AnnouncementView:
    parsed, _ = parse_article(version.content, slug)
    audience = parsed.article.audience if parsed else ()
    return AnnouncementView(
        row.id or 0, slug, version.title, version.number, row.message, row.author, row.created_at, row.delivered_at, audience
    )


def _rows(session: Session, pending_only: bool) -> list[AnnouncementView]:
    query = (
        select(KbAnnouncement, KbArticle.slug, KbArticleVersion)
        .join(KbArticle, col(KbArticle.id) == KbAnnouncement.article_id)
        .join(KbArticleVersion, col(KbArticleVersion.id) == KbAnnouncement.version_id)
        .order_by(col(KbAnnouncement.id))
    )
    if pending_only:
        query = query.where(col(KbAnnouncement.delivered_at).is_(None))
    return [_view(row, slug, version) for row, slug, version in session.exec(query).all()]


def list_announcements(engine: Engine) -> list[AnnouncementView]:
    with read_only(engine) as session:
        return _rows(session, pending_only=False)


def deliver_announcements(
    session: Session, now: dt.datetime, send: Callable[[str, AnnouncementView], None], subscribers: Sequence[str] | None = None
) -> list[AnnouncementView]:
    """Call ``send(subscriber, announcement)`` for every undelivered one, then mark it delivered.

    Runs inside the caller's transaction, so that the bot's outbox rows and the
    delivered mark are committed together (or not at all). ``subscribers``
    replaces the stored subscriptions (the bot passes its own list of workers).
    """
    pending = _rows(session, pending_only=True)
    if subscribers is None:
        subscribers = list(session.exec(select(KbSubscription.subscriber).order_by(col(KbSubscription.id))).all())
    for item in pending:
        for subscriber in subscribers:
            send(subscriber, item)
        row = session.get(KbAnnouncement, item.id)
        if row is not None:
            row.delivered_at = now
            session.add(row)
    return pending


def subscribe(engine: Engine, subscriber: str, *, now: dt.datetime) -> bool:
    """Start announcements for ``subscriber``; False when already subscribed."""
    subscriber = subscriber.strip()
    if not subscriber:
        raise KnowledgeError("a subscriber id is required")
    with transaction(engine) as session:
        if session.exec(select(KbSubscription).where(KbSubscription.subscriber == subscriber)).first():
            return False
        session.add(KbSubscription(subscriber=subscriber[:200], created_at=now))
        return True


def unsubscribe(engine: Engine, subscriber: str) -> bool:
    """Stop announcements; False when there was no subscription."""
    with transaction(engine) as session:
        row = session.exec(select(KbSubscription).where(KbSubscription.subscriber == subscriber)).first()
        if row is None:
            return False
        session.delete(row)
        return True


def is_subscribed(engine: Engine, subscriber: str) -> bool:
    with read_only(engine) as session:
        return session.exec(select(KbSubscription).where(KbSubscription.subscriber == subscriber)).first() is not None
