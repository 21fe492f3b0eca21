"""The archive's rules, one by one: each broken rule is named, all are listed at once, no hetu leaks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from archiving.kanta.catalog import CodeCatalog
from archiving.kanta.gateway import ArchiveConflict, ArchiveError, EntryState
from archiving.kanta.rules import check_invalidation, check_resend, check_submission, rejection
from archiving.kanta.submission import Invalidation, Submission, content_digest, header_digest, header_json

HETU = "010190-901R"  # test range (900–999), valid check character
KEEPER = "2.999.10"
UNIT = "2.999.10.1"
CATALOG = CodeCatalog.of(
    service_tasks=["10", "20"],
    social_services=["2", "37", "46"],
    document_types={
        ("1.2.246.537.6.1506", "11053"): "required",
        ("1.2.246.537.6.1506", "3013"): "optional",
        ("1.2.246.537.6.1505", "1"): "none",
        ("1.2.246.537.6.1505", "2"): "none",
    },
    allowed_pairs=[("20", "37"), ("20", "46"), ("10", "2")],
    service_units=[UNIT],
)


class View:
    """What the archive holds, as plain dictionaries."""

    def __init__(self, versions: dict[str, dict[int, str]] | None = None, clients: set[str] | None = None) -> None:
        self.versions = versions or {}
        self.clients = clients if clients is not None else {HETU}

    def latest(self, set_id: str) -> tuple[int, str] | None:
        stored = self.versions.get(set_id)
        return (max(stored), stored[max(stored)]) if stored else None

    def version_state(self, set_id: str, version: int) -> str | None:
        return self.versions.get(set_id, {}).get(version)

    def has_relationship(self, hetu: str) -> bool:
        return hetu in self.clients

    def has_set(self, set_id: str) -> bool:
        return bool(self.versions.get(set_id))


def submission(**changes: object) -> Submission:
    content = changes.pop("content", "Päätös vammaispalvelusta.")
    base = Submission(
        idempotency_key="7:1:archive",
        document_id=7,
        set_id=f"{KEEPER}.11.7",
        document_oid=f"{KEEPER}.12.7.1",
        version=1,
        replaces_version=None,
        kind="client",
        document_type_system="1.2.246.537.6.1506",
        document_type_code="11053",
        title="Vammaispalvelupäätös",
        client_hetu=HETU,
        service_task_code="20",
        social_service_codes=("37",),
        service_unit_oid=UNIT,
        register_keeper_oid=KEEPER,
        author_id="3",
        author_name="Anna Aalto",
        case_set_id=None,
        relationship_level=None,
        effective_time=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
        created_at=dt.datetime(2026, 11, 19, tzinfo=dt.UTC),
        content_hash=content_digest(str(content)),
        content=str(content),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


def test_a_complete_client_document_is_accepted() -> None:
    assert check_submission(submission(), CATALOG, View()) == []


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"title": "  "}, "MISSING_METADATA", "title"),
        ({"service_task_code": None}, "MISSING_METADATA", "service_task_code"),
        ({"service_unit_oid": None}, "MISSING_METADATA", "service_unit_oid"),
        ({"register_keeper_oid": ""}, "MISSING_METADATA", "register_keeper_oid"),
        ({"client_hetu": ""}, "MISSING_METADATA", "client_hetu"),
        ({"client_hetu": "010190-901S"}, "INVALID_HETU", "client_hetu"),
        ({"document_type_code": "99999"}, "UNKNOWN_DOCUMENT_TYPE", "document_type"),
        (
            {"document_type_system": "1.2.246.537.6.1505", "document_type_code": "1", "social_service_codes": ()},
            "KIND_TYPE_MISMATCH",
            "document_type",
        ),
        ({"service_task_code": "77"}, "UNKNOWN_SERVICE_TASK", "service_task_code"),
        ({"social_service_codes": ("5",)}, "UNKNOWN_SOCIAL_SERVICE", "social_service_codes"),
        ({"social_service_codes": ("2",)}, "SOCIAL_SERVICE_NOT_ALLOWED", "social_service_codes"),
        ({"social_service_codes": ()}, "SOCIAL_SERVICE_REQUIRED", "social_service_codes"),
        ({"service_unit_oid": "2.999.10.5"}, "UNKNOWN_SERVICE_UNIT", "service_unit_oid"),
        ({"service_unit_oid": "yksikkö 5"}, "INVALID_OID", "service_unit_oid"),
        ({"content_hash": content_digest("something else")}, "HASH_MISMATCH", "content_hash"),
    ],
)
def test_each_metadata_rule_is_named(changes: dict[str, object], code: str, field: str) -> None:
    problems = check_submission(submission(**changes), CATALOG, View())
    assert [(p.code, p.field) for p in problems] == [(code, field)]
    assert problems[0].message_fi and problems[0].message_en
    assert HETU not in problems[0].message_fi + problems[0].message_en


def test_optional_social_service_may_be_left_out() -> None:
    assert check_submission(submission(document_type_code="3013", social_service_codes=()), CATALOG, View()) == []


def test_relationship_and_case_records_carry_no_social_service() -> None:
    case = submission(kind="case", document_type_system="1.2.246.537.6.1505", document_type_code="2")
    assert codes(check_submission(case, CATALOG, View())) == ["SOCIAL_SERVICE_NOT_EXPECTED"]
    assert check_submission(dataclasses.replace(case, social_service_codes=()), CATALOG, View()) == []


def test_social_welfare_relationship_needs_no_service_task_but_a_service_task_relationship_does() -> None:
    record = submission(
        kind="relationship",
        document_type_system="1.2.246.537.6.1505",
        document_type_code="1",
        social_service_codes=(),
        service_task_code=None,
        relationship_level="social_welfare",
    )
    assert check_submission(record, CATALOG, View(clients=set())) == []
    task_level = dataclasses.replace(record, relationship_level="service_task")
    assert codes(check_submission(task_level, CATALOG, View(clients=set()))) == ["MISSING_METADATA"]


def test_every_problem_is_listed_at_once() -> None:
    bad = submission(title="", service_task_code="77", social_service_codes=("5",), service_unit_oid=None)
    assert codes(check_submission(bad, CATALOG, View())) == [
        "MISSING_METADATA",
        "UNKNOWN_SERVICE_TASK",
        "UNKNOWN_SOCIAL_SERVICE",
        "MISSING_METADATA",
    ]


def test_relationship_data_must_be_in_the_archive_before_documents() -> None:
    assert codes(check_submission(submission(), CATALOG, View(clients=set()))) == ["RELATIONSHIP_MISSING"]
    case = submission(
        kind="case", document_type_system="1.2.246.537.6.1505", document_type_code="2", social_service_codes=()
    )
    assert codes(check_submission(case, CATALOG, View(clients=set()))) == ["RELATIONSHIP_MISSING"]


def test_a_document_of_a_case_needs_the_case_record_first() -> None:
    doc = submission(case_set_id=f"{KEEPER}.11.5")
    assert codes(check_submission(doc, CATALOG, View())) == ["CASE_MISSING"]
    assert check_submission(doc, CATALOG, View({f"{KEEPER}.11.5": {1: EntryState.ACTIVE}})) == []


def test_version_chain_for_corrections() -> None:
    set_id = f"{KEEPER}.11.7"
    held = View({set_id: {1: EntryState.ACTIVE}})
    assert codes(check_submission(submission(), CATALOG, held)) == ["SET_EXISTS"]
    assert check_submission(submission(version=2, replaces_version=1), CATALOG, held) == []
    assert codes(check_submission(submission(version=3, replaces_version=2), CATALOG, held)) == ["VERSION_GAP"]
    assert codes(check_submission(submission(version=2, replaces_version=None), CATALOG, held)) == ["REPLACES_WRONG"]
    assert codes(check_submission(submission(version=2, replaces_version=1), CATALOG, View())) == [
        "CORRECTION_WITHOUT_ORIGINAL"
    ]
    void = View({set_id: {1: EntryState.INVALIDATED}})
    assert codes(check_submission(submission(version=2, replaces_version=1), CATALOG, void)) == [
        "CORRECTING_INVALIDATED"
    ]


def test_invalidation_rules() -> None:
    set_id = f"{KEEPER}.11.7"
    inv = Invalidation("7:1:invalidate", 7, set_id, 1, "väärä asiakas", KEEPER)
    assert check_invalidation(inv, View({set_id: {1: EntryState.ACTIVE}})) == []
    assert codes(check_invalidation(inv, View())) == ["NOT_FOUND"]
    assert codes(check_invalidation(inv, View({set_id: {1: EntryState.INVALIDATED}}))) == ["ALREADY_INVALIDATED"]
    assert codes(check_invalidation(inv, View({set_id: {1: EntryState.SUPERSEDED, 2: EntryState.ACTIVE}}))) == [
        "NOT_LATEST"
    ]
    no_reason = dataclasses.replace(inv, reason=" ")
    assert codes(check_invalidation(no_reason, View({set_id: {1: EntryState.ACTIVE}}))) == ["MISSING_METADATA"]


def test_rejection_carries_every_violation_without_the_hetu() -> None:
    problems = check_submission(submission(client_hetu="010190-901S", title=""), CATALOG, View())
    error = rejection(problems)
    assert error.code == "MISSING_METADATA" and not error.retryable
    assert len(error.violations) == 2
    assert "henkilötunnus" in error.message_fi and "010190" not in error.message_fi + error.message_en + str(error)


def test_submission_repr_and_header_hide_hetu_and_body() -> None:
    sub = submission()
    assert HETU not in repr(sub)
    assert "client_hetu" not in sub.header() and "content" not in sub.header()
    assert Submission.from_json(sub.to_json()) == sub


def test_a_resend_is_a_duplicate_only_with_the_same_header_digest() -> None:
    sub = submission()
    digest = header_digest(header_json(sub.header()))
    reordered = header_json(dict(reversed(list(sub.header().items()))))
    assert header_digest(reordered) == digest  # canonical: key order does not matter
    assert check_resend(digest, digest, 1, "KA-1") is None
    changed = header_digest(header_json(dataclasses.replace(sub, social_service_codes=("46",)).header()))
    conflict = check_resend(changed, digest, 1, "KA-1")
    assert isinstance(conflict, ArchiveConflict) and conflict.code == "VERSION_CONFLICT" and not conflict.retryable
    again = ArchiveError.from_json(conflict.to_json())  # as it travels over HTTP
    assert isinstance(again, ArchiveConflict) and again.reference == "KA-1" and again.violations == conflict.violations
