"""Answers from the worker's own live data: the unit's contact person, failed archivings, the pending count, the next desk.

Each reads through the archiving core with the worker as the actor, so rights
and audit rows are the core's: a worker sees only their own documents, and a
read of client-related documents is audited in the same transaction. The desk's
time comes from the desk's own handler.
"""

from __future__ import annotations

from archiving.contacts import unit_contact_persons
from archiving.documents import group_pending, pending_documents
from bot import cards, texts as bot_texts
from bot.live import texts as T
from bot.turns.pending import document_block, pending_card
from bot.turns.types import Reply, Turn

MAX_FAILED_SHOWN = 3


def contact_person(turn: Turn) -> list[Reply]:
    """"Kuka on meidän arkistointiyhteyshenkilö?": the names from the worker's own service unit."""
    contacts = unit_contact_persons(turn.services.engine, turn.identity.actor)
    if contacts.unit_name is None:
        text = T.CONTACT_NO_UNIT
    elif not contacts.people:
        text = T.CONTACT_NONE.format(unit=contacts.unit_name)
    else:
        names = [T.CONTACT_WITH_EMAIL.format(name=p.name, email=p.email) if p.email else p.name for p in contacts.people]
        template = T.CONTACT_ONE if len(names) == 1 else T.CONTACT_MANY
        text = template.format(unit=contacts.unit_name, names=_joined(names))
    link = cards.open_url(T.CONTACT_INSTRUCTION, cards.instruction_url(turn.services.settings.public_base_url, "arkistointiyhteyshenkilo"))
    return [Reply(card=cards.card([cards.text(text)], [link]))]


def failure_reason(turn: Turn) -> list[Reply]:
    """"Miksi mun asiakirja ei mennyt arkistoon?": the worker's failed documents, newest first, each with the archive's reason."""
    base_url = turn.services.settings.public_base_url
    views = pending_documents(turn.services.engine, turn.identity.actor, now=turn.now)
    failed = sorted((v for v in views if v.status == "failed"), key=lambda v: v.updated_at, reverse=True)
    instruction = cards.open_url(T.FAILED_INSTRUCTION, cards.instruction_url(base_url, "arkistointivirhe"))
    if not failed:
        if not views:
            return [Reply(card=cards.card([cards.text(T.FAILED_NONE)], [instruction]))]
        summary = T.FAILED_NONE_WAITING.format(count=len(views))  # a Plural: one or many
        return [Reply(text=summary, card=pending_card(views, base_url))]
    body = [cards.heading(T.FAILED_TITLE.format(count=len(failed)))]
    body.extend(document_block(view, base_url) for view in failed[:MAX_FAILED_SHOWN])
    if len(failed) > MAX_FAILED_SHOWN:
        body.append(cards.text(T.FAILED_SHOWN.format(count=MAX_FAILED_SHOWN), subtle=True))
    return [Reply(card=cards.card(body, [instruction]))]


def pending_count(turn: Turn) -> list[Reply]:
    """"Montako mulla on arkistoimatta?": the count by state in a sentence, and the list."""
    views = pending_documents(turn.services.engine, turn.identity.actor, now=turn.now)
    if not views:
        return [Reply(text=bot_texts.PENDING_NONE)]
    parts = _joined([T.COUNT_LABELS[status].format(count=len(group)) for status, _, group in group_pending(views) if status in T.COUNT_LABELS])
    summary = T.COUNT_SUMMARY.format(count=len(views), parts=parts)
    return [Reply(text=summary, card=pending_card(views, turn.services.settings.public_base_url))]


def next_desk(turn: Turn) -> list[Reply]:
    """"Koska se deski on auki?": the desk's own answer (the running or next session, its hosts and link)."""
    from bot.desk.chat import next_session

    return next_session(turn)


def _joined(items: list[str]) -> str:
    """"a, b ja c" (Finnish)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ja " + items[-1]
