"""The archive's acceptance rules, as pure functions over a submission and what the archive holds.

Both the embedded stand-in and ``kanta-sim`` apply these, so the queue meets
the same answers whichever archive it talks to. Every broken rule is listed
(not just the first), each with a stable code and Finnish/English wording.
"""

from __future__ import annotations

import re
from typing import Protocol

from archiving import hetu
from archiving.enums import DocumentKind, RelationshipLevel, SocialServiceRule
from archiving.kanta import messages as m
from archiving.kanta.catalog import CASE_TYPE, RELATIONSHIP_TYPE, CodeCatalog
from archiving.kanta.gateway import ArchiveConflict, ArchiveRejected, EntryState, Violation
from archiving.kanta.submission import Invalidation, Submission, content_digest

_OID = re.compile(r"^[0-2](\.(0|[1-9][0-9]*))+$")


class ArchiveView(Protocol):
    """What the archive already holds, as far as the rules need to know."""

    def latest(self, set_id: str) -> tuple[int, str] | None:
        """(version, state) of the newest stored version of a document, or None."""

    def version_state(self, set_id: str, version: int) -> str | None: ...

    def has_relationship(self, hetu: str) -> bool:
        """Whether a relationship record of this client is stored and not invalidated."""

    def has_set(self, set_id: str) -> bool: ...


def _v(error_code: str, field: str, text: m.Text, **values: object) -> Violation:
    field_fi = m.FIELD_NAMES_FI.get(field, field)
    return Violation(
        error_code, field, text.fi.format(field_fi=field_fi, **values), text.en.format(field=field, **values)
    )


def _missing(field: str) -> Violation:
    return _v("MISSING_METADATA", field, m.MISSING_METADATA)


def _check_header(sub: Submission) -> list[Violation]:
    problems: list[Violation] = []
    for name, value in (
        ("set_id", sub.set_id),
        ("title", sub.title.strip()),
        ("author", sub.author_id),
        ("content_hash", sub.content_hash),
    ):
        if not value:
            problems.append(_missing(name))
    if not sub.document_type_system or not sub.document_type_code:
        problems.append(_missing("document_type"))
    if sub.version < 1:
        problems.append(_v("VERSION_GAP", "version", m.VERSION_GAP, expected=1, version=sub.version))
    if not sub.client_hetu:
        problems.append(_missing("client_hetu"))
    elif not hetu.is_valid(sub.client_hetu):
        problems.append(_v("INVALID_HETU", "client_hetu", m.INVALID_HETU))
    if not sub.register_keeper_oid:
        problems.append(_missing("register_keeper_oid"))
    elif not _OID.match(sub.register_keeper_oid):
        problems.append(_v("INVALID_OID", "register_keeper_oid", m.INVALID_OID, value=sub.register_keeper_oid))
    if sub.content_hash and content_digest(sub.content) != sub.content_hash:
        problems.append(_v("HASH_MISMATCH", "content_hash", m.HASH_MISMATCH))
    return problems


def _check_codes(sub: Submission, catalog: CodeCatalog) -> list[Violation]:
    problems: list[Violation] = []
    doc_type = (sub.document_type_system, sub.document_type_code)
    kind = sub.kind if sub.kind in m.KIND_FI else DocumentKind.CLIENT
    expected = {DocumentKind.RELATIONSHIP: RELATIONSHIP_TYPE, DocumentKind.CASE: CASE_TYPE}.get(DocumentKind(kind))
    rule = catalog.document_types.get(doc_type)
    if sub.document_type_code and rule is None:
        problems.append(
            _v("UNKNOWN_DOCUMENT_TYPE", "document_type", m.UNKNOWN_DOCUMENT_TYPE, code=doc_type[1], system=doc_type[0])
        )
    elif sub.document_type_code and (
        (expected is not None and doc_type != expected)
        or (expected is None and doc_type in (RELATIONSHIP_TYPE, CASE_TYPE))
    ):
        problems.append(
            _v(
                "KIND_TYPE_MISMATCH",
                "document_type",
                m.KIND_TYPE_MISMATCH,
                code=doc_type[1],
                kind=kind,
                kind_fi=m.KIND_FI[kind],
            )
        )
    task = sub.service_task_code
    if not task:
        if kind != DocumentKind.RELATIONSHIP or sub.relationship_level != RelationshipLevel.SOCIAL_WELFARE:
            problems.append(_missing("service_task_code"))
    elif task not in catalog.service_tasks:
        problems.append(_v("UNKNOWN_SERVICE_TASK", "service_task_code", m.UNKNOWN_SERVICE_TASK, code=task))
    for code in sub.social_service_codes:
        if code not in catalog.social_services:
            problems.append(_v("UNKNOWN_SOCIAL_SERVICE", "social_service_codes", m.UNKNOWN_SOCIAL_SERVICE, code=code))
        elif task and task in catalog.service_tasks and not catalog.service_allowed(task, code):
            problems.append(
                _v(
                    "SOCIAL_SERVICE_NOT_ALLOWED",
                    "social_service_codes",
                    m.SOCIAL_SERVICE_NOT_ALLOWED,
                    code=code,
                    task=task,
                )
            )
    if rule == SocialServiceRule.REQUIRED and not sub.social_service_codes:
        problems.append(
            _v("SOCIAL_SERVICE_REQUIRED", "social_service_codes", m.SOCIAL_SERVICE_REQUIRED, code=doc_type[1])
        )
    if (rule == SocialServiceRule.NONE or expected is not None) and sub.social_service_codes:
        problems.append(
            _v("SOCIAL_SERVICE_NOT_EXPECTED", "social_service_codes", m.SOCIAL_SERVICE_NOT_EXPECTED, code=doc_type[1])
        )
    unit = sub.service_unit_oid
    if not unit:
        problems.append(_missing("service_unit_oid"))
    elif not _OID.match(unit):
        problems.append(_v("INVALID_OID", "service_unit_oid", m.INVALID_OID, value=unit))
    elif catalog.service_units is not None and unit not in catalog.service_units:
        problems.append(_v("UNKNOWN_SERVICE_UNIT", "service_unit_oid", m.UNKNOWN_SERVICE_UNIT, oid=unit))
    return problems


