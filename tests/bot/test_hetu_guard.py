"""The suite-wide henkilötunnus guard itself (tests/hetu_guard.py): it finds what it must, and nothing else."""

from __future__ import annotations

import datetime as dt
import logging
import random
import sys

import pytest

from archiving import hetu
from hetu_guard import HetuStore, ScanningHandler, find_hetus


def test_finds_valid_codes_of_every_century_sign() -> None:
    rng = random.Random(1)
    codes = [hetu.synthetic(rng, dt.date(1890 + 7 * i, 1 + i % 12, 1 + i % 28)) for i in range(20)]
    codes += ["131052-308T", "010594Y9032", "020301A934J", "311299-999E"]
    for code in codes:
        assert find_hetus(f"asiakas {code}, ks. liite") == [code], code
        assert find_hetus(f'{{"text": "{code.lower()}"}}'), code  # lower case too
        assert find_hetus(f"asiakas {code[:6]}\u2013{code[7:]}") or code[6] != "-", code  # an en dash for the sign
        wide = "".join(chr(ord(c) + 0xFEE0) for c in code)
        assert find_hetus(f"asiakas {wide}"), code  # fullwidth
        assert find_hetus(f"asiakas {code[:3]}\u200b{code[3:]}"), code  # a zero-width space inside


def test_ignores_what_is_not_a_henkilotunnus() -> None:
    for text in (
        "asiakirja nro 1234567, 23.11.2026 klo 9.00",
        "OID 1.2.246.537.6.1221 ja 2.999.20.1",
        "puhelin 0401234567",
        "aad-anna 00000000-0000-4000-8000-000000000001",
        "a1310523081T",  # glued to other characters
        "131352-308T",  # month 13
    ):
        assert find_hetus(text) == [], text


def test_a_planted_hetu_in_an_activity_is_reported() -> None:
    store = HetuStore()
    assert store.add_activity({"type": "message", "text": "Ok"}) == []
    store.add_activity({"type": "message", "attachments": [{"content": {"body": [{"text": "Asiakas 131052-308T"}]}}]})
    assert store.activities == 2 and len(store.findings) == 1
    assert "131052-308T" not in store.findings[0]  # the report locates it without repeating it


@pytest.mark.allows_hetu_in_logs
def test_a_planted_hetu_in_a_log_record_is_reported(hetu_store: HetuStore) -> None:
    assert hetu_store.exempt  # the session store skips this test's own planted records
    store = HetuStore()
    handler = ScanningHandler(store)
    plain = logging.LogRecord("test.hetu_guard.planted", logging.WARNING, __file__, 1, "lookup failed for %s", ("131052-308T",), None)
    try:
        raise ValueError("bad client 010594Y9032")
    except ValueError:
        failure = logging.LogRecord("test.hetu_guard.planted", logging.ERROR, __file__, 2, "traceback text is scanned too", None, sys.exc_info())
    handler.handle(plain)
    handler.handle(failure)
    assert "contains 13…T" in store.findings[0]
    assert any("contains 01…2" in f for f in store.findings[1:])  # found in the traceback (message and source line)
    assert all("test.hetu_guard.planted" in f for f in store.findings)


@pytest.mark.allows_hetu_in_logs
def test_the_session_scan_sees_records_before_any_redaction(hetu_store: HetuStore) -> None:
    before = hetu_store.log_lines
    hetu_store.exempt = False  # count this planted record for a moment, then take it back out
    try:
        logging.getLogger("test.hetu_guard.session").warning("planted %s", "131052-308T")
        assert hetu_store.log_lines == before + 1 and "contains 13…T" in hetu_store.findings[-1]
    finally:
        if hetu_store.findings and "test.hetu_guard.session" in hetu_store.findings[-1]:
            hetu_store.findings.pop()
        hetu_store.exempt = True


def test_the_bot_conversations_of_this_session_are_being_scanned(hetu_store: HetuStore) -> None:
    assert hetu_store.log_lines > 0 and not hetu_store.exempt
