"""Service functions accept an engine (one transaction of their own) or the caller's session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlmodel import Session

from archiving.db import transaction

Db = Engine | Session


@contextmanager
def unit_of_work(db: Db) -> Iterator[Session]:
    """A transaction on ``db``; with a session, join the caller's transaction (the caller commits).

    The core checks everything before it changes anything, so a domain error leaves
    a joined transaction as it was.
    """
    if isinstance(db, Session):
        yield db
        db.flush()
    else:
        with transaction(db) as session:
            yield session
