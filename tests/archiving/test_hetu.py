"""Henkilötunnus validation, synthetic test codes, and redaction from logs."""

from __future__ import annotations

import datetime as dt
import logging
import random

import pytest

from archiving import hetu, log_redaction


@pytest.mark.parametrize(
    "code",
    ["131052-308T", "010594Y9032", "010594Y9021", "020594X903P", "020594X902N", "020505A902P", "020505E902P", "010100+901H"],
)
def test_valid_codes_including_2023_century_signs(code: str) -> None:
    assert hetu.is_valid(code)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("131052-308U", "check character"),
        ("131052-30T", "too short"),
        ("131352-308T", "month 13"),
        ("290223A901A", "29 February 2023"),
        ("131052Z308T", "unknown century sign"),
        ("131052-001T", "individual number below 002"),
        ("131052-308t", "lower-case check character"),
        ("", "empty"),
    ],
)
def test_invalid_codes(code: str, why: str) -> None:
    assert not hetu.is_valid(code), why


def test_birth_date_follows_the_century_sign() -> None:
    assert hetu.birth_date("010594Y9032") == dt.date(1994, 5, 1)
    assert hetu.birth_date("020505E902P") == dt.date(2005, 5, 2)
    assert hetu.birth_date("010100+901H") == dt.date(1800, 1, 1)


def test_synthetic_codes_are_valid_and_in_the_test_range() -> None:
    rng = random.Random(1)
    born = [dt.date(1900, 1, 1) + dt.timedelta(days=rng.randint(0, 45000)) for _ in range(2000)]
    codes = [hetu.synthetic(rng, day) for day in born]
    assert all(hetu.is_test_code(c) for c in codes)
    assert all(hetu.birth_date(c) == day for c, day in zip(codes, born))
    assert {c[6] for c in codes} >= {"-", "Y", "A", "B"}  # the 2023 signs are used too
    assert hetu.synthetic(random.Random(5), born[0]) == hetu.synthetic(random.Random(5), born[0])


def test_redact_removes_anything_shaped_like_a_code() -> None:
    text = "asiakas 131052-308T, toinen 010594y9032; ei: 1234567-8 tai 2.999.1.10"
    out = hetu.redact(text)
    assert "131052" not in out and "010594" not in out
    assert out.count(hetu.REDACTED) == 2 and "1234567-8" in out and "2.999.1.10" in out
    assert hetu.mask("131052-308T") == "******-****"


@pytest.mark.allows_hetu_in_logs  # plants codes on purpose; the suite-wide guard (tests/hetu_guard.py) skips them
def test_log_redaction_covers_messages_arguments_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    log_redaction.install_log_redaction()
    log_redaction.install_log_redaction()  # idempotent
    logger = logging.getLogger("arkistobotti.test")
    with caplog.at_level(logging.INFO):
        logger.info("haettiin %s", "131052-308T")
        logger.warning("suoraan 010594Y9032 viestissä")
        try:
            raise ValueError("virhe asiakkaalla 020594X903P")
        except ValueError:
            logger.exception("kaatui")
    text = caplog.text + "".join(r.getMessage() for r in caplog.records)
    assert "131052-308T" not in text and "010594Y9032" not in text and "020594X903P" not in text
    assert text.count(hetu.REDACTED) >= 3


@pytest.mark.allows_hetu_in_logs
def test_redaction_can_be_suspended_for_a_scanner_test(caplog: pytest.LogCaptureFixture) -> None:
    log_redaction.install_log_redaction()
    logger = logging.getLogger("arkistobotti.test.suspended")
    with caplog.at_level(logging.INFO):
        with log_redaction.log_redaction_suspended():
            logger.info("istutettu %s", "131052-308T")
        logger.info("tavallinen %s", "131052-308T")
    assert [r.getMessage() for r in caplog.records] == ["istutettu 131052-308T", f"tavallinen {hetu.REDACTED}"]
