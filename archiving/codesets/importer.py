"""``arkistobotti codes import FILE``: an official code-server export into the code tables.

Everything is checked before anything is written; the import is one transaction.
A bad file changes nothing and the English error names the line (or JSON item)
and column. Three kinds of file are accepted: service tasks / social services
(1.2.246.537.6.1221 / .1222), document types (.1506 / .1505), and allowed
service-task / social-service pairs (columns like the packaged pairs file).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from archiving.codesets import systems
from archiving.codesets.exports import Export, Record, read_export
from archiving.codesets.loader import CodeRow, PairRow, TypeRow, upsert_codes, upsert_document_types, upsert_pairs
from archiving.errors import CodeImportError
from archiving.models import CodeValue
from archiving.session_scope import Db, unit_of_work

OID = re.compile(r"^[0-2](\.(0|[1-9]\d*))+$")
CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")
ACTIVE = {"", "active", "aktiivinen", "voimassa", "valid", "1", "true", "kyllä"}
INACTIVE = {"deleted", "inactive", "expired", "poistettu", "passiivinen", "vanhentunut", "0", "false", "ei"}
SKIPPED = {"proposal", "ehdotus", "draft", "luonnos"}
MAX_ERRORS = 20


@dataclass
class ImportReport:
    kind: str  # "codes" | "pairs"
    rows: int
    skipped: int
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "rows": self.rows, "skipped": self.skipped, "counts": self.counts}


class _Errors:
    """Collects every problem of a file; raised together so the operator fixes all at once."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.items: list[tuple[int | None, str | None, str]] = []

    def add(self, record: Record | None, field_name: str | None, message: str) -> None:
        column = record.columns.get(field_name, field_name) if record and field_name else field_name
        self.items.append((record.line if record else None, column, message))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        def where(line: int | None, column: str | None) -> str:
            parts = [f"{self.export.location} {line}"] if line is not None else []
            if column:
                parts.append(f"column {column!r}")
            return ", ".join(parts)
        first_line, first_column, _ = self.items[0]
        shown = [f"{where(line, col)}: {msg}" if where(line, col) else msg for line, col, msg in self.items[:MAX_ERRORS]]
        more = len(self.items) - MAX_ERRORS
        text = "; ".join(shown) + (f"; and {more} more problems" if more > 0 else "")
        error = CodeImportError(f"{len(self.items)} problem(s) in the file: {text}")
        if self.export.location == "line":
            error.line, error.column = first_line, first_column
        raise error


def _parse_date(text: str) -> dt.date | None:
    text = text.strip()[:10]
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _active(record: Record, errors: _Errors, today: dt.date) -> bool | None:
    """True/False for active/inactive, None for a row to skip (a proposal)."""
    status = record.values.get("status", "").strip().lower()
    if status in SKIPPED:
        return None
    if status not in ACTIVE | INACTIVE:
        errors.add(record, "status", f"unknown status {status!r} (expected ACTIVE or DELETED)")
        return False
    active = status in ACTIVE
    end = record.values.get("end_date", "").strip()
    if end:
        ends = _parse_date(end)
        if ends is None:
            errors.add(record, "end_date", f"bad date {end!r} (expected YYYY-MM-DD)")
        elif ends < today:
            active = False
    return active


def _code_rows(export: Export, system: str | None, errors: _Errors, today: dt.date) -> tuple[list[CodeRow], list[TypeRow], int]:
    codes: list[CodeRow] = []
    types: list[TypeRow] = []
    skipped = 0
    seen: dict[tuple[str, str], int] = {}
    if "code" not in export.fields:
        errors.add(None, None, "no code column (expected e.g. CodeId, conceptCodeId or Koodi)")
    if not export.fields & {"name_fi", "short_name"}:
        errors.add(None, None, "no name column (expected e.g. LongName or Nimi)")
    errors.raise_if_any()
    for record in export.records:
        values = record.values
        row_system = values.get("system") or export.system_hint or system
        if system and values.get("system") and values["system"] != system:
            errors.add(record, "system", f"code system {values['system']} differs from --system {system}")
        if not row_system:
            errors.add(record, "system", "code system unknown: add an OID column or pass --system OID")
            continue
        if not OID.match(row_system):
            errors.add(record, "system", f"{row_system!r} is not an OID")
            continue
        if row_system not in systems.IMPORTABLE:
            errors.add(record, "system", f"code system {row_system} is not one this bot uses ({', '.join(systems.IMPORTABLE)})")
            continue
        code = values.get("code", "")
        if not CODE.match(code):
            errors.add(record, "code", f"bad code {code!r} (1-32 letters, digits, '.', '_' or '-')")
            continue
        name = values.get("name_fi") or values.get("short_name") or ""
        if not name or len(name) > 300:
            errors.add(record, "name_fi", "name is missing" if not name else "name is longer than 300 characters")
            continue
        if (row_system, code) in seen:
            errors.add(record, "code", f"code {code} appears twice (first on {export.location} {seen[(row_system, code)]})")
            continue
        seen[(row_system, code)] = record.line
        active = _active(record, errors, today)
        if active is None:
            skipped += 1
            continue
        name_sv = (values.get("name_sv") or None) and values["name_sv"][:300]
        source = f"code-server import ({row_system})"
        if row_system in systems.DOCUMENT_TYPE_SYSTEMS:
            document_class = values.get("document_class") or None
            types.append(TypeRow(row_system, code, name, name_sv, document_class, source, active))
        else:
            codes.append(CodeRow(row_system, code, name, name_sv, source, active))
    return codes, types, skipped


def _pair_rows(session: Session, export: Export, errors: _Errors) -> list[PairRow]:
    known = {(c.system_oid, c.code) for c in session.exec(select(CodeValue)).all()}
    pairs: list[PairRow] = []
    seen: set[tuple[str, str]] = set()
    for record in export.records:
        task, service = record.values.get("task_code", ""), record.values.get("service_code", "")
        ok = True
        for name, system, code in (("task_code", systems.SERVICE_TASK, task), ("service_code", systems.SOCIAL_SERVICE, service)):
            if (system, code) not in known:
                errors.add(record, name, f"unknown {systems.NAMES_EN[system]} {code!r}: import that code list first")
                ok = False
        if ok and (task, service) not in seen:
            seen.add((task, service))
            pairs.append(PairRow(task, service, "code-server import (pairs)"))
    return pairs


def import_file(db: Db, path: Path, *, system: str | None = None, now: dt.datetime) -> ImportReport:
    """Validate and import ``path``; raises :class:`CodeImportError` (nothing changed) on any problem."""
    if system is not None and (not OID.match(system) or system not in systems.IMPORTABLE):
        raise CodeImportError(f"--system {system!r} is not one of {', '.join(systems.IMPORTABLE)}")
    export = read_export(path)
    errors = _Errors(export)
    if not export.records:
        raise CodeImportError("the file has no data rows")
    with unit_of_work(db) as session:
        if {"task_code", "service_code"} <= export.fields:
            pairs = _pair_rows(session, export, errors)
            errors.raise_if_any()
            report = ImportReport("pairs", len(export.records), len(export.records) - len(pairs))
            report.counts["pairs"] = dict(upsert_pairs(session, pairs))
            return report
        codes, types, skipped = _code_rows(export, system, errors, now.date())
        errors.raise_if_any()
        report = ImportReport("codes", len(export.records), skipped)
        if codes:
            report.counts["codes"] = dict(upsert_codes(session, codes))
        if types:
            report.counts["document_types"] = dict(upsert_document_types(session, types))
        return report
