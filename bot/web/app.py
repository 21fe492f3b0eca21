"""``setup_web``: mounts the server-rendered pages on the bot's aiohttp app."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from aiohttp import web

from archiving.clock import system_clock
from bot.web import desk_console, desk_tickets, followup, followup_documents, instructions, login, needs_page, publishing
from bot.stored_secrets import web_secret
from bot.web.auth import LOGIN_PATH, Signer
from bot.web.context import WEB, WebContext
from bot.web.layout import STATIC_PREFIX
from bot.desk.chat import WEB_SIGNER_KEY

STATIC_DIR = Path(__file__).with_name("static")


async def _read_secret(app: web.Application) -> None:
    await asyncio.to_thread(lambda: app[WEB].signer.key)


def setup_web(app: web.Application, services: Any) -> None:
    """Add the login, desk console, publishing, follow-up and instruction pages to ``app``.

    ``services`` is the bot's services object; the pages use its ``settings``,
    ``engine`` and ``clock`` (and the knowledge base through it). Without a
    configured ``web_secret`` the one generated once and kept in the database is
    used, so the CLI's login links and every instance agree.
    """
    settings = services.settings
    clock = getattr(services, "clock", None) or system_clock
    # read when first needed (at startup, below): on a new database the app_secret table exists only after the migrations
    signer = Signer(lambda: web_secret(services.engine, settings.web_secret, now=clock()))
    app[WEB] = WebContext(
        settings=settings,
        engine=services.engine,
        clock=clock,
        signer=signer,
        services=services,
    )
    extras = getattr(services, "extras", None)
    if isinstance(extras, dict):
        extras[WEB_SIGNER_KEY] = signer  # the chat's "avaa deskikonsoli" signs login links with it
    app.on_startup.append(_read_secret)  # runs after the cleanup contexts' startup, so after the migrations
    router = app.router
    router.add_get(LOGIN_PATH, login.login_form)
    router.add_post(LOGIN_PATH, login.login)
    router.add_post("/kirjaudu-ulos", login.logout)
    router.add_get("/etusivu", login.home)
    router.add_get("/ohjeet/{slug}", instructions.instruction)

    router.add_get("/deski", desk_console.console)
    router.add_post("/deski/istunto/{session_id:\\d+}/seuraava", desk_console.call_next)
    for verb in ("valmis", "poissa"):
        router.add_post(f"/deski/jono/{{entry_id:\\d+}}/{verb}", desk_console.finish)
    router.add_post("/deski/jono/{entry_id:\\d+}/muistiinpano", desk_console.note)
    router.add_get("/deski/tiketit/{ticket_id:\\d+}", desk_tickets.ticket_page)
    for verb in ("ota", "vastaa", "ratkaise", "sulje", "ohjetarve"):
        router.add_post(f"/deski/tiketit/{{ticket_id:\\d+}}/{verb}", desk_tickets.ticket_action)

    router.add_get("/julkaisu", publishing.article_list)
    router.add_get("/julkaisu/uusi", publishing.edit)
    router.add_post("/julkaisu/uusi", publishing.save)
    router.add_post("/julkaisu/esikatselu", publishing.live_preview)
    router.add_get("/julkaisu/ohje/{slug}", publishing.edit)
    router.add_post("/julkaisu/ohje/{slug}", publishing.save)
    router.add_post("/julkaisu/ohje/{slug}/tiedota", publishing.announce)
    router.add_get("/julkaisu/tarpeet", needs_page.needs_list)
    for verb in ("tehty", "hylatty"):
        router.add_post(f"/julkaisu/tarpeet/{{need_id:\\d+}}/{verb}", needs_page.set_state)

    router.add_get("/seuranta", followup.followup)
    router.add_get("/seuranta/asiakirjat", followup_documents.documents)
    router.add_get(STATIC_PREFIX + "/{name}", static_file)


STATIC_FILES = {path.name: path for path in STATIC_DIR.iterdir() if path.is_file() and not path.name.startswith(".")}


async def static_file(request: web.Request) -> web.StreamResponse:
    """The stylesheet and the script, by name from a fixed list.

    aiohttp's own static route resolves any name on disk and answered a 300-character
    name with a 500 (the file system's "name too long"); a lookup in a dict cannot fail.
    """
    path = STATIC_FILES.get(request.match_info["name"])
    if path is None:
        raise web.HTTPNotFound()
    return web.FileResponse(path)
