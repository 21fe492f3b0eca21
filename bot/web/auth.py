"""Who is looking at a web page: signed login links, and the viewer of a session.

A login link (``/kirjaudu?t=...``) is short-lived, HMAC-signed and single-use (a
``web_login`` row). Redeeming it starts a session (``bot.web.sessions``): an
HttpOnly, SameSite=Lax cookie naming a row in the database, with the CSRF token
that every POST form must echo. Sign-out, a role change and deactivation end it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine

from archiving.actors import resolve_actor
from archiving.db import read_only, transaction
from archiving.enums import Channel
from archiving.models import Worker
from bot.desk.models import WebLogin
from bot.settings import Settings
from bot.stored_secrets import web_secret
from bot.web.sessions import Viewer, create_session, csrf_ok

COOKIE_NAME = "arkistobotti_session"
LOGIN_PATH = "/kirjaudu"
MAX_TOKEN = 2048  # longer than any login link or flash we sign

__all__ = ["COOKIE_NAME", "LOGIN_PATH", "LoginError", "Signer", "Viewer", "cli_login_link", "csrf_ok", "make_login_link", "redeem_login"]


class LoginError(Exception):
    """A login link that is forged, expired, already used or for an unknown worker."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """HMAC-SHA256 over a JSON payload; ``purpose`` keeps a login token from passing as a cookie."""

    def __init__(self, secret: str | bytes | Callable[[], str]) -> None:
        """``secret`` may be a function: the stored secret is then read on first use, after the migrations ran."""
        self._secret = secret
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        if self._key is None:
            secret = self._secret() if callable(self._secret) else self._secret
            self._key = secret.encode("utf-8") if isinstance(secret, str) else secret
        return self._key

    def _mac(self, purpose: str, body: str) -> str:
        return _b64(hmac.new(self.key, f"{purpose}.{body}".encode("ascii"), hashlib.sha256).digest())

    def sign(self, purpose: str, payload: dict[str, Any]) -> str:
        body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
        return f"{body}.{self._mac(purpose, body)}"

    def unsign(self, purpose: str, token: str, now: dt.datetime) -> dict[str, Any] | None:
        """The payload if the signature is right and ``exp`` lies ahead; otherwise None (also for non-ASCII)."""
        if not token or len(token) > MAX_TOKEN or not token.isascii():  # none we sign is either
            return None
        body, _, mac = token.partition(".")
        if not body or not mac or not hmac.compare_digest(mac, self._mac(purpose, body)):
            return None
        try:
            payload = json.loads(_unb64(body))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(payload, dict) or float(payload.get("exp", 0)) <= now.timestamp():
            return None
        return payload


def make_login_link(
    engine: Engine, signer: Signer, *, worker_id: int, now: dt.datetime, base_url: str, minutes: int
) -> str:
    """A single-use link that logs ``worker_id`` in; the bot and the CLI hand it out."""
    with transaction(engine) as session:
        worker = session.get(Worker, worker_id)
        if worker is None or not worker.active:
            raise LoginError(f"no active worker with id {worker_id}")
        nonce = secrets.token_urlsafe(24)
        expires = now + dt.timedelta(minutes=minutes)
        session.add(WebLogin(nonce=nonce, worker_id=worker_id, expires_at=expires))
    token = signer.sign("login", {"n": nonce, "w": worker_id, "exp": int(expires.timestamp())})
    return f"{base_url.rstrip('/')}{LOGIN_PATH}?t={token}"


def cli_login_link(engine: Engine, settings: Settings, reference: str, *, now: dt.datetime) -> str:
    """``arkistobotti web login-link``: signs with the server's secret (configured, or kept in the database)."""
    with read_only(engine) as session:
        actor = resolve_actor(session, reference, Channel.CLI)
    signer = Signer(web_secret(engine, settings.web_secret, now=now))
    return make_login_link(
        engine, signer, worker_id=int(actor.worker_id),  # type: ignore[arg-type]
        now=now, base_url=settings.public_base_url, minutes=settings.web_login_minutes,
    )  # fmt: skip


def redeem_login(engine: Engine, signer: Signer, token: str, *, now: dt.datetime, hours: int) -> str:
    """Spend a login token and start a session (one transaction); returns the session cookie value.

    Raises :class:`LoginError`.
    """
    payload = signer.unsign("login", token, now)
    if payload is None:
        raise LoginError("login link is invalid or has expired")
    with transaction(engine) as session:
        login = session.get(WebLogin, str(payload.get("n")))
        if login is None or login.worker_id != payload.get("w") or login.expires_at <= now:
            raise LoginError("login link is invalid or has expired")
        if login.used_at is not None:
            raise LoginError("login link has already been used")
        worker = session.get(Worker, login.worker_id)
        if worker is None or not worker.active:
            raise LoginError("worker is not active")
        login.used_at = now
        session.add(login)
        return create_session(session, worker, now=now, hours=hours)
