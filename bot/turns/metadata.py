"""Fixing a document's metadata by chat: a card with only valid choices, checked again on save.

The social services offered are those of the chosen service task; changing the
task and pressing "Päivitä vaihtoehdot" redraws the card for the new task. A fix
that sends the document (a failed one again, an archived one as a correction)
asks for confirmation first, as every other archiving does.
Whatever comes back from a card is treated as untrusted: a code that was not
offered, a tampered document number or someone else's document changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from archiving.db import transaction
from archiving.documents import FormOptions, fix_metadata, form_options, parse_document_id
from archiving.enums import SocialServiceRule
from archiving.errors import DomainError
from bot import cards, texts
from bot.models import ChatSubmission
from bot.turns.pending import is_ready
from bot.turns.types import Reply, Turn

CONFIRM_KEY = "meta_confirm"
CONFIRM_LIFETIME = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class _Fix:
    """Checked values of a fix card, kept in conversation state while the worker confirms a sending fix."""

    doc_id: int
    task: str | None
    social: list[str] | None
    unit: str | None
    sends: bool

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, data: dict[str, Any]) -> _Fix:
        return cls(int(data["doc_id"]), data["task"], data["social"], data["unit"], bool(data["sends"]))


def _doc_id(value: dict[str, Any]) -> int | None:
    raw = value.get("doc_id")
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        return None
    try:
        return parse_document_id(raw)
    except DomainError:
        return None


def _text(value: dict[str, Any], key: str) -> str | None:
    raw = value.get(key)
    return raw.strip() or None if isinstance(raw, str) else None


def _bad(label: str, code: str) -> list[Reply]:
    return [Reply(text=texts.META_BAD_CHOICE.format(label=label, code=code[:40]))]


def show_form(turn: Turn) -> list[Reply]:
    """``meta.form``: the fix card, for the chosen task when the card asks to refresh."""
    value = turn.incoming.value or {}
    doc_id = _doc_id(value)
    if doc_id is None:
        return [Reply(text=texts.BAD_BUTTON_DATA)]
    options = form_options(turn.services.engine, turn.identity.actor, doc_id, now=turn.now)
    chosen = _text(value, "service_task")
    if chosen is not None and chosen != options.service_task:
        if chosen not in {c.code for c in options.service_tasks}:
            return _bad(texts.META_TASK_LABEL, chosen)
        options = form_options(turn.services.engine, turn.identity.actor, doc_id, service_task=chosen, now=turn.now)
    if not options.editable:
        return [Reply(text=options.explanation_fi or texts.META_NOT_EDITABLE)]
    return [Reply(card=form_card(options))]


def form_card(options: FormOptions, *, note: str | None = None) -> dict[str, object]:
    view = options.document
    body: list[dict[str, object]] = [cards.heading(texts.META_TITLE.format(title=view.title, id=view.id))]
    if note:
        body.append(cards.text(note, color="Warning"))
    if options.makes_correction:
        body.append(cards.text(texts.META_ARCHIVED_NOTE, subtle=True))
    problems = [p.message_fi for p in view.problems if p.blocking]
    if problems:
        body.append(cards.bullets(problems, color="Attention"))
    body.append(
        cards.choice_set("service_task", texts.META_TASK_LABEL, [(c.code, c.label_fi) for c in options.service_tasks],
                         value=options.service_task, required=True, error=texts.META_TASK_REQUIRED)  # fmt: skip
    )
    if options.social_service_rule == SocialServiceRule.NONE:
        body.append(cards.text(texts.META_SERVICES_NONE, subtle=True))
    elif not options.social_services:  # no task yet: nothing to choose from until the task is chosen and the card redrawn
        body.append(cards.text(texts.META_SERVICES_CHOOSE_TASK, subtle=True))
    else:
        offered = {c.code for c in options.social_services}
        # the document's services are preselected for its own task only: a newly chosen task starts empty,
        # so nothing appears chosen that the worker never saw or chose
        own_task = options.service_task == (view.service_task.code if view.service_task else None)
        selected = [code for code in options.selected_social_services if code in offered] if own_task else []
        body.append(
            cards.choice_set("social_services", texts.META_SERVICES_LABEL,
                             [(c.code, c.label_fi) for c in options.social_services], value=selected, multi=True)  # fmt: skip
        )
        body.append(cards.text(texts.META_SERVICES_HINT, subtle=True, spacing="None"))
    body.append(
        cards.choice_set("service_unit", texts.META_UNIT_LABEL, [(u.oid, u.name) for u in options.service_units],
                         value=options.service_unit_oid, required=True, error=texts.META_UNIT_REQUIRED)  # fmt: skip
    )
    actions = [
        cards.submit(texts.META_SAVE, {"action": "meta.save", "doc_id": view.id, "form_task": options.service_task or ""}, style="positive"),
        cards.submit(texts.META_REFRESH, {"action": "meta.form", "doc_id": view.id}),
        cards.submit(texts.META_CANCEL, {"action": "meta.cancel"}),
    ]
    return cards.card(body, actions)


def _checked(turn: Turn, value: dict[str, Any]) -> list[Reply] | _Fix:
    """The submitted values, each checked against what may be offered; a list of replies when something is off."""
    doc_id = _doc_id(value)
    if doc_id is None:
        return [Reply(text=texts.BAD_BUTTON_DATA)]
    engine, actor = turn.services.engine, turn.identity.actor
    base = form_options(engine, actor, doc_id, now=turn.now)
    if not base.editable:
        return [Reply(text=base.explanation_fi or texts.META_NOT_EDITABLE)]
    task = _text(value, "service_task")
    if task is not None and task not in {c.code for c in base.service_tasks}:
        return _bad(texts.META_TASK_LABEL, task)
    unit = _text(value, "service_unit")
    if unit is not None and unit not in {u.oid for u in base.service_units}:
        return _bad(texts.META_UNIT_LABEL, unit)
    options = form_options(engine, actor, doc_id, service_task=task, now=turn.now) if task else base
    raw_services = value.get("social_services", "")
    if not isinstance(raw_services, str):
        return [Reply(text=texts.BAD_BUTTON_DATA)]
    services = [code.strip() for code in raw_services.split(",") if code.strip()]
    social: list[str] | None = services
    task_changed = (_text(value, "form_task") or None) != task  # the task changed since the card was drawn
    if options.social_service_rule == SocialServiceRule.NONE:
        if services:
            return _bad(texts.META_SERVICES_LABEL, services[0])
        social = None
    else:
        offered = {c.code for c in options.social_services}
        stray = [code for code in services if code not in offered]
        if stray and not task_changed:
            return _bad(texts.META_SERVICES_LABEL, stray[0])
        if stray or (task_changed and options.social_services and not services and not base.social_services):
            # the card offered another task's services (or none, before a task was chosen): choose again
            return [Reply(card=form_card(options, note=texts.META_TASK_CHANGED))]
    return _Fix(doc_id, task, social, unit, base.sends_after_fix)


def save(turn: Turn) -> list[Reply]:
    """``meta.save``: check every submitted value; a fix that sends the document asks first, others are saved."""
    checked = _checked(turn, turn.incoming.value or {})
    if isinstance(checked, list):
        return checked
    if not checked.sends:
        return _apply(turn, checked)
    with transaction(turn.services.engine) as session:  # refuses now what the fix would refuse, so the question is honest
        preview = fix_metadata(session, turn.identity.actor, checked.doc_id, service_task=checked.task,
                               social_services=checked.social, service_unit_oid=checked.unit, now=turn.now, check_only=True)  # fmt: skip
    token = f"{turn.services.rng.getrandbits(64):016x}"
    turn.state[CONFIRM_KEY] = {"token": token, "fix": checked.to_state(), "at": turn.now.isoformat()}
    view = preview.document
    template = texts.META_CONFIRM_CORRECTION if preview.corrected else texts.META_CONFIRM_RESEND
    body = [cards.heading(template.format(title=view.title, id=view.id)), cards.text(texts.CONFIRM_SEND_BODY, subtle=True)]
    actions = [
        cards.submit(texts.META_CONFIRM_YES, {"action": "meta.confirm", "token": token}, style="positive"),
        cards.submit(texts.META_CANCEL, {"action": "meta.cancel", "token": token}),
    ]
    return [Reply(card=cards.card(body, actions))]


def confirm(turn: Turn) -> list[Reply]:
    """``meta.confirm``: the confirmed fix, once, if the button's token is the current, fresh one."""
    stored = turn.state.get(CONFIRM_KEY)
    token = (turn.incoming.value or {}).get("token")
    if not isinstance(stored, dict) or not isinstance(token, str) or stored.get("token") != token:
        return [Reply(text=texts.META_CONFIRM_EXPIRED)]  # a stale or forged button leaves the current question be
    del turn.state[CONFIRM_KEY]
    if turn.now - dt.datetime.fromisoformat(stored["at"]) > CONFIRM_LIFETIME:
        return [Reply(text=texts.META_CONFIRM_EXPIRED)]
    return _apply(turn, _Fix.from_state(stored["fix"]))


