"""The one edge between aiohttp and the views: login check, roles, CSRF, threads, headers.

A view is a plain function ``(PageRequest) -> Page | Redirect``; it runs in a
worker thread (the database calls are synchronous), so a slow query never
blocks the event loop that also serves the bot. Rendering runs there too.

Form fields are cut to ``MAX_FIELD`` characters here, before any view sees them,
and every HTML response passes the henkilötunnus detector (``html_response``),
whatever its text came from.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import wraps
from urllib.parse import quote

from aiohttp import web

from archiving.enums import Role
from archiving.errors import DomainError
from archiving.hetu import bounded, redact
from bot.web import texts as T
from bot.web.auth import COOKIE_NAME, Viewer, csrf_ok
from bot.web.sessions import viewer_from_cookie
from bot.web.context import WEB, Fragment, NotFound, Page, PageRequest, Redirect, WebContext
from bot.web.html import tag
from bot.web.layout import render_page

MAX_FIELD = 100_000  # characters of one form field (the instruction editor's limit; every other field has a lower one of its own)
FLASH_COOKIE = "arkistobotti_flash"
LOCATION_SAFE = "/?&=#%:+,;@!$'()*"  # kept as they are in a Location; everything else (CR, LF, NUL, spaces, non-ASCII) is encoded
NEXT_COOKIE = "arkistobotti_next"
View = Callable[[PageRequest], Page | Redirect | Fragment]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def perform(action: Callable[[], object], ok_text: str, back: str) -> Redirect:
    """Run a domain action from a form; its refusal (in Finnish) becomes the next page's error message."""
    try:
        action()
    except DomainError as error:
        return Redirect(back, ("error", error.message_fi))
    return Redirect(back, ("ok", ok_text))


async def read_form(request: web.Request) -> dict[str, str] | None:
    """The POSTed form's text fields, or None when it cannot be read or stored.

    Every form of every page is read here: a body that is not UTF-8, a broken multipart
    body or an unknown charset (aiohttp raises ValueError or LookupError) and a NUL
    character (PostgreSQL text cannot hold one) are a 400 page, never a 500. An oversized
    body still gets aiohttp's 413. File fields are ignored.
    """
    try:
        data = await request.post()
    except (ValueError, LookupError):
        return None
    form = {k: bounded(v, MAX_FIELD) for k, v in data.items() if isinstance(v, str)}  # cut before any view reads it
    if any("\x00" in k or "\x00" in v for k, v in form.items()):
        return None
    return form


def bad_form(viewer: Viewer | None = None) -> web.Response:
    return message_page(T.BAD_FORM_TITLE, T.BAD_FORM, 400, viewer)


def secure_cookies(ctx: WebContext) -> bool:
    return ctx.settings.public_base_url.startswith("https://")


def html_response(body: str, status: int = 200) -> web.Response:
    """Every page and fragment leaves through here: no henkilötunnus in any spelling gets out."""
    response = web.Response(text=redact(body), status=status, content_type="text/html", charset="utf-8")
    response.headers.update(SECURITY_HEADERS)
    return response


def safe_next(path: str | None) -> str | None:
    """A local path to return to after login; anything else (another site, ``//host``) is ignored."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path or path.startswith("/kirjaudu"):
        return None
    return path


def redirect(location: str) -> web.Response:
    """A 303 See Other, so that reloading the next page never re-sends a form.

    The location is percent-encoded here, for every redirect: a path part taken from the
    request (e.g. a slug with CR, LF or NUL) can neither break the header nor add one.
    """
    response = web.Response(status=303, headers={"Location": quote(location, safe=LOCATION_SAFE)})
    response.headers.update(SECURITY_HEADERS)
    return response


def message_page(title: str, text: str, status: int, viewer: Viewer | None = None) -> web.Response:
    """A short page that explains a refusal or an error in Finnish."""
    body = tag("p", text), tag("p", tag("a", T.BACK_HOME, href="/etusivu"))
    return html_response(render_page(title=title, body=tag("div", *body), viewer=viewer), status)


def _read_flash(ctx: WebContext, request: web.Request) -> tuple[str, str] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    payload = ctx.signer.unsign("flash", raw, ctx.clock()) if raw else None
    if not payload:
        return None
    return str(payload.get("k", "ok")), str(payload.get("t", ""))


def _set_flash(ctx: WebContext, response: web.StreamResponse, flash: tuple[str, str]) -> None:
    exp = int(ctx.clock().timestamp()) + 120
    value = ctx.signer.sign("flash", {"k": flash[0], "t": flash[1], "exp": exp})
    response.set_cookie(
        FLASH_COOKIE, value, httponly=True, samesite="Lax", secure=secure_cookies(ctx), path="/", max_age=120
    )


def view(*roles: Role, current: str = "") -> Callable[[View], Callable[[web.Request], object]]:
    """Wrap a view: require a login and (any of) ``roles``, check CSRF on POST, render the result."""

    def decorate(fn: View) -> Callable[[web.Request], object]:
        @wraps(fn)
        async def handler(request: web.Request) -> web.StreamResponse:
            ctx = request.app[WEB]
            cookie = request.cookies.get(COOKIE_NAME)
            viewer = await asyncio.to_thread(viewer_from_cookie, ctx.engine, cookie, ctx.clock())
            if viewer is None:
                response = message_page(T.LOGIN_REQUIRED_TITLE, T.LOGIN_REQUIRED, 401)
                if request.method == "GET":  # come back here after logging in
                    response.set_cookie(NEXT_COOKIE, request.path, httponly=True, samesite="Lax", secure=secure_cookies(ctx), path="/", max_age=900)
                return response
            if roles and not viewer.has(*roles):
                return message_page(T.FORBIDDEN_TITLE, T.FORBIDDEN, 403, viewer)
            form: dict[str, str] = {}
            if request.method == "POST":
                read = await read_form(request)
                if read is None:
                    return bad_form(viewer)
                form = read
                if not csrf_ok(viewer, form.get("csrf")):
                    return message_page(T.CSRF_TITLE, T.CSRF, 403, viewer)
            flash = _read_flash(ctx, request)
            page_request = PageRequest(
                ctx=ctx,
                viewer=viewer,
                path=request.path,
                match=dict(request.match_info),
                query=dict(request.query),
                form=form,
                flash=flash,
            )
            try:
                result = await asyncio.to_thread(fn, page_request)
            except NotFound:
                return message_page(T.NOT_FOUND_TITLE, T.NOT_FOUND, 404, viewer)
            if isinstance(result, Redirect):
                response: web.StreamResponse = redirect(result.location)
                if result.flash:
                    _set_flash(ctx, response, result.flash)
            elif isinstance(result, Fragment):
                return await asyncio.to_thread(html_response, result.html, result.status)
            else:
                page = result

                def respond() -> web.Response:
                    html = render_page(title=page.title, body=page.body, viewer=viewer, current=current, flash=flash)
                    return html_response(html, page.status)

                response = await asyncio.to_thread(respond)
            if flash:
                response.del_cookie(FLASH_COOKIE, path="/")
            return response

        return handler

    return decorate
