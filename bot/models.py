"""Tables of the chat product (the ``bot`` migration branch)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

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
    text: str = Field(sa_column=Column(Text, nullable=False))
    card_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    dedupe_key: str | None = Field(default=None, max_length=200, unique=True)
    not_before: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: dt.datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: dt.datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
