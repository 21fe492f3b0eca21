"""Secrets that default to a value generated once and kept in the database.

With ``ARKISTOBOTTI_WEB_SECRET`` unset, the bot, the CLI and every instance that
shares the database still sign and accept the same login links and cookies.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from archiving.db import transaction
from bot.models import AppSecret


def stored_secret(engine: Engine, name: str, *, now: dt.datetime) -> str:
    """The secret called ``name``, created on first use; concurrent first uses agree on one value."""
    for _ in range(2):
        try:
            with transaction(engine) as session:
                row = session.get(AppSecret, name)
                if row is None:
                    row = AppSecret(name=name, value=secrets.token_urlsafe(32), created_at=now)
                    session.add(row)
                return row.value
        except IntegrityError:  # another process created it between our read and insert
            continue
    raise RuntimeError(f"could not read or create the stored secret {name!r}")


def web_secret(engine: Engine, configured: str | None, *, now: dt.datetime) -> str:
    """The configured web secret, or the one kept in the database."""
    return configured or stored_secret(engine, "web", now=now)
