"""Tables of the chat product (the ``bot`` migration branch)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Index, Text, false
from sqlmodel import Field, SQLModel

from archiving.free_text import json_column, text_column
from archiving.types import UTCDateTime


class OutboxMessage(SQLModel, table=True):
    """A message waiting to be delivered proactively to a worker's chat.

    Everything that tells a worker something later (archiving results, desk
    reminders, ticket replies, announcements) writes a row here in the same
    transaction as its own change; the bot's deliverer sends it.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "not_before"),)
    id: int | None = Field(default=None, primary_key=True)
    worker_id: int = Field(foreign_key="worker.id", index=True)
    text: str = Field(sa_column=text_column(nullable=False))
    card_json: str | None = Field(default=None, sa_column=json_column(nullable=True))
    dedupe_key: str | None = Field(default=None, max_length=200, unique=True)
    not_before: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=text_column())
    claimed_until: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    failed_at: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class BotStateItem(SQLModel, table=True):
    """One botbuilder state item (conversation or user state) with its etag.

    The etag is a counter: a write succeeds only when the caller read the
    current one, so two instances never overwrite each other's turn silently.
    """

    __tablename__ = "bot_state_item"
    key: str = Field(primary_key=True, max_length=400)
    data: str = Field(sa_column=Column(Text, nullable=False))
    etag: int = 1
    updated_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ConversationRef(SQLModel, table=True):
    """Where to reach a worker proactively: the reference of their latest personal conversation."""

    __tablename__ = "conversation_ref"
    worker_id: int = Field(foreign_key="worker.id", primary_key=True)
    channel_id: str = Field(max_length=64)
    conversation_id: str = Field(max_length=400)
    service_url: str = Field(max_length=400)
    reference_json: str = Field(sa_column=Column(Text, nullable=False))
    # stored from a turn the channel vouched for (token with a matching serviceurl claim); see bot.references
    vouched: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    updated_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ChatSubmission(SQLModel, table=True):
    """A document version a worker sent to the archive from chat; its result is told back to them."""

    __tablename__ = "chat_submission"
    __table_args__ = (Index("ix_chat_submission_open", "notified_at", "document_id"),)
    id: int | None = Field(default=None, primary_key=True)
    worker_id: int = Field(foreign_key="worker.id", index=True)
    document_id: int = Field(foreign_key="document.id")
    version: int
    submitted_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    notified_at: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    outcome: str | None = Field(default=None, max_length=16)  # archived | failed


class AnnouncementOptOut(SQLModel, table=True):
    """A worker who said "lopeta tiedotteet": instruction announcements are not sent to them (everyone else gets them)."""

    __tablename__ = "announcement_opt_out"
    worker_id: int = Field(foreign_key="worker.id", primary_key=True)
    created_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class BackgroundLease(SQLModel, table=True):
    """A periodic job shared by every instance: who runs it now (until when) and the last day it finished."""

    __tablename__ = "background_lease"
    name: str = Field(primary_key=True, max_length=64)
    holder: str | None = Field(default=None, max_length=200)
    lease_until: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    last_done_on: dt.date | None = None  # the local day of the last complete run
    last_done_at: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    last_error: str | None = Field(default=None, sa_column=text_column())


class AppSecret(SQLModel, table=True):
    """A secret generated once and shared by every instance, for settings left unset (e.g. the web secret)."""

    __tablename__ = "app_secret"
    name: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200, repr=False)
    created_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
