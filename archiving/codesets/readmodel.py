"""``CodeSets``: one in-memory snapshot of the code tables for validation and forms.

Read with a handful of queries and then answered from read-only mappings, so that
a pending list of hundreds of documents validates without further database trips.
:meth:`CodeSets.load` hands out a process-wide snapshot that is read again only
when the code tables have changed (see ``archiving.codesets.cache``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

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
    """Lookups over service tasks, social services, their pairs, document types and units.

    A snapshot from :meth:`load` or :meth:`read` is shared between threads and turns:
    its mappings are read-only.
    """

    service_tasks: Mapping[str, Code] = field(default_factory=dict)
    social_services: Mapping[str, Code] = field(default_factory=dict)
    pairs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    document_types: Mapping[tuple[str, str], DocType] = field(default_factory=dict)
    units_by_oid: Mapping[str, Unit] = field(default_factory=dict)
    units_by_id: Mapping[int, Unit] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, *, stamp: str | None = None) -> CodeSets:
        """The code sets as ``session`` sees them: the process-wide snapshot unless the tables changed.

        ``stamp``: the code-set token just read in this transaction, if the caller has it.
        """
        from archiving.codesets.cache import current  # the cache builds on this module

        return current(session, stamp)

    @classmethod
    def read(cls, session: Session) -> CodeSets:
        """Read every code table once (uncached), with plain column queries rather than ORM objects."""
        service_tasks: dict[str, Code] = {}
        social_services: dict[str, Code] = {}
        columns = (CodeValue.system_oid, CodeValue.code, CodeValue.name_fi, CodeValue.name_sv, CodeValue.active)
        for system_oid, code, name_fi, name_sv, active in session.exec(select(*columns)).all():
            if system_oid == systems.SERVICE_TASK:
                service_tasks[code] = Code(system_oid, code, name_fi, name_sv, active)
            elif system_oid == systems.SOCIAL_SERVICE:
                social_services[code] = Code(system_oid, code, name_fi, name_sv, active)
        pairs: dict[str, set[str]] = defaultdict(set)
        pair_columns = (ServiceTaskSocialService.service_task_code, ServiceTaskSocialService.social_service_code)
        for task, service in session.exec(select(*pair_columns)).all():
            pairs[task].add(service)
        type_columns = (
            DocumentType.system_oid, DocumentType.code, DocumentType.name_fi,
            DocumentType.document_class, DocumentType.social_service, DocumentType.active,
        )  # fmt: skip
        document_types = {
            (system_oid, code): DocType(system_oid, code, name_fi, document_class, SocialServiceRule(rule), active)
            for system_oid, code, name_fi, document_class, rule, active in session.exec(select(*type_columns)).all()
        }
        units = [
            Unit(unit_id, oid, name, active)
            for unit_id, oid, name, active in session.exec(
                select(ServiceUnit.id, ServiceUnit.oid, ServiceUnit.name, ServiceUnit.active)
            ).all()
        ]
        return cls(
            service_tasks=MappingProxyType(service_tasks),
            social_services=MappingProxyType(social_services),
            pairs=MappingProxyType({task: frozenset(services) for task, services in pairs.items()}),
            document_types=MappingProxyType(document_types),
            units_by_oid=MappingProxyType({u.oid: u for u in units}),
            units_by_id=MappingProxyType({u.id: u for u in units}),
        )

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
