"""Every validation rule, each problem tied to its field and instruction, all problems at once."""

from __future__ import annotations

import pytest

from archiving.codesets import systems
from archiving.codesets.readmodel import Code, CodeSets, DocType, Unit
from archiving.enums import SocialServiceRule
from archiving.validation import Metadata, blocking, validate

DECISION = ("1.2.246.537.6.1506", "11053")  # Vammaispalvelupäätös: social service required
NOTE = ("1.2.246.537.6.1506", "19005")  # a client-narrative note: optional
RELATIONSHIP = ("1.2.246.537.6.1505", "1")
CASE = ("1.2.246.537.6.1505", "2")


@pytest.fixture(scope="module")
def codes() -> CodeSets:
    sets = CodeSets()
    for code, name, active in (("10", "Lastensuojelu", True), ("20", "Vammaispalvelut", True), ("99", "Vanha", False)):
        sets.service_tasks[code] = Code(systems.SERVICE_TASK, code, name, active=active)
    for code, name, active in (("2", "Ammatillinen perhehoito", True), ("37", "Päivätoiminta", True), ("46", "Sosiaalityö", True), ("98", "Lakkautettu", False)):
        sets.social_services[code] = Code(systems.SOCIAL_SERVICE, code, name, active=active)
    sets.pairs = {"10": frozenset({"2", "46"}), "20": frozenset({"37", "46"})}
    for (system, code), rule, name in (
        (DECISION, SocialServiceRule.REQUIRED, "Vammaispalvelupäätös"),
        (NOTE, SocialServiceRule.OPTIONAL, "Merkintä"),
        (RELATIONSHIP, SocialServiceRule.NONE, "Asiakkuusasiakirja"),
        (CASE, SocialServiceRule.NONE, "Asia-asiakirja"),
    ):
        sets.document_types[(system, code)] = DocType(system, code, name, None, rule)
    for unit in (Unit(1, "2.999.1", "Yksikkö", True), Unit(2, "2.999.2", "Suljettu", False)):
        sets.units_by_oid[unit.oid] = unit
        sets.units_by_id[unit.id] = unit
    return sets


def meta(doc_type=DECISION, task="20", services=("37",), unit="2.999.1", kind="client", level=None) -> Metadata:  # type: ignore[no-untyped-def]
    return Metadata(kind, doc_type[0], doc_type[1], task, tuple(services), unit, level)


def codes_of(problems) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.code for p in problems]


def test_valid_metadata_has_no_problems(codes: CodeSets) -> None:
    assert validate(codes, meta()) == []
    assert validate(codes, meta(NOTE, services=())) == []


@pytest.mark.parametrize(
    ("metadata", "expected", "field", "slug"),
    [
        (meta(task=None), "missing_service_task", "service_task", "palvelutehtavan-valinta"),
        (meta(task="77"), "unknown_service_task", "service_task", "palvelutehtavan-valinta"),
        (meta(task="99"), "inactive_service_task", "service_task", "palvelutehtavan-valinta"),
        (meta(services=("5",)), "unknown_social_service", "social_services", "sosiaalipalvelun-valinta"),
        (meta(services=("98",)), "inactive_social_service", "social_services", "sosiaalipalvelun-valinta"),
        (meta(services=("2",)), "social_service_not_for_task", "social_services", "sosiaalipalvelun-valinta"),
        (meta(services=()), "missing_social_service", "social_services", "sosiaalipalvelun-valinta"),
        (meta(CASE, services=("37",), kind="case"), "social_service_not_allowed", "social_services", "sosiaalipalvelun-valinta"),
        (meta(unit=None), "missing_service_unit", "service_unit", "palveluyksikon-valinta"),
        (meta(unit="2.999.77"), "unknown_service_unit", "service_unit", "palveluyksikon-valinta"),
        (meta(unit="2.999.2"), "inactive_service_unit", "service_unit", "palveluyksikon-valinta"),
        (meta(("1.2.246.537.6.1506", "424242")), "unknown_document_type", "document_type", "arkistoitavat-asiakirjat"),
    ],
)
def test_each_rule(codes: CodeSets, metadata: Metadata, expected: str, field: str, slug: str) -> None:
    problems = validate(codes, metadata)
    assert codes_of(problems) == [expected]
    (problem,) = problems
    assert problem.blocking and problem.field == field and problem.slug == slug
    assert problem.message_fi and problem.message_en and problem.message_fi != problem.message_en


def test_every_problem_is_listed_at_once(codes: CodeSets) -> None:
    problems = validate(codes, meta(task="77", services=("5", "98"), unit="2.999.77"), relationship_archived=False)
    assert codes_of(problems) == [
        "unknown_service_task", "unknown_social_service", "inactive_social_service", "unknown_service_unit", "relationship_not_archived",
    ]  # fmt: skip
    assert len(blocking(problems)) == 4


def test_pairing_is_judged_per_service(codes: CodeSets) -> None:
    problems = validate(codes, meta(services=("37", "2", "46")))
    assert codes_of(problems) == ["social_service_not_for_task"]
    assert "Ammatillinen perhehoito" in problems[0].message_fi and "Vammaispalvelut" in problems[0].message_fi


def test_task_without_known_pairs_allows_any_active_service(codes: CodeSets) -> None:
    codes.service_tasks["30"] = Code(systems.SERVICE_TASK, "30", "Tuotu tehtävä")
    try:
        assert validate(codes, meta(task="30", services=("2",))) == []
    finally:
        del codes.service_tasks["30"]


def test_relationship_records_have_their_own_rules(codes: CodeSets) -> None:
    # the social-welfare level has no service task; the other levels need one; none carries a social service
    assert validate(codes, meta(RELATIONSHIP, task=None, services=(), kind="relationship", level="social_welfare")) == []
    assert codes_of(validate(codes, meta(RELATIONSHIP, task=None, services=(), kind="relationship", level="service_task"))) == ["missing_service_task"]
    assert codes_of(validate(codes, meta(RELATIONSHIP, services=("46",), kind="relationship", level="service_unit"))) == ["social_service_not_allowed"]
    assert codes_of(validate(codes, meta(CASE, task=None, services=(), kind="case"))) == ["missing_service_task"]


def test_relationship_not_archived_is_informational(codes: CodeSets) -> None:
    problems = validate(codes, meta(), relationship_archived=False)
    assert codes_of(problems) == ["relationship_not_archived"]
    assert not problems[0].blocking and problems[0].slug == "asiakkuustiedot"
    assert "sinun ei tarvitse tehdä mitään" in problems[0].message_fi
    # a relationship record is itself the data that goes first
    assert validate(codes, meta(RELATIONSHIP, task=None, services=(), kind="relationship", level="social_welfare"), relationship_archived=False) == []
