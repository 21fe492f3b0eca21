"""Which document types need a social service: the district's rule file, applied per type."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from archiving.codesets import files
from archiving.enums import SocialServiceRule


@dataclass(frozen=True)
class Rule:
    """One row of ``document_type_rules.csv``; ``*`` matches anything."""

    system_oid: str
    document_class: str
    code: str
    social_service: SocialServiceRule

    def matches(self, system_oid: str, code: str, document_class: str | None) -> bool:
        return (
            self.system_oid in ("*", system_oid)
            and self.code in ("*", code)
            and self.document_class in ("*", document_class or "")
        )

    @property
    def specificity(self) -> int:
        return (self.code != "*") * 4 + (self.document_class != "*") * 2 + (self.system_oid != "*")


@lru_cache(maxsize=1)
def packaged_rules() -> tuple[Rule, ...]:
    """The rules of the packaged file, most specific first."""
    rules = [
        Rule(row["code_system_oid"], row["document_class_fi"], row["code"], SocialServiceRule(row["social_service"]))
        for row in files.read_rows(files.DOCUMENT_TYPE_RULES)
    ]
    return tuple(sorted(rules, key=lambda r: -r.specificity))


def social_service_rule(system_oid: str, code: str, document_class: str | None) -> SocialServiceRule:
    """The rule for one document type; optional when no row matches."""
    for rule in packaged_rules():
        if rule.matches(system_oid, code, document_class):
            return rule.social_service
    return SocialServiceRule.OPTIONAL
