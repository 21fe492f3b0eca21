"""``setup_web``: mounts the server-rendered pages on the bot's aiohttp app."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from aiohttp import web

from archiving.clock import system_clock
from bot.web import login
from bot.web.auth import LOGIN_PATH, Signer
from bot.web.context import WEB, WebContext
from bot.web.layout import STATIC_PREFIX

STATIC_DIR = Path(__file__).with_name("static")


def setup_web(app: web.Application, services: Any) -> None:
    """Add the login, desk console, publishing, follow-up and instruction pages to ``app``.

    ``services`` is the bot's services object; the pages use its ``settings``,
    ``engine`` and ``clock`` (and the knowledge base through it). Without a
    configured ``web_secret`` a random one is made, so cookies and login links
    then last only as long as this process.
    """
    settings = services.settings
    secret = settings.web_secret or secrets.token_urlsafe(32)
    app[WEB] = WebContext(
        settings=settings,
        engine=services.engine,
        clock=getattr(services, "clock", None) or system_clock,
        signer=Signer(secret),
        services=services,
    )
    router = app.router
    router.add_get(LOGIN_PATH, login.login_form)
    router.add_post(LOGIN_PATH, login.login)
    router.add_post("/kirjaudu-ulos", login.logout)
    router.add_get("/etusivu", login.home)
    router.add_static(STATIC_PREFIX, STATIC_DIR, append_version=False)
