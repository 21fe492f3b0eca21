"""A process-wide ``CodeSets`` snapshot per database, re-read only when the code tables have changed.

Every change to a table the snapshot reads (code values, document types, the
allowed pairs, service units) gives the single ``code_set_stamp`` row a new random
token in the same transaction: database triggers do it (migration a0001), so a
code import from the CLI, another bot instance on shared PostgreSQL or plain SQL
are all noticed. Each use costs one primary-key read of that token; the tables
are read again only when it differs from the token the snapshot was read under.

The token is read before the tables. A change committed between the two reads
can then only make the snapshot newer than its token says, which costs one
extra read later, never a stale answer. A token seen inside a transaction that
rolls back is random and never stored, so a snapshot of rolled-back rows is never
reused either.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import ScalarSelect
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from archiving.codesets.readmodel import CodeSets
from archiving.models import CodeSetStamp

STAMP_ID = 1
MAX_DATABASES = 8  # tests open many databases in one process; a server opens one

_lock = threading.Lock()
_snapshots: OrderedDict[str, tuple[str, CodeSets]] = OrderedDict()


def stamp(session: Session) -> str | None:
    """The current token of the code tables as ``session`` sees them (None: no stamp row)."""
    return session.exec(select(CodeSetStamp.token).where(CodeSetStamp.id == STAMP_ID)).first()


def stamp_column() -> ScalarSelect[str]:
    """The token as a column, so a query the caller makes anyway reads it (pass it to :func:`current`)."""
    return select(CodeSetStamp.token).where(CodeSetStamp.id == STAMP_ID).scalar_subquery()


def current(session: Session, token: str | None = None) -> CodeSets:
    """The code sets as ``session`` sees them; the shared snapshot while the token is unchanged.

    ``token``: one the caller has just read in this transaction (see :func:`stamp_column`), saving the read.
    """
    key = _database_key(session)
    token = token or stamp(session)
    if token is None:  # nothing to check a snapshot against: read every time
        return CodeSets.read(session)
    with _lock:
        cached = _snapshots.get(key)
        if cached is not None and cached[0] == token:
            _snapshots.move_to_end(key)
            return cached[1]
    sets = CodeSets.read(session)
    with _lock:
        _snapshots[key] = (token, sets)
        _snapshots.move_to_end(key)
        while len(_snapshots) > MAX_DATABASES:
            _snapshots.popitem(last=False)
    return sets


def clear() -> None:
    """Forget every snapshot (the next use reads the tables again)."""
    with _lock:
        _snapshots.clear()


def _database_key(session: Session) -> str:
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    return engine.url.render_as_string(hide_password=True)
