"""Loading code sets into the database: the packaged files, and upserts shared with the importer.

Upserts compare with what is stored, so loading twice changes nothing and reports
what was inserted, updated and left unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, SQLModel, select

from archiving.codesets import files, systems
from archiving.codesets.rules import social_service_rule
from archiving.models import CodeValue, DocumentType, ServiceTaskSocialService


@dataclass(frozen=True)
class CodeRow:
    system_oid: str
    code: str
    name_fi: str
    name_sv: str | None
    source: str
    active: bool = True


@dataclass(frozen=True)
class TypeRow:
    system_oid: str
    code: str
    name_fi: str
    name_sv: str | None
    document_class: str | None
    source: str
    active: bool = True


@dataclass(frozen=True)
class PairRow:
    service_task_code: str
    social_service_code: str
    source: str


def _upsert(
    session: Session,
    model: type[SQLModel],
    key_fields: tuple[str, ...],
    rows: Iterable[tuple[tuple[str, ...], dict[str, Any]]],
) -> Counter[str]:
    """Insert rows whose key is new, update those whose values differ; count each outcome."""
    counts: Counter[str] = Counter(inserted=0, updated=0, unchanged=0)
    existing = {tuple(getattr(item, f) for f in key_fields): item for item in session.exec(select(model))}
    for key, values in rows:
        current = existing.get(key)
        if current is None:
            existing[key] = model(**dict(zip(key_fields, key, strict=True)), **values)
            session.add(existing[key])
            counts["inserted"] += 1
        elif any(getattr(current, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    session.flush()
    return counts


def upsert_codes(session: Session, rows: Iterable[CodeRow]) -> Counter[str]:
    """Insert new codes, update changed ones; returns counts of inserted/updated/unchanged."""
    return _upsert(
        session,
        CodeValue,
        ("system_oid", "code"),
        (
            ((r.system_oid, r.code), {"name_fi": r.name_fi, "name_sv": r.name_sv, "source": r.source, "active": r.active})
            for r in rows
        ),
    )


def upsert_document_types(session: Session, rows: Iterable[TypeRow]) -> Counter[str]:
    """Like :func:`upsert_codes`; each type's social-service rule comes from the rule file."""
    stored_class = {(t.system_oid, t.code): t.document_class for t in session.exec(select(DocumentType))}

    def values(row: TypeRow) -> dict[str, Any]:
        document_class = row.document_class or stored_class.get((row.system_oid, row.code))
        return {
            "name_fi": row.name_fi,
            "name_sv": row.name_sv,
            "document_class": document_class,
            "social_service": str(social_service_rule(row.system_oid, row.code, document_class)),
            "source": row.source,
            "active": row.active,
        }

    return _upsert(session, DocumentType, ("system_oid", "code"), (((r.system_oid, r.code), values(r)) for r in rows))


def upsert_pairs(session: Session, rows: Iterable[PairRow]) -> Counter[str]:
    """Add allowed service-task / social-service pairs (never removes any)."""
    return _upsert(
        session,
        ServiceTaskSocialService,
        ("service_task_code", "social_service_code"),
        (((r.service_task_code, r.social_service_code), {"source": r.source}) for r in rows),
    )


def packaged_code_rows() -> list[CodeRow]:
    """Service tasks and social services of the packaged partial lists (inferred codes left out)."""
    rows = []
    for name, system in ((files.SERVICE_TASKS, systems.SERVICE_TASK), (files.SOCIAL_SERVICES, systems.SOCIAL_SERVICE)):
        for row in files.read_rows(name):
            if "INFERRED" in row["name_fi"]:
                continue  # never load a code the source itself only guessed
            rows.append(CodeRow(system, row["code"], row["name_fi"], row["name_sv"] or None, files.source_note(name)))
    return rows


def packaged_type_rows() -> list[TypeRow]:
    return [
        TypeRow(
            row["code_system_oid"],
            row["code"],
            row["name_fi"],
            row["name_sv"] or None,
            row["document_class_fi"] or None,
            files.source_note(files.DOCUMENT_TYPES),
        )
        for row in files.read_rows(files.DOCUMENT_TYPES)
    ]


def packaged_pair_rows() -> list[PairRow]:
    confirmed = [
        PairRow(r["palvelutehtava_code"], r["sosiaalipalvelu_code"], "confirmed: THL Sosmeta 19008 implementationNote")
        for r in files.read_rows(files.CONFIRMED_PAIRS)
    ]
    local = [
        PairRow(r["palvelutehtava_code"], r["sosiaalipalvelu_code"], ("local " + r["basis"])[:300])
        for r in files.read_rows(files.LOCAL_PAIRS)
    ]
    return confirmed + local


def load_packaged(session: Session) -> dict[str, dict[str, int]]:
    """Load every packaged code set in the caller's transaction; safe to repeat."""
    return {
        "codes": dict(upsert_codes(session, packaged_code_rows())),
        "document_types": dict(upsert_document_types(session, packaged_type_rows())),
        "pairs": dict(upsert_pairs(session, packaged_pair_rows())),
    }
