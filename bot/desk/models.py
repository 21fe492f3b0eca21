"""Tables of the help desk (the ``desk`` migration branch, d0001).

Sessions belong to a calendar series (one per daily slot, one iCalendar UID);
hosts, queue entries and tickets hang off them. Free text that workers type is
stored with henkilötunnus codes masked: its free-text columns are marked (``archiving.free_text``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from archiving.free_text import text_column, text_field
from archiving.types import UTCDateTime


def _ts(nullable: bool = True, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


class DeskSeries(SQLModel, table=True):
    """One calendar series per daily slot (e.g. 09:00–09:30): its iCalendar UID and SEQUENCE."""

    __tablename__ = "desk_series"
    id: int | None = Field(default=None, primary_key=True)
    slot: str = Field(max_length=16, unique=True)  # "09:00-09:30", local time
    uid: str = Field(max_length=200, unique=True)
    sequence: int = 0
    status: str = Field(default="active", max_length=16)  # active | cancelled
    sent_hash: str | None = Field(default=None, max_length=64)  # content last e-mailed
    sent_sequence: int | None = None
    sent_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    sent_until: dt.date | None = None  # the last day of the series as last e-mailed
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class DeskSession(SQLModel, table=True):
    """One desk session on one day; re-generation finds it by (day, slot) and leaves it be."""

    __tablename__ = "desk_session"
    __table_args__ = (UniqueConstraint("local_date", "series_id"),)
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="desk_series.id", index=True)
    local_date: dt.date = Field(index=True)
    start_at: dt.datetime = Field(sa_column=_ts(nullable=False, index=True))
    end_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    meeting_url: str = Field(max_length=500)
    status: str = Field(default="scheduled", max_length=16)  # scheduled | cancelled
    cancel_reason: str | None = Field(default=None, max_length=200, **text_field())
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class DeskHostAssignment(SQLModel, table=True):
    """A desk-staff member hosting a session."""

    __tablename__ = "desk_host_assignment"
    session_id: int = Field(foreign_key="desk_session.id", primary_key=True)
    worker_id: int = Field(foreign_key="worker.id", primary_key=True, index=True)
    assigned_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class DeskAbsence(SQLModel, table=True):
    """Days (inclusive) on which a desk-staff member cannot host; no reason is stored."""

    __tablename__ = "desk_absence"
    id: int | None = Field(default=None, primary_key=True)
    worker_id: int = Field(foreign_key="worker.id", index=True)
    first_day: dt.date
    last_day: dt.date
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class DeskClosure(SQLModel, table=True):
    """A configured day without desk sessions (besides public holidays)."""

    __tablename__ = "desk_closure"
    day: dt.date = Field(primary_key=True)
    reason: str = Field(default="", max_length=200, **text_field())
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class DeskQueueEntry(SQLModel, table=True):
    """A worker waiting for a session; ``active_key`` is set while waiting/called, so one at a time."""

    __tablename__ = "desk_queue_entry"
    __table_args__ = (Index("ix_desk_queue_session_state", "session_id", "state"),)
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="desk_session.id")
    worker_id: int = Field(foreign_key="worker.id", index=True)
    topic: str = Field(max_length=200, **text_field())
    state: str = Field(max_length=16)  # waiting | called | done | left | missed | cancelled
    active_key: str | None = Field(default=None, max_length=32, unique=True)
    notes: str | None = Field(default=None, sa_column=text_column())
    joined_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    called_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    finished_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    handled_by_id: int | None = Field(default=None, foreign_key="worker.id")


class Ticket(SQLModel, table=True):
    """A question the bot could not answer (or a request for a person), followed up by desk staff."""

    __tablename__ = "desk_ticket"
    __table_args__ = (Index("ix_desk_ticket_state", "state", "updated_at"),)
    id: int | None = Field(default=None, primary_key=True)
    worker_id: int = Field(foreign_key="worker.id", index=True)
    question: str = Field(sa_column=text_column(nullable=False))
    guesses_json: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # [{"slug","score"}]
    source: str = Field(max_length=16)  # no_answer | person | manual
    state: str = Field(max_length=16)  # new | assigned | waiting | resolved | closed
    assignee_id: int | None = Field(default=None, foreign_key="worker.id", index=True)
    rating: int | None = None
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    resolved_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    closed_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    rated_at: dt.datetime | None = Field(default=None, sa_column=_ts())


class TicketMessage(SQLModel, table=True):
    """One message on a ticket, from the worker or from desk staff."""

    __tablename__ = "desk_ticket_message"
    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="desk_ticket.id", index=True)
    author_id: int = Field(foreign_key="worker.id")
    from_desk: bool
    body: str = Field(sa_column=text_column(nullable=False))
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class InstructionNeed(SQLModel, table=True):
    """A gap the communications team should fill: from desk notes or unanswered/unhelpful questions."""

    __tablename__ = "desk_instruction_need"
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=16)  # desk_note | ticket | unanswered | unhelpful
    source_ref: str = Field(max_length=200, unique=True)  # makes imports idempotent
    summary: str = Field(sa_column=text_column(nullable=False))
    slug: str | None = Field(default=None, max_length=100)
    occurrences: int = 1
    state: str = Field(default="open", max_length=16)  # open | done | dismissed
    created_by_id: int | None = Field(default=None, foreign_key="worker.id")
    handled_by_id: int | None = Field(default=None, foreign_key="worker.id")
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    updated_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class InvitationSend(SQLModel, table=True):
    """One e-mailed invitation (or cancellation) of a series; addresses are counted, not kept."""

    __tablename__ = "desk_invitation_send"
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="desk_series.id", index=True)
    sequence: int
    method: str = Field(max_length=16)  # REQUEST | CANCEL
    recipients: int
    status: str = Field(max_length=16)  # sent | failed
    error: str | None = Field(default=None, sa_column=text_column())
    sent_at: dt.datetime = Field(sa_column=_ts(nullable=False))


class WebLogin(SQLModel, table=True):
    """A single-use login link for the web pages (desk console, publishing, follow-up)."""

    __tablename__ = "web_login"
    nonce: str = Field(primary_key=True, max_length=64)
    worker_id: int = Field(foreign_key="worker.id", index=True)
    expires_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    used_at: dt.datetime | None = Field(default=None, sa_column=_ts())


class WebSession(SQLModel, table=True):
    """A signed-in browser (``bot.web.sessions``): kept here so that it can be ended at once, on every instance.

    ``id`` is the SHA-256 of the cookie (the cookie itself is never stored); ``roles`` are the
    worker's roles when it began: a change of roles ends it, as do sign-out and deactivation.
    """

    __tablename__ = "web_session"
    id: str = Field(primary_key=True, max_length=64)
    worker_id: int = Field(foreign_key="worker.id", index=True)
    csrf: str = Field(max_length=64, repr=False)
    roles: str = Field(max_length=400)
    created_at: dt.datetime = Field(sa_column=_ts(nullable=False))
    expires_at: dt.datetime = Field(sa_column=_ts(nullable=False, index=True))
    ended_at: dt.datetime | None = Field(default=None, sa_column=_ts())
    end_reason: str | None = Field(default=None, max_length=32)  # sign-out | roles | inactive | revoked
