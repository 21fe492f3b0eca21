"""Fixtures of the archiving tests: a small synthetic district and whole-database snapshots."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from district import World, build_world, snapshot
from sqlalchemy.engine import Engine

from archiving.codesets import load_packaged
from archiving.db import transaction


@pytest.fixture
def world(engine: Engine) -> Iterator[World]:
    yield build_world(engine)


@pytest.fixture
def db_snapshot(engine: Engine):  # type: ignore[no-untyped-def]
    """``db_snapshot()`` returns the whole database's rows."""
    return lambda: snapshot(engine)


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    """The database with the packaged code sets loaded."""
    with transaction(engine) as session:
        load_packaged(session)
    return engine
