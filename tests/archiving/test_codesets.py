"""Packaged code sets load idempotently; official exports import all-or-nothing with clear errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import select

from archiving.codesets import systems
from archiving.codesets.importer import import_file
from archiving.codesets.loader import load_packaged
from archiving.codesets.readmodel import CodeSets
from archiving.codesets.rules import social_service_rule
from archiving.db import transaction
from archiving.enums import SocialServiceRule
from archiving.errors import CodeImportError
from archiving.models import CodeValue, DocumentType, ServiceTaskSocialService

NOW = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def test_packaged_sets_load_once_and_then_change_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine) as session:
        first = load_packaged(session)
    with transaction(engine) as session:
        second = load_packaged(session)
    assert first["codes"]["inserted"] == 13 and first["document_types"]["inserted"] == 202
    assert first["pairs"]["inserted"] == 13
    assert all(c["inserted"] == 0 and c["updated"] == 0 for c in second.values())


def test_only_confirmed_codes_and_flagged_assumptions(loaded) -> None:  # type: ignore[no-untyped-def]
    with transaction(loaded) as session:
        codes = CodeSets.load(session)
        pairs = session.exec(select(ServiceTaskSocialService)).all()
    assert sorted(codes.service_tasks) == ["10", "15", "20"]
    assert "99" not in codes.social_services  # the source itself only inferred it
    assert {p.source.split(":")[0].split(" ")[0] for p in pairs} == {"confirmed", "local"}
    local = [p for p in pairs if p.source.startswith("local")]
    assert all("ASSUMPTION" in p.source for p in local)
    assert [c.code for c in codes.social_services_for("10")] == ["2", "24", "31", "46"]
    assert [c.code for c in codes.social_services_for("15")] == ["46"]


def test_document_type_rule_follows_the_local_policy(loaded) -> None:  # type: ignore[no-untyped-def]
    with transaction(loaded) as session:
        codes = CodeSets.load(session)
    assert codes.document_type(systems.DOCUMENT_TYPE, "11053").rule == SocialServiceRule.REQUIRED  # Päätös
    assert codes.document_type(systems.DOCUMENT_TYPE, "15023").rule == SocialServiceRule.REQUIRED  # Suunnitelma
    assert codes.document_type(systems.DOCUMENT_TYPE, "1013").rule == SocialServiceRule.REQUIRED  # Arvio
    assert codes.document_type(systems.DOCUMENT_TYPE, "19005").rule == SocialServiceRule.OPTIONAL
    assert codes.document_type(systems.RELATIONSHIP_DOCUMENT_TYPE, "1").rule == SocialServiceRule.NONE
    assert social_service_rule(systems.DOCUMENT_TYPE, "1", None) == SocialServiceRule.OPTIONAL


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_import_code_server_csv(loaded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "palvelutehtava.csv", (
        "\ufeffCodeId;LongName;ShortName;OID;Status;BeginDate;ExpiringDate\n"
        "10;Lastensuojelu;Lastensuojelu;1.2.246.537.6.1221;ACTIVE;2015-01-01;\n"
        "30;Uusi tehtävä;Uusi;1.2.246.537.6.1221;ACTIVE;2015-01-01;\n"
        "31;Vanha tehtävä;Vanha;1.2.246.537.6.1221;ACTIVE;2015-01-01;31.12.2020\n"
        "32;Ehdotettu;Ehd;1.2.246.537.6.1221;PROPOSAL;2026-01-01;\n"
    ))  # fmt: skip
    report = import_file(loaded, path, now=NOW)
    assert report.to_dict() == {
        "kind": "codes", "rows": 4, "skipped": 1,
        "counts": {"codes": {"inserted": 2, "updated": 1, "unchanged": 0}},
    }  # fmt: skip
    with transaction(loaded) as session:
        codes = CodeSets.load(session)
    assert codes.service_tasks["30"].active and not codes.service_tasks["31"].active and "32" not in codes.service_tasks
    # a task without known pairs allows any active social service
    assert len(codes.social_services_for("30")) == len(codes.social_services)
    assert import_file(loaded, path, now=NOW).counts["codes"] == {"inserted": 0, "updated": 0, "unchanged": 3}


def test_import_code_server_json_and_document_types(loaded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = {
        "classificationId": "1.2.246.537.6.1222", "page": 1, "totalPages": 1,
        "conceptCodes": [
            {"conceptCodeId": "47", "status": "ACTIVE", "attributes": [{"attributeName": "LongName", "attributeValue": ["Testipalvelu"]}]},
            {"conceptCodeId": "48", "status": "DELETED", "attributes": [{"attributeName": "ShortName", "attributeValue": ["Poistettu"]}]},
        ],
    }  # fmt: skip
    report = import_file(loaded, write(tmp_path, "palvelut.json", json.dumps(data)), now=NOW)
    assert report.counts == {"codes": {"inserted": 2, "updated": 0, "unchanged": 0}}
    types = write(tmp_path, "tyypit.csv", "Koodi,Nimi,document_class_fi\n99001,Testipäätös,Päätös\n99002,Testimerkintä,\n")
    assert import_file(loaded, types, system=systems.DOCUMENT_TYPE, now=NOW).counts["document_types"]["inserted"] == 2
    with transaction(loaded) as session:
        codes = CodeSets.load(session)
        assert codes.social_services["47"].name_fi == "Testipalvelu" and not codes.social_services["48"].active
        assert codes.document_type(systems.DOCUMENT_TYPE, "99001").rule == SocialServiceRule.REQUIRED
        assert codes.document_type(systems.DOCUMENT_TYPE, "99002").rule == SocialServiceRule.OPTIONAL


def test_import_pairs(loaded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "parit.csv", "palvelutehtava_code,sosiaalipalvelu_code\n15,24\n15,24\n")
    assert import_file(loaded, path, now=NOW).counts == {"pairs": {"inserted": 1, "updated": 0, "unchanged": 0}}
    with transaction(loaded) as session:
        assert [c.code for c in CodeSets.load(session).social_services_for("15")] == ["24", "46"]


BAD_FILES = [
    ("CodeId,LongName,OID\n10,Lastensuojelu,1.2.246.537.6.1221\n,Ei koodia,1.2.246.537.6.1221\n", "line 3, column 'CodeId'"),
    ("CodeId,LongName,OID\n10,Lastensuojelu,1.2.3.4\n", "line 2, column 'OID'"),
    ("CodeId,LongName,OID\n10,Lastensuojelu,1.2.246.537.6.1221\n10,Tupla,1.2.246.537.6.1221\n", "appears twice (first on line 2)"),
    ("CodeId,LongName\n10,Lastensuojelu\n", "add an OID column or pass --system"),
    ("CodeId,LongName,OID,Status\n10,X,1.2.246.537.6.1221,MAYBE\n", "line 2, column 'Status': unknown status"),
    ("CodeId,LongName,OID\n10,X,1.2.246.537.6.1221,extra\n", "line 2: expected 3 fields, found 4"),
    ("foo,bar\n1,2\n", "no known column"),
    ("CodeId,LongName,OID\n10,,1.2.246.537.6.1221\n", "column 'LongName': name is missing"),
    ("palvelutehtava_code,sosiaalipalvelu_code\n10,2\n77,2\n", "line 3, column 'palvelutehtava_code': unknown service task"),
    ('{"conceptCodes": [{"conceptCodeId": "1"', "invalid JSON"),
    ("# only a comment\n", "no header row"),
]


def test_bad_file_changes_nothing_and_names_the_place(loaded, db_snapshot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = db_snapshot()
    wrong = []
    for number, (text, expected) in enumerate(BAD_FILES):
        path = write(tmp_path, f"bad{number}.json" if text.startswith("{") else f"bad{number}.csv", text)
        try:
            import_file(loaded, path, now=NOW)
        except CodeImportError as error:
            if expected not in error.message_en:
                wrong.append(f"file {number}: {error.message_en!r} does not say {expected!r}")
        else:
            wrong.append(f"file {number}: imported")
        if db_snapshot() != before:
            wrong.append(f"file {number}: changed the database")
    assert wrong == []


def test_one_bad_row_among_good_ones_imports_nothing(loaded, db_snapshot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = db_snapshot()
    rows = "".join(f"{n},Tehtävä {n},1.2.246.537.6.1221\n" for n in range(100, 150))
    path = write(tmp_path, "mixed.csv", "CodeId,LongName,OID\n" + rows + "bad code!,X,1.2.246.537.6.1221\n")
    with pytest.raises(CodeImportError, match="line 52"):
        import_file(loaded, path, now=NOW)
    assert db_snapshot() == before


def test_windows_1252_export_and_system_option(loaded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "ansi.csv", "Koodi;Nimi\n40;Työikäisten sosiaalityö\n", encoding="cp1252")
    import_file(loaded, path, system=systems.SERVICE_TASK, now=NOW)
    with transaction(loaded) as session:
        assert session.get(CodeValue, (systems.SERVICE_TASK, "40")).name_fi == "Työikäisten sosiaalityö"
    with pytest.raises(CodeImportError, match="differs from --system"):
        import_file(loaded, write(tmp_path, "x.csv", "CodeId,LongName,OID\n1,X,1.2.246.537.6.1221\n"), system=systems.SOCIAL_SERVICE, now=NOW)
    with pytest.raises(CodeImportError, match="--system"):
        import_file(loaded, path, system="not-an-oid", now=NOW)
    with transaction(loaded) as session:
        assert session.exec(select(DocumentType).where(DocumentType.code == "40")).first() is None
