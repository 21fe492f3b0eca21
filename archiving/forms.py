"""The choices of the bot's metadata-fix card: only valid options, with Finnish labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from archiving import audit, lifecycle, messages
from archiving.access import load_visible
from archiving.actors import Actor
from archiving.codesets.readmodel import Code, CodeSets, Unit
from archiving.enums import DocumentKind, DocumentStatus as S, SocialServiceRule
from archiving.session_scope import Db, unit_of_work
from archiving.views import DocumentView, build_views


@dataclass(frozen=True)
class FormOptions:
    """Everything a fix card needs: the document, whether it can change, and the valid choices.

    ``social_services`` are those valid for ``service_task`` (the chosen task, or the
    document's own); ``social_service_rule`` says whether at least one is required.
    """

    document: DocumentView
    editable: bool
    explanation_fi: str | None
    makes_correction: bool
    sends_after_fix: bool
    service_tasks: tuple[Code, ...]
    service_task: str | None
    social_services: tuple[Code, ...]
    selected_social_services: tuple[str, ...]
    social_service_rule: str
    service_units: tuple[Unit, ...]
    service_unit_oid: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.document.to_dict(),
            "editable": self.editable,
            "explanation_fi": self.explanation_fi,
            "makes_correction": self.makes_correction,
            "sends_after_fix": self.sends_after_fix,
            "service_tasks": [c.to_dict() for c in self.service_tasks],
            "service_task": self.service_task,
            "social_services": [c.to_dict() for c in self.social_services],
            "selected_social_services": list(self.selected_social_services),
            "social_service_rule": self.social_service_rule,
            "service_units": [u.to_dict() for u in self.service_units],
            "service_unit_oid": self.service_unit_oid,
        }


def form_options(
    db: Db, actor: Actor, document_id: int, *, service_task: str | None = None, now: dt.datetime
) -> FormOptions:
    """The fix card for a document; pass ``service_task`` to list the services of a newly chosen task."""
    with unit_of_work(db) as session:
        document = load_visible(session, actor, document_id)
        codes = CodeSets.load(session)
        view = build_views(session, codes, [document])[0]
        audit.record(session, actor, audit.FORM_READ, document_id=document.id, client_id=document.client_id, now=now)
    editable = document.status in lifecycle.EDITABLE | {S.ARCHIVED}
    task = service_task or document.service_task_code
    dtype = codes.document_type(document.document_type_system, document.document_type_code)
    if document.kind in (DocumentKind.RELATIONSHIP, DocumentKind.CASE):
        rule = SocialServiceRule.NONE
    else:
        rule = dtype.rule if dtype else SocialServiceRule.OPTIONAL
    services = () if rule == SocialServiceRule.NONE or not task else tuple(codes.social_services_for(task))
    return FormOptions(
        document=view,
        editable=editable,
        explanation_fi=None if editable else messages.transition_error("fix", document.status),
        makes_correction=document.status == S.ARCHIVED,
        sends_after_fix=document.status in (S.ARCHIVED, S.FAILED, S.CORRECTED),
        service_tasks=tuple(codes.active_service_tasks()),
        service_task=task,
        social_services=services,
        selected_social_services=tuple(c.code for c in view.social_services),
        social_service_rule=str(rule),
        service_units=tuple(codes.active_units()),
        service_unit_oid=view.service_unit.oid if view.service_unit else None,
    )
