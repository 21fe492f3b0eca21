"""``CodeSets``: one in-memory snapshot of the code tables for validation and forms.

Loaded with a handful of queries and then answered from dictionaries, so that a
pending list of hundreds of documents validates without further database trips.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, select

from archiving.codesets import systems
from archiving.enums import SocialServiceRule
from archiving.models import CodeValue, DocumentType, ServiceTaskSocialService, ServiceUnit


@dataclass(frozen=True)
class Code:
    """A code with its Finnish (and Swedish) name, as the forms show it."""

    system_oid: str
    code: str
    name_fi: str
    name_sv: str | None = None
    active: bool = True

    @property
    def label_fi(self) -> str:
        return f"{self.name_fi} ({self.code})"

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name_fi": self.name_fi, "label_fi": self.label_fi, "active": self.active}


@dataclass(frozen=True)
class DocType:
    """A document type and whether it needs a social service."""

    system_oid: str
    code: str
    name_fi: str
    document_class: str | None
    rule: SocialServiceRule
    active: bool = True

    def to_dict(self) -> dict[str, object]:
        return {
            "system": self.system_oid,
            "code": self.code,
            "name_fi": self.name_fi,
            "document_class": self.document_class,
            "social_service": str(self.rule),
        }


@dataclass(frozen=True)
class Unit:
    """A service unit of the organisation register."""

    id: int
    oid: str
    name: str
    active: bool

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "oid": self.oid, "name": self.name, "active": self.active}


@dataclass
class CodeSets:
    """Lookups over service tasks, social services, their pairs, document types and units."""

    service_tasks: dict[str, Code] = field(default_factory=dict)
    social_services: dict[str, Code] = field(default_factory=dict)
    pairs: dict[str, frozenset[str]] = field(default_factory=dict)
    document_types: dict[tuple[str, str], DocType] = field(default_factory=dict)
    units_by_oid: dict[str, Unit] = field(default_factory=dict)
    units_by_id: dict[int, Unit] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> CodeSets:
        """Read every code table once."""
        sets = cls()
        for value in session.exec(select(CodeValue)).all():
            code = Code(value.system_oid, value.code, value.name_fi, value.name_sv, value.active)
            if value.system_oid == systems.SERVICE_TASK:
                sets.service_tasks[value.code] = code
            elif value.system_oid == systems.SOCIAL_SERVICE:
                sets.social_services[value.code] = code
        pairs: dict[str, set[str]] = defaultdict(set)
        for pair in session.exec(select(ServiceTaskSocialService)).all():
            pairs[pair.service_task_code].add(pair.social_service_code)
        sets.pairs = {task: frozenset(services) for task, services in pairs.items()}
        for dtype in session.exec(select(DocumentType)).all():
            sets.document_types[(dtype.system_oid, dtype.code)] = DocType(
                dtype.system_oid,
                dtype.code,
                dtype.name_fi,
                dtype.document_class,
                SocialServiceRule(dtype.social_service),
                dtype.active,
            )
        for unit in session.exec(select(ServiceUnit)).all():
            assert unit.id is not None
            entry = Unit(unit.id, unit.oid, unit.name, unit.active)
            sets.units_by_oid[unit.oid] = entry
            sets.units_by_id[unit.id] = entry
        return sets

    # --- lookups ----------------------------------------------------------------------

    def active_service_tasks(self) -> list[Code]:
        return sorted((c for c in self.service_tasks.values() if c.active), key=_code_order)

    def social_services_for(self, service_task: str | None) -> list[Code]:
        """Active social services that may go with ``service_task``.

        A task with known pairs allows exactly those; a task without any known pair
        (e.g. one imported from the official list) allows every active social service.
        """
        allowed = self.pairs.get(service_task or "")
        services = (c for c in self.social_services.values() if c.active)
        if allowed is not None:
            services = (c for c in services if c.code in allowed)
        return sorted(services, key=_code_order)

    def pair_allowed(self, service_task: str, social_service: str) -> bool:
        allowed = self.pairs.get(service_task)
        return allowed is None or social_service in allowed

    def document_type(self, system_oid: str, code: str) -> DocType | None:
        return self.document_types.get((system_oid, code))

    def active_units(self) -> list[Unit]:
        return sorted((u for u in self.units_by_oid.values() if u.active), key=lambda u: u.name)


def _code_order(code: Code) -> tuple[int, str]:
    return (int(code.code), code.code) if code.code.isdigit() else (10**9, code.code)
