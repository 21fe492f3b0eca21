"""Free-text columns: marked in the models, scrubbed of henkilötunnus codes whenever the ORM writes them.

A column that can hold what a person typed or an outside system sent (ticket
messages, queue topics, desk notes, outbox texts, error messages, audit details,
titles, names…) is declared with :func:`text_column`, :func:`json_column` or
:func:`text_field`. One ``before_flush`` listener on every ORM session redacts those
attributes of new and changed rows (``archiving.hetu``), so no call site has to
remember to. JSON columns are redacted string by string, after their escapes are
decoded. The few writes that bypass the ORM (bulk Core inserts and updates, the
question log's driver SQL) redact with :func:`scrub` / ``archiving.hetu``
themselves. Each package's migration ``…_scrub_hetu`` cleans what was stored
before; a test checks that it covers every marked column (:func:`stored_free_text`).

Not marked, on purpose: the client's ``hetu`` column (kept for the archive only),
document content (it travels to the archive as it is), identifiers, tokens and
hashes, and conversation state and references (ids, timestamps and tokens that a
false positive would break; they hold no typed text).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Column, Text, event, inspect
from sqlalchemy.orm import Session

from archiving.hetu import redact, redact_json_text

INFO_KEY = "free_text"
TEXT, JSON = "text", "json"


def text_column(*, nullable: bool = True) -> Column:  # type: ignore[type-arg]
    """A TEXT column of free text."""
    return Column(Text, nullable=nullable, info={INFO_KEY: TEXT})


def json_column(*, nullable: bool = False) -> Column:  # type: ignore[type-arg]
    """A TEXT column holding JSON whose strings are free text."""
    return Column(Text, nullable=nullable, info={INFO_KEY: JSON})


def text_field() -> dict[str, Any]:
    """``Field(max_length=..., **text_field())``: a VARCHAR of free text."""
    return {"sa_column_kwargs": {"info": {INFO_KEY: TEXT}}}


def scrub(value: str | None, kind: str = TEXT) -> str | None:
    """What a marked column of ``kind`` stores for ``value``."""
    if not value:
        return value
    return redact(value) if kind == TEXT else redact_json_text(value)


@cache
def marked_attributes(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, kind) of the free-text columns of a mapped class."""
    try:
        mapper = inspect(cls)
    except Exception:  # not a mapped class
        return ()
    return tuple(
        (mapper.get_property_by_column(column).key, column.info[INFO_KEY])
        for column in mapper.columns
        if INFO_KEY in column.info
    )


def _scrub_pending(session: Session, _flush_context: object, _instances: object) -> None:
    for obj in (*session.new, *session.dirty):
        for key, kind in marked_attributes(type(obj)):
            value = obj.__dict__.get(key)  # only loaded values: what is not loaded is not being written
            if isinstance(value, str) and value:
                cleaned = scrub(value, kind)
                if cleaned != value:
                    setattr(obj, key, cleaned)


event.listen(Session, "before_flush", _scrub_pending)


def stored_free_text(metadata_tables: Any) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, kind)]} of the marked columns among ``metadata_tables`` (a MetaData's ``tables``)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for name, table in metadata_tables.items():
        columns = [(c.name, c.info[INFO_KEY]) for c in table.columns if INFO_KEY in c.info]
        if columns:
            found[name] = columns
    return found


def scrub_table(connection: Any, table: str, key: str, columns: list[tuple[str, str]], *, batch_size: int = 500) -> int:
    """Redact what a table already holds in ``columns``; for the ``…_scrub_hetu`` migrations.

    Reads ``batch_size`` rows at a time in ``key`` order (keyset paging: memory stays
    flat and no row is read twice), and updates only the rows that change, so running
    it again changes nothing. Plain Core SQL: the same on SQLite and PostgreSQL.
    Returns the number of rows changed.
    """
    t = sa.table(table, sa.column(key), *(sa.column(name) for name, _ in columns))
    changed, last = 0, None
    while True:
        query = sa.select(t.c[key], *(t.c[name] for name, _ in columns)).order_by(t.c[key]).limit(batch_size)
        if last is not None:
            query = query.where(t.c[key] > last)
        rows = connection.execute(query).all()
        if not rows:
            return changed
        for row in rows:
            values = {name: scrub(row[i + 1], kind) for i, (name, kind) in enumerate(columns)}
            different = {name: value for (name, value), old in zip(values.items(), row[1:]) if value != old}
            if different:
                connection.execute(sa.update(t).where(t.c[key] == row[0]).values(**different))
                changed += 1
        last = rows[-1][0]
