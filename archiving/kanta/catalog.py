"""The code lists the archive checks against (the national code server's lists, as we hold them).

The stand-in reads them from the product database's code-set tables, which
operators fill from the official code-server exports (``arkistobotti codes
import``); tests may give the lists directly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.codesets import systems
from archiving.db import read_only
from archiving.models import CodeValue, DocumentType, ServiceTaskSocialService, ServiceUnit

SERVICE_TASK_SYSTEM = systems.SERVICE_TASK
SOCIAL_SERVICE_SYSTEM = systems.SOCIAL_SERVICE
RELATIONSHIP_TYPE = (systems.RELATIONSHIP_DOCUMENT_TYPE, systems.RELATIONSHIP_DOCUMENT_CODE)  # Asiakkuusasiakirja
CASE_TYPE = (systems.RELATIONSHIP_DOCUMENT_TYPE, systems.CASE_DOCUMENT_CODE)  # Asia-asiakirja


@dataclass(frozen=True)
class CodeCatalog:
    """Valid codes; ``document_types`` maps (system, code) to its social-service rule."""

    service_tasks: frozenset[str]
    social_services: frozenset[str]
    document_types: Mapping[tuple[str, str], str]
    allowed_services: Mapping[str, frozenset[str]] = field(default_factory=dict)
    service_units: frozenset[str] | None = None  # None: any well-formed OID

    @classmethod
    def of(
        cls,
        *,
        service_tasks: Iterable[str],
        social_services: Iterable[str],
        document_types: Mapping[tuple[str, str], str],
        allowed_pairs: Iterable[tuple[str, str]] = (),
        service_units: Iterable[str] | None = None,
    ) -> CodeCatalog:
        allowed: dict[str, set[str]] = {}
        for task, service in allowed_pairs:
            allowed.setdefault(task, set()).add(service)
        return cls(
            service_tasks=frozenset(service_tasks),
            social_services=frozenset(social_services),
            document_types=dict(document_types),
            allowed_services={k: frozenset(v) for k, v in allowed.items()},
            service_units=frozenset(service_units) if service_units is not None else None,
        )

    def service_allowed(self, task: str, service: str) -> bool:
        """A task with listed pairs allows only those; a task without pairs allows any known service."""
        listed = self.allowed_services.get(task)
        return not listed or service in listed


def catalog_from_database(engine: Engine) -> CodeCatalog:
    """The active code lists and service units held in the product database."""
    with read_only(engine) as session:
        codes = session.exec(select(CodeValue.system_oid, CodeValue.code).where(CodeValue.active == True)).all()  # noqa: E712
        types = session.exec(
            select(DocumentType.system_oid, DocumentType.code, DocumentType.social_service).where(
                DocumentType.active == True  # noqa: E712
            )
        ).all()
        pairs = session.exec(
            select(ServiceTaskSocialService.service_task_code, ServiceTaskSocialService.social_service_code)
        ).all()
        units = session.exec(select(ServiceUnit.oid)).all()
    return CodeCatalog.of(
        service_tasks=[c for s, c in codes if s == SERVICE_TASK_SYSTEM],
        social_services=[c for s, c in codes if s == SOCIAL_SERVICE_SYSTEM],
        document_types={(s, c): rule for s, c, rule in types},
        allowed_pairs=pairs,
        service_units=units,
    )


class CachedCatalog:
    """A catalog source that re-reads its lists at most every ``max_age_s`` seconds."""

    def __init__(
        self, load: Callable[[], CodeCatalog], max_age_s: float = 60.0, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._load = load
        self._monotonic = monotonic
        self._max_age_s = max_age_s
        self._lock = threading.Lock()
        self._value: CodeCatalog | None = None
        self._loaded_at = 0.0

    def __call__(self) -> CodeCatalog:
        with self._lock:
            now = self._monotonic()
            if self._value is None or now - self._loaded_at > self._max_age_s:
                self._value = self._load()
                self._loaded_at = now
            return self._value


CatalogSource = Callable[[], CodeCatalog]


def fixed_catalog(catalog: CodeCatalog) -> CatalogSource:
    """A source that always returns ``catalog``."""
    return lambda: catalog
