"""Reading the packaged CSV files: ``#`` source lines first, then a header and rows."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")

SERVICE_TASKS = "palvelutehtava_1.2.246.537.6.1221_partial.csv"
SOCIAL_SERVICES = "sosiaalipalvelut_1.2.246.537.6.1222_partial.csv"
DOCUMENT_TYPES = "sosiaalihuolto_asiakirjatyypit_sosmeta.csv"
CONFIRMED_PAIRS = "palvelutehtava_sosiaalipalvelu_sallitut_yhdistelmat_rajoitustoimenpide.csv"
LOCAL_PAIRS = "palvelutehtava_sosiaalipalvelu_paikalliset_oletukset.csv"
DOCUMENT_TYPE_RULES = "document_type_rules.csv"


def read_rows(name: str) -> Iterator[dict[str, str]]:
    """The data rows of a packaged file, skipping its ``#`` comment lines."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines)


def source_note(name: str, limit: int = 300) -> str:
    """A short provenance note for rows loaded from ``name`` (stored in each row's ``source``)."""
    return f"packaged {name}"[:limit]
