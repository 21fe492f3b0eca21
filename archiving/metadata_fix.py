"""Fixing a document's archiving metadata: validated before saving, one transaction.

Draft, completed and locked documents just change. A document that has already
been sent is sent again at once: a failed one goes back to the queue, an archived
one becomes a correction (version + 1) and is queued to replace the archived version,
and a correction waiting to be sent is queued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import delete

from archiving import audit, lifecycle, messages
from archiving.access import load_visible
from archiving.actors import Actor
from archiving.codesets.readmodel import CodeSets
from archiving.enums import DocumentStatus as S
from archiving.errors import IllegalTransition, InvalidInput, InvalidMetadata
from archiving.models import DocumentSocialService
from archiving.order_rule import prerequisites_archived, unarchived_kinds
from archiving.queue import enqueue
from archiving.session_scope import Db, unit_of_work
from archiving.validation import Metadata, Problem, validate
from archiving.views import DocumentView, build_views, relationship_levels, social_services_of

# Documents that go (back) to the archive as soon as their metadata is fixed.
RESENT_AFTER_FIX = frozenset({S.ARCHIVED, S.FAILED, S.CORRECTED})


@dataclass(frozen=True)
class FixResult:
    document: DocumentView
    changes: dict[str, tuple[object, object]]
    corrected: bool  # an archived document became a new version
    queued: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.document.to_dict(),
            "changes": {k: [old, new] for k, (old, new) in self.changes.items()},
            "corrected": self.corrected,
            "queued": self.queued,
        }


_FIELD_NAMES = {"service_task": ("palvelutehtävä", "service task"), "social_services": ("sosiaalipalvelu", "social service"),
                "service_unit": ("palveluyksikkö", "service unit OID")}  # fmt: skip


def _clean(code: str | None) -> str | None:
    return code.strip() if code is not None and code.strip() else None


def _given(field: str, code: str) -> str:
    """A code the caller gave explicitly: never blank (a blank would silently clear the field)."""
    cleaned = _clean(code)
    if cleaned is None:
        name_fi, name_en = _FIELD_NAMES[field]
        raise InvalidInput(messages.EMPTY_CODE.format(field=name_fi), f"an empty {name_en} code changes nothing; give a code")
    return cleaned


def _relevant(problems: list[Problem], touched: set[str], sending: bool) -> list[Problem]:
    """The blocking problems that refuse this fix.

    A document about to be sent must be clean. Otherwise only problems in the fields
    being changed count (a pairing problem counts when the task or the services change),
    so a worker may fix one field at a time before submitting.
    """
    if sending:
        return [p for p in problems if p.blocking]
    if "service_task" in touched:
        touched = touched | {"social_services"}
    return [p for p in problems if p.blocking and p.field in touched]


def fix_metadata(
    db: Db,
    actor: Actor,
    document_id: int,
    *,
    service_task: str | None = None,
    social_services: Sequence[str] | None = None,
    service_unit_oid: str | None = None,
    now: dt.datetime,
    check_only: bool = False,
) -> FixResult:
    """Change the given fields (None = keep; ``social_services=[]`` clears them).

    ``check_only`` refuses exactly as the fix would and changes nothing: the bot asks the
    worker to confirm a fix that sends the document, and asks only when it would go through.
    The result then tells what the fix would do (``corrected``, ``queued``) with the view as it is.
    A code given as an empty string is refused (:class:`InvalidInput`), never taken as "clear":
    ``--social-service ""`` removed a document's social service. Unknown codes are refused by validation.
    """
    with unit_of_work(db) as session:
        document = load_visible(session, actor, document_id, for_update=True)
        if document.status not in lifecycle.EDITABLE | {S.ARCHIVED}:
            raise IllegalTransition(document.id, document.status, "fix")
        assert document.id is not None
        codes = CodeSets.load(session)
        old_services = social_services_of(session, [document.id]).get(document.id, [])
        old_unit = codes.units_by_id.get(document.service_unit_id) if document.service_unit_id else None
        old = {
            "service_task": document.service_task_code,
            "social_services": tuple(old_services),
            "service_unit": old_unit.oid if old_unit else None,
        }
        new = dict(old)
        if service_task is not None:
            new["service_task"] = _given("service_task", service_task)
        if social_services is not None:  # an empty list clears them; an empty code in it is a mistake
            new["social_services"] = tuple(sorted(dict.fromkeys(_given("social_services", c) for c in social_services)))
        if service_unit_oid is not None:
            new["service_unit"] = _given("service_unit", service_unit_oid)
        changes = {k: (old[k], new[k]) for k in old if old[k] != new[k]}
        if not changes:
            raise InvalidInput(messages.NO_CHANGES, "nothing to change: give a new service task, social service or unit")
        level = relationship_levels(session, [document]).get(document.relationship_id or -1)
        meta = Metadata(
            document.kind,
            document.document_type_system,
            document.document_type_code,
            new["service_task"],  # type: ignore[arg-type]
            new["social_services"],  # type: ignore[arg-type]
            new["service_unit"],  # type: ignore[arg-type]
            level,
        )
        pending = unarchived_kinds(session, [document.client_id]).get(document.client_id, set())
        problems = validate(codes, meta, relationship_archived=prerequisites_archived(document.kind, pending))
        sending = document.status in RESENT_AFTER_FIX
        refusing = _relevant(problems, set(changes), sending)
        if refusing:
            raise InvalidMetadata(refusing, document_id=document.id)
        if check_only:
            audit.record(session, actor, audit.FORM_READ, document_id=document.id, client_id=document.client_id, now=now)
            view = build_views(session, codes, [document])[0]
            return FixResult(view, changes, document.status == S.ARCHIVED, document.status in RESENT_AFTER_FIX)

        # everything checked: change
        corrected = lifecycle.begin_metadata_change(document, now=now)
        document.service_task_code = meta.service_task_code
        unit = codes.units_by_oid.get(meta.service_unit_oid or "")
        document.service_unit_id = unit.id if unit else None
        if "social_services" in changes:
            session.exec(delete(DocumentSocialService).where(DocumentSocialService.document_id == document.id))  # type: ignore[call-overload]
            session.add_all(DocumentSocialService(document_id=document.id, code=c) for c in meta.social_service_codes)
        document.updated_at = now
        detail = {"changes": {k: [v[0], v[1]] for k, v in changes.items()}, "version": document.version}
        audit.record(session, actor, audit.DOCUMENT_FIX, document_id=document.id, client_id=document.client_id, detail=detail, now=now)
        if corrected:
            audit.record(
                session, actor, audit.DOCUMENT_CORRECT, document_id=document.id, client_id=document.client_id,
                detail={"version": document.version}, now=now,
            )  # fmt: skip
        queued = False
        if document.status in (S.FAILED, S.CORRECTED):
            lifecycle.queue(document, now=now, after_fix=True)
            enqueue(session, document, now=now)
            queued = True
            audit.record(
                session, actor, audit.DOCUMENT_SUBMIT, document_id=document.id, client_id=document.client_id,
                detail={"after_fix": True, "version": document.version}, now=now,
            )  # fmt: skip
        session.flush()
        view = build_views(session, codes, [document])[0]
        return FixResult(view, changes, corrected, queued)
