"""Fixtures for the knowledge-base tests: the fixture knowledge base and a fixed clock."""

from __future__ import annotations

import pytest
from kbkit import FIXTURE_KB, NOW

from archiving.clock import FixedClock
from knowledge.articles import Article
from knowledge.checks import check_directory
from knowledge.service import KnowledgeBase


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture(scope="session")
def fixture_articles() -> list[Article]:
    result = check_directory(FIXTURE_KB)
    assert result.ok, result.problems
    return result.articles


@pytest.fixture(scope="session")
def fixture_kb() -> KnowledgeBase:
    """The fixture knowledge base without a database (matching and rendering only)."""
    return KnowledgeBase.from_directory(FIXTURE_KB)
