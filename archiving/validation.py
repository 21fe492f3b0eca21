"""Metadata validation: every problem of a document at once, each tied to a field and an instruction.

A :class:`Problem` is *blocking* when the archive would refuse the document.
"Client-relationship data not yet archived" is informational: the queue holds
the document until that data has gone first, so it does not stop a submit.
"""

from __future__ import annotations

from dataclasses import dataclass

from archiving import messages
from archiving.codesets.readmodel import CodeSets
from archiving.enums import DocumentKind, RelationshipLevel, SocialServiceRule

# The instruction article (knowledge-base slug) that explains each field's problems.
FIELD_SLUGS = {
    "service_task": "palvelutehtavan-valinta",
    "social_services": "sosiaalipalvelun-valinta",
    "service_unit": "palveluyksikon-valinta",
    "document_type": "arkistoitavat-asiakirjat",
    "client": "asiakkuustiedot",
    "archive": "arkistointivirhe",
}

_EN = {
    "missing_service_task": "service task is missing",
    "unknown_service_task": "unknown service task {code}",
    "inactive_service_task": "service task {code} is no longer valid",
    "unknown_social_service": "unknown social service {code}",
    "inactive_social_service": "social service {code} is no longer valid",
    "social_service_not_for_task": "social service {code} is not valid for service task {task}",
    "missing_social_service": "document type {type_code} needs at least one social service",
    "social_service_not_allowed": "relationship and case documents carry no social service",
    "missing_service_unit": "service unit is missing",
    "unknown_service_unit": "unknown service unit {oid}",
    "inactive_service_unit": "service unit {oid} is no longer active",
    "unknown_document_type": "unknown document type {code}",
    "relationship_not_archived": "the client's relationship data is not archived yet (the queue waits for it)",
    "archive_error": "the archive returned an error: {error}",
    "archive_error_retryable": "the archive could not be reached after several attempts: {error}",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document's metadata, in Finnish for the bot and English for the CLI."""

    code: str
    field: str
    blocking: bool
    message_fi: str
    message_en: str
    slug: str

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "field": self.field,
            "blocking": self.blocking,
            "message_fi": self.message_fi,
            "message_en": self.message_en,
            "slug": self.slug,
        }


def problem(key: str, field: str, /, *, blocking: bool = True, **values: object) -> Problem:
    """Build a problem from the message tables; ``values`` fill both languages' placeholders."""
    return Problem(
        code=key,
        field=field,
        blocking=blocking,
        message_fi=messages.PROBLEMS[key].format(**values),
        message_en=_EN[key].format(**values),
        slug=FIELD_SLUGS[field],
    )


@dataclass(frozen=True)
class Metadata:
    """The archiving metadata of one document, as stored or as proposed by a fix."""

    kind: str
    document_type_system: str
    document_type_code: str
    service_task_code: str | None
    social_service_codes: tuple[str, ...]
    service_unit_oid: str | None
    relationship_level: str | None = None


def validate(codes: CodeSets, meta: Metadata, *, relationship_archived: bool = True) -> list[Problem]:
    """Every problem of ``meta`` in field order: document type, service task, social services, unit, client."""
    problems: list[Problem] = []
    dtype = codes.document_type(meta.document_type_system, meta.document_type_code)
    if dtype is None:
        problems.append(problem("unknown_document_type", "document_type", code=meta.document_type_code))
    task_ok = _check_service_task(codes, meta, problems)
    _check_social_services(codes, meta, dtype.rule if dtype else None, task_ok, problems)
    _check_service_unit(codes, meta, problems)
    if meta.kind != DocumentKind.RELATIONSHIP and not relationship_archived:
        problems.append(problem("relationship_not_archived", "client", blocking=False))
    return problems


def blocking(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def _task_required(meta: Metadata) -> bool:
    if meta.kind == DocumentKind.RELATIONSHIP:
        return meta.relationship_level not in (None, RelationshipLevel.SOCIAL_WELFARE)
    return True


def _check_service_task(codes: CodeSets, meta: Metadata, problems: list[Problem]) -> bool:
    """Append service-task problems; True when a valid task is set."""
    task = meta.service_task_code
    if not task:
        if _task_required(meta):
            problems.append(problem("missing_service_task", "service_task"))
        return False
    entry = codes.service_tasks.get(task)
    if entry is None:
        problems.append(problem("unknown_service_task", "service_task", code=task))
        return False
    if not entry.active:
        problems.append(problem("inactive_service_task", "service_task", code=task, name=entry.name_fi))
        return False
    return True


def _check_social_services(
    codes: CodeSets, meta: Metadata, rule: SocialServiceRule | None, task_ok: bool, problems: list[Problem]
) -> None:
    services = meta.social_service_codes
    if meta.kind in (DocumentKind.RELATIONSHIP, DocumentKind.CASE) or rule == SocialServiceRule.NONE:
        if services:
            problems.append(problem("social_service_not_allowed", "social_services"))
        return
    for code in services:
        entry = codes.social_services.get(code)
        if entry is None:
            problems.append(problem("unknown_social_service", "social_services", code=code))
        elif not entry.active:
            problems.append(problem("inactive_social_service", "social_services", code=code, name=entry.name_fi))
        elif task_ok and meta.service_task_code and not codes.pair_allowed(meta.service_task_code, code):
            task = codes.service_tasks[meta.service_task_code]
            problems.append(
                problem(
                    "social_service_not_for_task",
                    "social_services",
                    code=code,
                    name=entry.name_fi,
                    task=task.code,
                    task_name=task.name_fi,
                )
            )
    if rule == SocialServiceRule.REQUIRED and not services:
        dtype = codes.document_type(meta.document_type_system, meta.document_type_code)
        problems.append(
            problem(
                "missing_social_service",
                "social_services",
                type_code=meta.document_type_code,
                type_name=dtype.name_fi if dtype else meta.document_type_code,
            )
        )


def _check_service_unit(codes: CodeSets, meta: Metadata, problems: list[Problem]) -> None:
    oid = meta.service_unit_oid
    if not oid:
        problems.append(problem("missing_service_unit", "service_unit"))
        return
    unit = codes.units_by_oid.get(oid)
    if unit is None:
        problems.append(problem("unknown_service_unit", "service_unit", oid=oid))
    elif not unit.active:
        problems.append(problem("inactive_service_unit", "service_unit", oid=oid, name=unit.name))