def _check_order(sub: Submission, view: ArchiveView) -> list[Violation]:
    if sub.kind == DocumentKind.RELATIONSHIP or not hetu.is_valid(sub.client_hetu):
        return []  # a missing or malformed henkilötunnus is reported on its own
    problems: list[Violation] = []
    if not view.has_relationship(sub.client_hetu):
        problems.append(_v("RELATIONSHIP_MISSING", "client_hetu", m.RELATIONSHIP_MISSING))
    if sub.kind == DocumentKind.CLIENT and sub.case_set_id and not view.has_set(sub.case_set_id):
        problems.append(_v("CASE_MISSING", "case_set_id", m.CASE_MISSING))
    return problems


def _check_versions(sub: Submission, view: ArchiveView) -> list[Violation]:
    if not sub.set_id or sub.version < 1:
        return []
    latest = view.latest(sub.set_id)
    problems: list[Violation] = []
    if sub.version == 1:
        if latest is not None:
            problems.append(_v("SET_EXISTS", "version", m.SET_EXISTS, latest=latest[0]))
        if sub.replaces_version is not None:
            problems.append(_v("REPLACES_WRONG", "version", m.REPLACES_WRONG, expected="-"))
        return problems
    if latest is None:
        return [_v("CORRECTION_WITHOUT_ORIGINAL", "version", m.CORRECTION_WITHOUT_ORIGINAL)]
    if latest[1] == EntryState.INVALIDATED:
        problems.append(_v("CORRECTING_INVALIDATED", "version", m.CORRECTING_INVALIDATED))
    if sub.version != latest[0] + 1:
        problems.append(_v("VERSION_GAP", "version", m.VERSION_GAP, expected=latest[0] + 1, version=sub.version))
    if sub.replaces_version != sub.version - 1:
        problems.append(_v("REPLACES_WRONG", "version", m.REPLACES_WRONG, expected=sub.version - 1))
    return problems


def check_submission(sub: Submission, catalog: CodeCatalog, view: ArchiveView) -> list[Violation]:
    """Every rule the submission breaks; an empty list means the archive accepts it."""
    return _check_header(sub) + _check_codes(sub, catalog) + _check_order(sub, view) + _check_versions(sub, view)


def check_invalidation(inv: Invalidation, view: ArchiveView) -> list[Violation]:
    """Only the newest stored, not yet invalidated version can be invalidated, with a reason."""
    problems: list[Violation] = []
    if not inv.reason.strip():
        problems.append(_missing("reason"))
    state = view.version_state(inv.set_id, inv.version)
    if state is None:
        return problems + [_v("NOT_FOUND", "version", m.NOT_FOUND, version=inv.version)]
    if state == EntryState.INVALIDATED:
        problems.append(_v("ALREADY_INVALIDATED", "version", m.ALREADY_INVALIDATED, version=inv.version))
    latest = view.latest(inv.set_id)
    if latest is not None and latest[0] != inv.version:
        problems.append(_v("NOT_LATEST", "version", m.NOT_LATEST, latest=latest[0]))
    return problems


def version_conflict(version: int, reference: str) -> ArchiveConflict:
    """AE for a key already stored with another body or header; names the stored entry."""
    violation = _v("VERSION_CONFLICT", "version", m.VERSION_CONFLICT, version=version, reference=reference)
    return ArchiveConflict(
        violation.code, violation.message_en, violation.message_fi, [violation], reference=reference
    )


def check_resend(sent_digest: str, stored_digest: str, version: int, reference: str) -> ArchiveConflict | None:
    """A resend under a stored key is a duplicate only when its header (with the body's hash) is the same.

    ``*_digest`` are :func:`archiving.kanta.submission.header_digest` of the two headers;
    comparing them costs no parsing of what is stored.
    """
    return None if sent_digest == stored_digest else version_conflict(version, reference)


def rejection(violations: list[Violation]) -> ArchiveRejected:
    """One AE answer carrying every violation; its code and summary come from the first."""
    first = violations[0]
    return ArchiveRejected(
        first.code,
        m.REJECTED_SUMMARY.en.format(first=" ".join(v.message_en for v in violations)),
        m.REJECTED_SUMMARY.fi.format(first=" ".join(v.message_fi for v in violations)),
        violations,
    )
