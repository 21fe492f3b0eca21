"""Archiving from chat: a confirmation card, then lock and queue, then (later) a proactive result.

The confirmation holds the chosen documents in conversation state under a
single-use token, so a replayed or edited button cannot archive anything else;
the core checks access and state again when the submit happens.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from archiving.db import transaction
from archiving.documents import DocumentView, get_document, parse_document_id, pending_documents, submit
from archiving.errors import DomainError
from bot import cards, texts
from bot.models import ChatSubmission
from bot.turns.pending import is_ready
from bot.turns.types import Reply, Turn

CONFIRM_KEY = "archive_confirm"
CONFIRM_LIFETIME = dt.timedelta(minutes=30)
MAX_LISTED = 15
MAX_DOCUMENTS = 500


def _ids_from(value: dict[str, Any]) -> list[int] | None:
    raw = value.get("doc_ids")
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_DOCUMENTS:
        return None
    if not all(isinstance(item, int | str) and not isinstance(item, bool) for item in raw):
        return None
    try:
        return list(dict.fromkeys(parse_document_id(item) for item in raw))
    except DomainError:
        return None


def confirm(turn: Turn) -> list[Reply]:
    """``archive.confirm``: ask before locking and archiving the chosen (or all ready) documents."""
    value = turn.incoming.value or {}
    engine, actor = turn.services.engine, turn.identity.actor
    if value.get("all") is True:
        views = pending_documents(engine, actor, now=turn.now)
    else:
        ids = _ids_from(value)
        if ids is None:
            return [Reply(text=texts.BAD_BUTTON_DATA)]
        views = [get_document(engine, actor, doc_id, now=turn.now) for doc_id in ids]
    ready = [v for v in views if is_ready(v)]
    not_ready = [v for v in views if not is_ready(v)] if value.get("all") is not True else []
    replies = []
    if not_ready:
        replies.append(Reply(text=_not_ready_text(not_ready)))
    if not ready:
        return replies or [Reply(text=texts.ARCHIVE_NOTHING)]
    token = f"{turn.services.rng.getrandbits(64):016x}"
    turn.state[CONFIRM_KEY] = {"token": token, "doc_ids": [v.id for v in ready], "at": turn.now.isoformat()}
    replies.append(Reply(card=confirm_card(ready, token)))
    return replies


def _not_ready_text(views: list[DocumentView]) -> str:
    lines = [texts.ARCHIVE_NOT_READY]
    for view in views:
        reason = next((p.message_fi for p in view.problems if p.blocking), view.next_step_fi or view.status_label_fi)
        lines.append(f"- {texts.DOCUMENT_LINE.format(title=view.title, id=view.id)}: {reason}")
    return "\n".join(lines)


def confirm_card(views: list[DocumentView], token: str) -> dict[str, object]:
    """Says what will happen: completed documents are locked first; locked ones are only sent."""
    titles = [texts.DOCUMENT_LINE.format(title=v.title, id=v.id) for v in views[:MAX_LISTED]]
    if len(views) > MAX_LISTED:
        titles.append(texts.CONFIRM_MORE.format(count=len(views) - MAX_LISTED))
    to_lock = sum(1 for v in views if v.status == "completed")
    if to_lock == len(views):
        title, notes, yes = texts.CONFIRM_TITLE, [texts.CONFIRM_BODY], texts.CONFIRM_YES
    elif to_lock:
        title, notes, yes = texts.CONFIRM_MIXED_TITLE, [texts.CONFIRM_LOCKS.format(count=to_lock), texts.CONFIRM_BODY], texts.CONFIRM_YES
    else:
        title, notes, yes = texts.CONFIRM_SEND_TITLE, [texts.CONFIRM_SEND_BODY], texts.CONFIRM_SEND_YES
    body = [cards.heading(title.format(count=len(views))), cards.bullets(titles), cards.text(" ".join(notes), subtle=True)]
    actions = [
        cards.submit(yes, {"action": "archive.submit", "token": token}, style="positive"),
        cards.submit(texts.CONFIRM_NO, {"action": "archive.cancel", "token": token}),
    ]
    return cards.card(body, actions)


def _take_confirmation(turn: Turn) -> list[int] | None:
    """The confirmed document ids if the button's token is the current, fresh one (single use)."""
    stored = turn.state.get(CONFIRM_KEY)
    token = (turn.incoming.value or {}).get("token")
    if not isinstance(stored, dict) or not isinstance(token, str) or stored.get("token") != token:
        return None
    del turn.state[CONFIRM_KEY]
    if turn.now - dt.datetime.fromisoformat(stored["at"]) > CONFIRM_LIFETIME:
        return None
    return [int(i) for i in stored["doc_ids"]]


def do_submit(turn: Turn) -> list[Reply]:
    """``archive.submit``: lock and queue in one transaction that also remembers to report back."""
    ids = _take_confirmation(turn)
    if ids is None:
        return [Reply(text=texts.ARCHIVE_EXPIRED)]
    with transaction(turn.services.engine) as session:
        result = submit(session, turn.identity.actor, ids, now=turn.now)
        session.add_all(
            ChatSubmission(worker_id=turn.worker_id, document_id=s.id, version=s.version, submitted_at=turn.now)
            for s in result.queued
        )
    turn.services.wake_queue()
    lines = [texts.ARCHIVE_QUEUED.format(count=len(result.queued))]
    waiting = sum(1 for s in result.queued if s.waits_for_relationship)
    if waiting == len(result.queued):
        lines.append(texts.ARCHIVE_WAITS_ALL.format(count=waiting))
    elif waiting:
        lines.append(texts.ARCHIVE_WAITS.format(count=waiting))
    return [Reply(text=" ".join(lines))]


def cancel(turn: Turn) -> list[Reply]:
    """``archive.cancel``: forget the confirmation."""
    _take_confirmation(turn)
    return [Reply(text=texts.ARCHIVE_CANCELLED)]
