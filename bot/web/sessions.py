"""Web sessions kept in the database, so that they end at once: sign-out, a role change, deactivation.

The cookie is 256 random bits and names a ``web_session`` row by its SHA-256 (a copy
of the table gives no usable cookie). Every request reads the row with the worker
and their roles in one read-only transaction - the same two queries the roles
check needed before - and the session stands only while it has not ended or expired,
the worker is active and their roles are those it began with. Everything is in the
shared database, so sign-out on one instance ends the session on all of them.

:func:`create_session` is the one place a session begins (a login link today; any
other sign-in must use it too), and :func:`end_worker_sessions` is what code that
deactivates a worker or changes their roles calls; the per-request checks catch a
change made any other way (directly in the database) at the next request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.actors import Actor
from archiving.db import read_only, transaction
from archiving.enums import Channel, Role
from archiving.models import Worker, WorkerRole
from bot.desk.models import WebSession

TOKEN_BYTES = 32
TOKEN_LIMIT = 100  # a cookie longer than any we give out is no session (nothing is hashed or looked up)
KEEP_ENDED = dt.timedelta(days=1)  # ended and expired rows are deleted a day later, when sessions are created


@dataclass(frozen=True)
class Viewer:
    """The logged-in worker of a request, with roles fresh from the database."""

    worker_id: int
    name: str
    roles: frozenset[str]
    service_unit_id: int | None
    csrf: str

    def has(self, *roles: Role) -> bool:
        """True if the viewer holds any of ``roles``; an admin holds them all."""
        return Role.ADMIN in self.roles or any(r in self.roles for r in roles)

    def actor(self) -> Actor:
        """The viewer as the domain's actor, acting through the web."""
        roles = frozenset(Role(r) for r in self.roles if r in Role._value2member_map_)
        return Actor(self.worker_id, f"{self.name} (#{self.worker_id})", roles, self.service_unit_id, Channel.WEB)


def csrf_ok(viewer: Viewer, submitted: str | None) -> bool:
    """Whether a POST form echoed the session's CSRF token."""
    return bool(submitted) and hmac.compare_digest(viewer.csrf.encode(), str(submitted).encode("utf-8", "surrogatepass"))


def _key(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _roles_key(roles: list[str] | set[str]) -> str:
    return ",".join(sorted(roles))


def _roles(session: Session, worker_id: int) -> list[str]:
    return list(session.exec(select(WorkerRole.role).where(WorkerRole.worker_id == worker_id)).all())


def create_session(session: Session, worker: Worker, *, now: dt.datetime, hours: int) -> str:
    """Start a web session for ``worker`` in the caller's transaction; returns the cookie value."""
    assert worker.id is not None
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        WebSession(
            id=_key(token), worker_id=worker.id, csrf=secrets.token_urlsafe(24), roles=_roles_key(_roles(session, worker.id)),
            created_at=now, expires_at=now + dt.timedelta(hours=hours),
        )  # fmt: skip
    )
    session.execute(delete(WebSession).where(col(WebSession.expires_at) < now - KEEP_ENDED))
    session.execute(delete(WebSession).where(col(WebSession.ended_at) < now - KEEP_ENDED))
    return token


def _usable(cookie: str | None) -> bool:
    return bool(cookie) and len(cookie) <= TOKEN_LIMIT and cookie.isascii()  # type: ignore[union-attr]


def viewer_from_cookie(engine: Engine, cookie: str | None, now: dt.datetime) -> Viewer | None:
    """The viewer a session cookie stands for, or None (no such session, ended, expired, inactive, roles changed)."""
    if not _usable(cookie):
        return None
    key = _key(cookie)  # type: ignore[arg-type]
    with read_only(engine) as session:
        found = session.exec(select(WebSession, Worker).join(Worker, col(Worker.id) == WebSession.worker_id).where(WebSession.id == key)).first()
        if found is None:
            return None
        web_session, worker = found
        if web_session.ended_at is not None or web_session.expires_at <= now:
            return None
        roles = _roles(session, web_session.worker_id)
        if worker.active and _roles_key(roles) == web_session.roles:
            return Viewer(
                worker_id=web_session.worker_id, name=worker.name, roles=frozenset(roles),
                service_unit_id=worker.service_unit_id, csrf=web_session.csrf,
            )  # fmt: skip
        reason = "roles" if worker.active else "inactive"
    _end(engine, key, now, reason)  # for good: reactivation or the old roles back do not revive it
    return None


def _end(engine: Engine, key: str, now: dt.datetime, reason: str) -> None:
    with transaction(engine) as session:
        session.execute(
            update(WebSession).where(WebSession.id == key, col(WebSession.ended_at).is_(None)).values(ended_at=now, end_reason=reason)
        )


def end_session(engine: Engine, cookie: str | None, now: dt.datetime) -> None:
    """Sign-out: the session of ``cookie`` ends on every instance at once."""
    if _usable(cookie):
        _end(engine, _key(cookie), now, "sign-out")  # type: ignore[arg-type]


def end_worker_sessions(session: Session, worker_id: int, *, now: dt.datetime, reason: str = "revoked") -> int:
    """End every open session of ``worker_id`` in the caller's transaction (deactivation, a role change)."""
    result = session.execute(
        update(WebSession)
        .where(WebSession.worker_id == worker_id, col(WebSession.ended_at).is_(None))
        .values(ended_at=now, end_reason=reason[:32])
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
