"""Tables of the knowledge base (the ``knowledge`` migration branch, k0001).

Authors and subscribers are plain text (a name, an e-mail or a chat id): the
knowledge base keeps no foreign keys into other packages' tables.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from archiving.free_text import text_column, text_field
from archiving.types import UTCDateTime

DRAFT, PUBLISHED = "draft", "published"


def _ts(nullable: bool = False, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


class KbArticle(SQLModel, table=True):
    """An instruction, identified by its slug; its content lives in versions."""

    __tablename__ = "kb_article"
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    created_at: dt.datetime = Field(sa_column=_ts())


class KbArticleVersion(SQLModel, table=True):
    """One immutable version of an article's markdown; drafts never reach users."""

    __tablename__ = "kb_article_version"
    __table_args__ = (
        UniqueConstraint("article_id", "number", name="uq_kb_version_number"),
        Index("ix_kb_version_article_status", "article_id", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="kb_article.id")
    number: int
    status: str = Field(max_length=16)
    title: str = Field(max_length=200, **text_field())
    content: str = Field(sa_column=text_column(nullable=False))
    content_hash: str = Field(max_length=64)
    author: str = Field(max_length=200, **text_field())
    created_at: dt.datetime = Field(sa_column=_ts())


class KbAnnouncement(SQLModel, table=True):
    """A new or changed instruction to tell subscribed users about; the bot delivers it."""

    __tablename__ = "kb_announcement"
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="kb_article.id", index=True)
    version_id: int = Field(foreign_key="kb_article_version.id")
    message: str = Field(sa_column=text_column(nullable=False))
    author: str = Field(max_length=200, **text_field())
    created_at: dt.datetime = Field(sa_column=_ts())
    delivered_at: dt.datetime | None = Field(default=None, sa_column=_ts(nullable=True, index=True))


class KbSubscription(SQLModel, table=True):
    """Someone who wants announcements; ``subscriber`` is the bot's id for them."""

    __tablename__ = "kb_subscription"
    id: int | None = Field(default=None, primary_key=True)
    subscriber: str = Field(max_length=200, unique=True)
    created_at: dt.datetime = Field(sa_column=_ts())


class KbQuestionLog(SQLModel, table=True):
    """A question asked and what the bot matched; the text is stored without personal data."""

    __tablename__ = "kb_question_log"
    id: int | None = Field(default=None, primary_key=True)
    asked_at: dt.datetime = Field(sa_column=_ts(index=True))
    question: str = Field(sa_column=text_column(nullable=False))
    slug: str | None = Field(default=None, max_length=80, index=True)
    score: float = 0.0
    abstained: bool = False
    kind: str = Field(max_length=16)
    alternatives: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    source: str = Field(default="chat", max_length=16)


class KbFeedback(SQLModel, table=True):
    """The user's helpful / not helpful verdict on one answer (the latest one counts)."""

    __tablename__ = "kb_feedback"
    id: int | None = Field(default=None, primary_key=True)
    question_log_id: int = Field(foreign_key="kb_question_log.id", unique=True)
    helpful: bool
    created_at: dt.datetime = Field(sa_column=_ts())
