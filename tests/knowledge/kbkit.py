"""Helpers for the knowledge-base tests: fixture paths, a fixed time, article text builders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")
FIXTURE_KB = FIXTURES / "kb"
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
BODY_LINE = 18  # the first body line of article_text()

VALID_HEADER = """---
slug: {slug}
title: {title}
audience: [worker]
summary: Lyhyt vastaus.
keywords: [avain, sana]
questions:
  - Kysymys yksi?
  - Kysymys kaksi?
  - Kysymys kolme?
  - Kysymys neljä?
  - Kysymys viisi?
  - Kysymys kuusi?
related: []
updated: 2026-11-20
status: {status}
---
"""


def article_text(slug: str = "esimerkki", body: str = "# Otsikko\n\nTekstiä.\n", *, title: str = "Esimerkki", status: str = "published") -> str:
    """A valid article with the given slug and body (its body starts on line BODY_LINE)."""
    return VALID_HEADER.format(slug=slug, title=title, status=status) + body


def write_article(directory: Path, slug: str, body: str = "# Otsikko\n\nTekstiä.\n", **kwargs: str) -> Path:
    path = directory / f"{slug}.md"
    path.write_text(article_text(slug, body, **kwargs), encoding="utf-8")
    return path
