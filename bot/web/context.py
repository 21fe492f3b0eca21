"""What every web view receives: the app-wide context and the request as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from sqlalchemy.engine import Engine

from archiving.clock import Clock
from archiving.ids import parse_id
from bot.settings import Settings
from bot.web.auth import Signer, Viewer
from bot.web.html import Markup


@dataclass
class WebContext:
    """App-wide: settings, database, clock, signer and the bot's services (for the knowledge base)."""

    settings: Settings
    engine: Engine
    clock: Clock
    signer: Signer
    services: Any


WEB = web.AppKey("arkistobotti_web", WebContext)


class NotFound(Exception):
    """A view's object does not exist or is not the viewer's to see (the edge answers 404)."""


@dataclass
class PageRequest:
    """A request reduced to plain values, so views run in a worker thread without touching aiohttp."""

    ctx: WebContext
    viewer: Viewer
    path: str
    match: dict[str, str]
    query: dict[str, str]
    form: dict[str, str] = field(default_factory=dict)
    flash: tuple[str, str] | None = None  # (kind, Finnish text) from the previous POST

    def int_param(self, name: str) -> int | None:
        """A path, form or query parameter as a database id, or None if missing or not one.

        Every id of every page passes here: a number no id column can hold (or "²") is
        None, so it answers like a missing object instead of failing in the database.
        """
        return parse_id(self.match.get(name) or self.form.get(name) or self.query.get(name))

    def path_id(self, name: str) -> int:
        """The id in the page's path; :class:`NotFound` (the 404 page) when it can name nothing."""
        value = parse_id(self.match.get(name))
        if value is None:
            raise NotFound()
        return value


@dataclass
class Page:
    """A rendered HTML page and its status."""

    title: str
    body: Markup
    status: int = 200


@dataclass
class Fragment:
    """A piece of HTML without the page shell (the live preview fetches one)."""

    html: Markup
    status: int = 200


@dataclass
class Redirect:
    """Where to go after a POST (303), with an optional flash message for the next page."""

    location: str
    flash: tuple[str, str] | None = None
