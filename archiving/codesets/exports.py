"""Reading a THL Koodistopalvelu export (CSV or JSON) into raw records with their line numbers.

CSV: comma, semicolon or tab separated, UTF-8 (with or without BOM) or Windows-1252,
``#`` comment lines before the header allowed. Column names are matched loosely
(``CodeId``/``Koodi``, ``LongName``/``Nimi``, ``OID``/``classificationId`` ...).
JSON: the code server's ``conceptCodes`` answer (attributes ``LongName``, ``ShortName``),
or a plain list of objects with the same column names as a CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from archiving.errors import CodeImportError

ALIASES = {
    "code": ("conceptcodeid", "codeid", "code", "koodi", "koodiarvo", "codevalue", "arvo"),
    "name_fi": ("longname", "longnamefi", "namefi", "nimi", "nimifi", "pitkänimi", "pitkanimi", "displayname", "name"),
    "short_name": ("shortname", "lyhytnimi", "abbreviation", "lyhenne"),
    "name_sv": ("longnamesv", "namesv", "nimisv", "namn", "ruotsiksi"),
    "system": (
        "oid", "classificationid", "classificationoid", "codesystemoid", "codesystem", "codesystemid",
        "luokitusoid", "luokituksenoid", "koodistooid", "koodistonoid",
    ),
    "status": ("status", "tila"),
    "end_date": ("expiringdate", "expirationdate", "enddate", "validto", "voimassaololoppuu", "loppupvm", "päättymispäivä"),
    "document_class": ("documentclassfi", "documentclass", "asiakirjaluokka"),
    "task_code": ("palvelutehtavacode", "palvelutehtävänkoodi", "servicetaskcode", "palvelutehtava"),
    "service_code": ("sosiaalipalvelucode", "sosiaalipalvelunkoodi", "socialservicecode", "sosiaalipalvelu"),
}  # fmt: skip


def normalise(header: str) -> str:
    return re.sub(r"[^0-9a-zäöå]", "", header.strip().lower())


@dataclass
class Record:
    """One data row: ``line`` in the file (or item number in JSON) and values by canonical field."""

    line: int
    values: dict[str, str]
    columns: dict[str, str] = field(default_factory=dict)  # canonical field → the file's own column name


@dataclass
class Export:
    records: list[Record]
    fields: set[str]
    header_line: int
    system_hint: str | None = None  # a classification OID named by the file itself (JSON)
    location: str = "line"  # "line" for CSV, "item" for JSON


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="strict")


def _map_columns(headers: list[str], header_line: int) -> dict[int, tuple[str, str]]:
    """Column index → (canonical field, original name); the first matching column wins."""
    mapping: dict[int, tuple[str, str]] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        norm = normalise(header)
        for canonical, names in ALIASES.items():
            if norm in names and canonical not in taken:
                mapping[index] = (canonical, header.strip())
                taken.add(canonical)
                break
    if not taken:
        raise CodeImportError("no known column in the header (expected e.g. CodeId, LongName, OID)", line=header_line)
    return mapping


def read_csv(text: str) -> Export:
    lines = text.splitlines()
    skip = 0
    while skip < len(lines) and (not lines[skip].strip() or lines[skip].lstrip().startswith("#")):
        skip += 1
    if skip >= len(lines):
        raise CodeImportError("the file has no header row")
    header = lines[skip]
    delimiter = max((";", ",", "\t"), key=header.count)
    reader = csv.reader(io.StringIO("\n".join(lines[skip:])), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise CodeImportError(f"unreadable CSV ({exc})", line=skip + reader.line_num) from None
    headers = rows[0]
    mapping = _map_columns(headers, skip + 1)
    records = []
    for offset, row in enumerate(rows[1:], start=2):
        line = skip + offset
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(headers):
            raise CodeImportError(f"expected {len(headers)} fields, found {len(row)}", line=line)
        values = {canonical: row[i].strip() for i, (canonical, _) in mapping.items()}
        records.append(Record(line, values, {c: name for c, name in mapping.values()}))
    return Export(records, {c for c, _ in mapping.values()}, skip + 1)


def _json_item(item: object, number: int) -> Record:
    if not isinstance(item, dict):
        raise CodeImportError(f"item {number}: expected an object")
    flat: dict[str, str] = {}
    for key, value in item.items():
        if key == "attributes" and isinstance(value, list):
            for attribute in value:
                if isinstance(attribute, dict) and attribute.get("attributeValue"):
                    first = attribute["attributeValue"]
                    flat[str(attribute.get("attributeName", ""))] = str(first[0] if isinstance(first, list) else first)
        elif isinstance(value, (str, int, float)):
            flat[key] = str(value)
    values: dict[str, str] = {}
    columns: dict[str, str] = {}
    for key, value in flat.items():
        for canonical, names in ALIASES.items():
            if normalise(key) in names and canonical not in values:
                values[canonical] = value.strip()
                columns[canonical] = key
    return Record(number, values, columns)


def read_json(text: str) -> Export:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodeImportError(f"invalid JSON ({exc.msg})", line=exc.lineno) from None
    hint = None
    if isinstance(data, dict):
        hint = next((str(data[k]) for k in ("classificationId", "classificationOid", "oid") if k in data), None)
        data = data.get("conceptCodes", data.get("codes"))
    if not isinstance(data, list):
        raise CodeImportError("expected a list of codes or an object with 'conceptCodes'")
    records = [_json_item(item, n) for n, item in enumerate(data, start=1)]
    fields = set().union(*(r.values.keys() for r in records)) if records else set()
    return Export(records, fields, 0, system_hint=hint, location="item")


def read_export(path: Path) -> Export:
    """Parse ``path`` as JSON (by extension or a leading ``{``/``[``) or CSV."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodeImportError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = _decode(raw)
    except UnicodeDecodeError:
        raise CodeImportError("the file is neither UTF-8 nor Windows-1252 text") from None
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        return read_json(text)
    return read_csv(text)