def _apply(turn: Turn, fix: _Fix) -> list[Reply]:
    """Fix in one transaction (which also remembers to report an archiving back), then say what happened."""
    engine, actor = turn.services.engine, turn.identity.actor
    with transaction(engine) as session:
        result = fix_metadata(session, actor, fix.doc_id, service_task=fix.task, social_services=fix.social,
                              service_unit_oid=fix.unit, now=turn.now)  # fmt: skip
        if result.queued:
            session.add(ChatSubmission(worker_id=turn.worker_id, document_id=fix.doc_id, version=result.document.version, submitted_at=turn.now))
    if result.queued:
        turn.services.wake_queue()
    view = result.document
    if result.corrected:
        lines = [texts.META_SAVED_CORRECTION.format(title=view.title, id=view.id, version=view.version)]
    else:
        lines = [texts.META_SAVED.format(title=view.title, id=view.id)]
        if result.queued:
            lines.append(texts.META_RESENT)
    left = [p.message_fi for p in view.problems if p.blocking]
    if left:
        lines.append(texts.META_PROBLEMS_LEFT)
        lines += [f"- {problem}" for problem in left]
        return [Reply(text="\n".join(lines))]
    if is_ready(view):
        locks = view.status == "completed"  # a locked document is only sent: its button and words must not say "lock"
        body = [cards.text("\n".join(lines)), cards.text(texts.META_READY if locks else texts.META_READY_SEND)]
        button = texts.ARCHIVE_BUTTON if locks else texts.SEND_BUTTON
        actions = [cards.submit(button, {"action": "archive.confirm", "doc_ids": [view.id]}, style="positive")]
        return [Reply(card=cards.card(body, actions))]
    return [Reply(text="\n".join(lines))]


def cancel(turn: Turn) -> list[Reply]:
    turn.state.pop(CONFIRM_KEY, None)
    return [Reply(text=texts.META_CANCELLED)]
