"""Henkilötunnus validation, synthetic test codes, and redaction from logs."""

from __future__ import annotations

import datetime as dt
import json
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


# --- the one detector ----------------------------------------------------------------------

from hetu_corpus import corpus, survivors  # noqa: E402

CORPUS = corpus(seed=9, n_codes=6)
CORPUS_CODES = sorted({s.code for s in CORPUS})


@pytest.mark.parametrize("wrap", ["{}", "Asiakas {} soitti eilen.", "{} ja {}", "<p>{}</p>\n<td>{}</td>", '{{"hetu": "{}"}}'])
def test_no_spelling_of_the_generated_corpus_survives_redaction(wrap: str) -> None:
    assert len(CORPUS) > 800
    left = [(s.how, s.text) for s in CORPUS if survivors(hetu.redact(wrap.format(s.text, s.text)), CORPUS_CODES)]
    assert left == []


def test_every_spelling_is_found_where_it_stands() -> None:
    for spelling in CORPUS:
        text = f"ennen {spelling.text} jälkeen"
        spans = hetu.find(text)
        assert len(spans) == 1, spelling
        start, end = spans[0]
        assert text[:start].startswith("ennen") and text[end:].endswith("jälkeen"), spelling


ORDINARY = [
    "Deski on 23.11.2026 klo 9.00–9.30, seuraava 24.11.2026 klo 13.00.",
    "Syntymäaika 08.08.1990, päivitetty 2026-11-23T07:30:00Z ja 2026-11-23 07:30.",
    "Soita 040 123 4567, 0401234567, +358 40 123 4567, 050-1234567 tai 09 310 12345.",
    "Tilaus TIL-2024-000123, lasku 20240808-1234, viite 12345 67890 12345.",
    "Y-tunnus 1234567-8, IBAN FI21 1234 5600 0007 85, OID 1.2.246.537.6.1221 ja 2.999.20.1.",
    "Asiakirja 4336 ja 4337, versiot 1–3, summa 1 234,56 €, 12 345 kpl, postinumero 00100.",
    "aad-anna 00000000-0000-4000-8000-000000000001 ja 9f8b2c1d-0808-4c90-a123-0123456789ab",
    "token 3f9a0808901234ab ja c0ffee080890a123b4, hash 0808901234abcdef0808901234abcdef",
    "Jakso 01.01.–31.12.2026, viikot 1-52, kello 08:08:90? Ei.",
    "Sijainti 60.1699, 24.9384; 1 000 000 asiakirjaa, 31/12/2026.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_with_dates_phones_and_numbers_is_left_alone(text: str) -> None:
    assert hetu.redact(text) == text


def test_the_false_positive_policy_in_examples() -> None:
    # the canonical shape with a plausible date is redacted even with a wrong check character (a typo)
    assert hetu.redact("010101-0001") == hetu.REDACTED
    # an unusual shape only with the right check character
    good = "080890" + "123" + hetu.check_character("080890", "123")
    assert hetu.redact(f"nro {good[:6]} {good[6:]}") == f"nro {hetu.REDACTED}"
    assert hetu.redact("nro 080890 123A") == "nro 080890 123A"
    # a ten-digit number is a code only when its last digit is the check character
    digit_check = next(f"080890{i:03d}" for i in range(900, 1000) if hetu.check_character("080890", f"{i:03d}").isdigit())
    ten = digit_check + hetu.check_character(digit_check[:6], digit_check[6:])
    assert hetu.redact(ten) == hetu.REDACTED
    assert hetu.redact(ten[:-1] + str((int(ten[-1]) + 1) % 10)) == ten[:-1] + str((int(ten[-1]) + 1) % 10)
    # run together with other digits: a code only with the right check character; a month 13 never
    assert hetu.redact("1234080890-123T5678") == f"1234{hetu.REDACTED}5678"
    assert hetu.redact("1234080890-123A5678") == "1234080890-123A5678"
    assert hetu.redact("131352-308T") == "131352-308T"


def test_bounded_text_never_ends_in_half_a_code() -> None:
    code = "131052-308T"
    for cut in range(1, len(code) + 8):
        text = "x" * 100 + code + " loppu"
        kept = hetu.bounded(text, 100 + cut)
        assert len(kept) <= 100 + cut
        assert kept.endswith("x") or kept.endswith(code) or code in kept, (cut, kept)
        assert "1310" not in kept or code in kept
    spaced = "x" * 50 + "13\u200b10\u200b52\u2013308T"
    assert "1310" not in hetu.bounded(spaced, 58).replace("\u200b", "")
    assert hetu.bounded("lyhyt", 100) == "lyhyt"


def test_json_is_redacted_string_by_string_after_its_escapes() -> None:
    stored = json.dumps({"reason": "asiakas 131052\u2013308T", "list": ["010594Y9032", 3], "n": 1}, ensure_ascii=True)
    assert "\\u2013" in stored
    cleaned = json.loads(hetu.redact_json_text(stored))
    assert cleaned == {"reason": f"asiakas {hetu.REDACTED}", "list": [hetu.REDACTED, 3], "n": 1}
    assert hetu.redact_json_text('{"a": "ei koodia"}') == '{"a": "ei koodia"}'  # unchanged text stays as it was
    assert hetu.redact_json_text("ei json 131052-308T") == f"ei json {hetu.REDACTED}"


def test_the_skeleton_is_as_long_as_the_text() -> None:
    from archiving.hetu_skeleton import skeleton

    for spelling in CORPUS[:200]:
        text = f"<b>{spelling.text}</b> &amp; %2D \\u2013 ä ö 𝟘"
        assert len(skeleton(text)) == len(text)
