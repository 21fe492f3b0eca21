"""What a worker reads when the queue gives up: one sentence, no promise of a retry that won't come."""

from __future__ import annotations

import re
from pathlib import Path

from archiving.kanta import messages as m

KANTA = Path(m.__file__).parent


def test_a_given_up_send_names_the_reason_without_promising_a_retry() -> None:
    text = m.gave_up_fi(8, "BUSY", m.BUSY.fi)
    assert text == "Arkistointi ei onnistunut 8 yrityksellä: arkisto oli ruuhkautunut."
    assert "uudelleen" not in text


def test_an_unknown_code_quotes_the_archive() -> None:
    assert m.gave_up_fi(3, "X_NEW", "Outo vastaus.") == "Arkistointi ei onnistunut 3 yrityksellä: Outo vastaus."


def test_every_retryable_code_the_gateways_raise_has_a_reason() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in KANTA.glob("*.py"))
    raised = set(re.findall(r'(?:ArchiveUnavailable|OutcomeUnknown)\("([A-Z_]+)"', sources))
    raised |= set(re.findall(r'_unknown\(m\.[A-Z_]+, "([A-Z_]+)"\)', sources))
    assert raised, "expected the gateways to raise retryable errors"
    assert raised <= set(m.GAVE_UP_REASON_FI), raised - set(m.GAVE_UP_REASON_FI)
