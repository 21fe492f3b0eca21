"""Desk refusals: each carries a Finnish text for chat and the web, and an English one for the CLI.

They are :class:`archiving.errors.DomainError`, so the bot's one error edge
already knows how to show them. Raised before anything is written, or inside
the transaction that is then rolled back: nothing is half-done.
"""

from __future__ import annotations

import datetime as dt

from archiving.errors import DomainError
from bot.desk import texts as T


class DeskError(DomainError):
    """A desk rule said no; ``code`` names which (e.g. ``already_queued``)."""

    code = "desk_error"


def fi_date(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def past_date(day: dt.date) -> DeskError:
    return DeskError(T.ERR_PAST_DATE.format(day=fi_date(day)), f"{day} is in the past; give today or a later date", code="past_date")


def bad_range(first: dt.date, last: dt.date) -> DeskError:
    return DeskError(
        T.ERR_BAD_RANGE.format(first=fi_date(first), last=fi_date(last)),
        f"the period ends ({last}) before it starts ({first})",
        code="bad_range",
    )


def unknown_host(worker: object) -> DeskError:
    return DeskError(
        T.ERR_UNKNOWN_HOST.format(worker=worker),
        f"worker {worker} is not an active desk-staff member (role 'desk'), so cannot host",
        code="unknown_host",
    )


def absent_host(worker_id: int, name: str, day: dt.date) -> DeskError:
    return DeskError(
        T.ERR_ABSENT_HOST.format(name=name, day=fi_date(day)),
        f"worker {worker_id} is absent on {day} and cannot host that day",
        code="absent_host",
    )


def session_not_found(session_id: object) -> DeskError:
    return DeskError(T.ERR_SESSION_NOT_FOUND.format(id=session_id), f"no scheduled desk session {session_id}", code="session_not_found")


def no_session() -> DeskError:
    return DeskError(T.ERR_NO_SESSION, "no upcoming desk session is scheduled; run 'desk schedule'", code="no_session")


def already_queued(when: str, position: int, when_en: str) -> DeskError:
    return DeskError(
        T.ERR_ALREADY_QUEUED.format(when=when, position=position),
        f"already in the queue for the session at {when_en} (position {position})",
        code="already_queued",
    )


def not_queued() -> DeskError:
    return DeskError(T.ERR_NOT_QUEUED, "not in any desk queue", code="not_queued")


def topic_missing() -> DeskError:
    return DeskError(T.ERR_TOPIC_MISSING, "a short topic is required", code="topic_missing")


def text_too_long(length: int, limit: int, *, topic: bool = False) -> DeskError:
    template = T.ERR_TOPIC_TOO_LONG if topic else T.ERR_TEXT_TOO_LONG
    message = template.format(length=T.CHARACTERS.format(count=length), limit=T.CHARACTERS.format(count=limit))
    return DeskError(message, f"text is too long ({length} characters, at most {limit})", code="too_long")


def queue_empty() -> DeskError:
    return DeskError(T.ERR_QUEUE_EMPTY, "nobody is waiting in the queue", code="queue_empty")


def call_too_early(when: str, opens: str, when_en: str, opens_en: str) -> DeskError:
    return DeskError(
        T.ERR_CALL_TOO_EARLY.format(when=when, opens=opens), f"the session at {when_en} can be called from {opens_en}", code="call_too_early"
    )


def call_too_late(when: str, when_en: str) -> DeskError:
    return DeskError(T.ERR_CALL_TOO_LATE.format(when=when), f"the session at {when_en} is over", code="call_too_late")


def entry_not_found(entry_id: object) -> DeskError:
    return DeskError(T.ERR_ENTRY_NOT_FOUND.format(id=entry_id), f"no queue entry {entry_id}", code="entry_not_found")


def entry_state(entry_id: int, state: str) -> DeskError:
    return DeskError(
        T.ERR_ENTRY_STATE.format(id=entry_id, state=T.QUEUE_STATES.get(state, state)),
        f"queue entry {entry_id} is already {state}",
        code="entry_state",
    )


def not_desk_staff() -> DeskError:
    return DeskError(T.ERR_NOT_DESK_STAFF, "only desk staff (role 'desk') may do this", code="not_desk_staff")


def not_allowed() -> DeskError:
    return DeskError(T.ERR_NOT_ALLOWED, "your roles do not allow this", code="not_allowed")


def ticket_not_found(ticket_id: object) -> DeskError:
    return DeskError(
        T.ERR_TICKET_NOT_FOUND.format(id=ticket_id), f"ticket {ticket_id} was not found (or is not yours)", code="ticket_not_found"
    )


def ticket_transition(ticket_id: int, action: str, state: str) -> DeskError:
    return DeskError(
        T.ERR_TICKET_TRANSITION.format(
            id=ticket_id, action=T.TICKET_ACTIONS.get(action, action), state=T.TICKET_STATES.get(state, state)
        ),
        f"cannot {action} ticket {ticket_id} in state {state!r}",
        code="ticket_transition",
    )


def question_missing() -> DeskError:
    return DeskError(T.ERR_QUESTION_MISSING, "the question is empty", code="question_missing")


def message_missing() -> DeskError:
    return DeskError(T.ERR_MESSAGE_MISSING, "the message is empty", code="message_missing")


def bad_rating() -> DeskError:
    return DeskError(T.ERR_BAD_RATING, "a rating is a whole number from 1 to 5", code="bad_rating")


def already_rated(ticket_id: int) -> DeskError:
    return DeskError(T.ERR_ALREADY_RATED.format(id=ticket_id), f"ticket {ticket_id} has already been rated", code="already_rated")


def not_resolved(ticket_id: int) -> DeskError:
    return DeskError(T.ERR_NOT_RESOLVED.format(id=ticket_id), f"ticket {ticket_id} is not resolved yet", code="not_resolved")


def closure_exists(day: dt.date) -> DeskError:
    return DeskError(T.ERR_CLOSURE_EXISTS.format(day=fi_date(day)), f"{day} is already a closure day", code="closure_exists")


def closure_not_found(day: dt.date) -> DeskError:
    return DeskError(T.ERR_CLOSURE_NOT_FOUND.format(day=fi_date(day)), f"{day} is not a closure day", code="closure_not_found")


def need_not_found(need_id: object) -> DeskError:
    return DeskError(T.ERR_NEED_NOT_FOUND.format(id=need_id), f"no instruction-needed item {need_id}", code="need_not_found")


def bad_need_state(state: str) -> DeskError:
    return DeskError(T.ERR_BAD_NEED_STATE, f"bad state {state!r}; use open, done or dismissed", code="bad_need_state")
