"""The worker's own pending documents, grouped by state, each with its problem and buttons.

"mitä minulla on arkistoimatta" and its many phrasings end here. The list
comes from the archiving core (which audits the read and shows a worker only
their own documents); this module only lays it out as a card.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from archiving.documents import DocumentView, group_pending, pending_documents
from bot import cards, texts
from bot.turns.types import Reply, Turn

MAX_SHOWN = 12
# Failures first: they need the worker; what waits in the queue needs nobody, so it comes last.
GROUP_ORDER = ("failed", "completed", "locked", "corrected", "queued")
HELSINKI = ZoneInfo("Europe/Helsinki")
# The instruction to open for a document without a specific problem, by state.
STATUS_SLUGS = {
    "completed": "asiakirjan-lukitseminen",
    "locked": "asiakirjan-lukitseminen",
    "queued": "arkistoinnin-seuranta",
    "failed": "arkistointivirhe",
    "corrected": "metatietojen-korjaaminen",
}


def show_pending(turn: Turn) -> list[Reply]:
    views = pending_documents(turn.services.engine, turn.identity.actor, now=turn.now)
    if not views:
        return [Reply(text=texts.PENDING_NONE)]
    return [Reply(card=pending_card(views, turn.services.settings.public_base_url))]


def is_ready(view: DocumentView) -> bool:
    """Whether the document can be locked and archived as it is."""
    return "submit" in view.actions and not view.has_blocking_problems


def pending_card(views: list[DocumentView], base_url: str) -> dict[str, object]:
    body: list[dict[str, object]] = [cards.heading(texts.PENDING_TITLE.format(count=len(views)))]
    shown = 0
    groups = sorted(group_pending(views), key=lambda g: GROUP_ORDER.index(g[0]) if g[0] in GROUP_ORDER else len(GROUP_ORDER))
    for _status, heading, group in groups:
        if shown >= MAX_SHOWN:
            break
        body.append(cards.text(f"{heading} ({len(group)})", weight="Bolder", separator=True, spacing="Large"))
        for view in group[: MAX_SHOWN - shown]:
            body.append(document_block(view, base_url))
            shown += 1
    if shown < len(views):
        body.append(cards.text(texts.PENDING_TRUNCATED.format(shown=shown, total=len(views)), subtle=True))
    ready = [v for v in views if is_ready(v)]
    actions = []
    if len(ready) > 1:
        actions.append(cards.submit(texts.ARCHIVE_ALL_BUTTON.format(count=len(ready)), {"action": "archive.confirm", "all": True}))
    return cards.card(body, actions)


def _date(value: dt.datetime) -> str:
    local = value.astimezone(HELSINKI)
    return f"{local.day}.{local.month}.{local.year}"


def document_block(view: DocumentView, base_url: str) -> dict[str, object]:
    details = [view.client_label_fi, _date(view.updated_at)]
    if view.document_type_name_fi != view.title:
        details.insert(0, view.document_type_name_fi)
    items: list[dict[str, object]] = [
        cards.text(texts.DOCUMENT_LINE.format(title=view.title, id=view.id), weight="Bolder"),
        cards.text(" · ".join(details), subtle=True, spacing="None"),
    ]
    blocking = [p.message_fi for p in view.problems if p.blocking]
    notes = [p.message_fi for p in view.problems if not p.blocking]
    if blocking:
        items.append(cards.bullets(blocking, color="Attention"))
    if notes:
        items.append(cards.bullets(notes))
    if view.next_step_fi and not blocking:
        items.append(cards.text(view.next_step_fi, subtle=True))
    actions = []
    if is_ready(view):
        title = texts.ARCHIVE_BUTTON if view.status == "completed" else texts.SEND_BUTTON
        actions.append(cards.submit(title, {"action": "archive.confirm", "doc_ids": [view.id]}, style="positive"))
    if "fix" in view.actions:
        actions.append(cards.submit(texts.FIX_BUTTON, {"action": "meta.form", "doc_id": view.id}))
    slug = next((p.slug for p in view.problems if p.blocking), None) or STATUS_SLUGS.get(view.status, "arkistointinakyma")
    actions.append(cards.open_url(texts.INSTRUCTION_BUTTON, cards.instruction_url(base_url, slug)))
    items.append(cards.action_set(actions))
    return cards.container(items, separator=True)
