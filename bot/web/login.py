"""Logging in with a link from the bot, logging out, and the home page that lists what a role may open.

The login link's GET only shows a button; the POST spends the single-use
token. Link previewers (Teams, Safe Links) that fetch the URL therefore cannot
burn it before the person clicks.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.web import texts as T
from bot.web.auth import COOKIE_NAME, LoginError, csrf_ok, redeem_login
from bot.web.sessions import end_session, viewer_from_cookie
from bot.web.context import WEB, Page, PageRequest
from bot.web.html import tag
from bot.web.layout import nav_items, render_page
from bot.web.routing import NEXT_COOKIE, bad_form, html_response, message_page, read_form, redirect, safe_next, secure_cookies, view

async def login_form(request: web.Request) -> web.StreamResponse:
    """Show the button that spends the token; nothing changes on GET."""
    ctx = request.app[WEB]
    token = request.query.get("t", "")
    if ctx.signer.unsign("login", token, ctx.clock()) is None:
        return message_page(T.LOGIN_FAILED_TITLE, T.LOGIN_FAILED, 400)
    form = tag(
        "form",
        tag("input", type="hidden", name="t", value=token),
        tag("button", T.LOGIN_BUTTON, type="submit"),
        method="post",
        action="/kirjaudu",
    )
    body = tag("div", tag("p", T.LOGIN_INTRO), form)
    return html_response(render_page(title=T.LOGIN_TITLE, body=body, viewer=None))


async def login(request: web.Request) -> web.StreamResponse:
    """Spend the token, set the session cookie and go to the home page."""
    ctx = request.app[WEB]
    data = await read_form(request)
    token = (data or {}).get("t")
    hours = ctx.settings.web_session_hours
    try:
        cookie = await asyncio.to_thread(
            redeem_login, ctx.engine, ctx.signer, str(token or ""), now=ctx.clock(), hours=hours
        )
    except LoginError:
        return message_page(T.LOGIN_FAILED_TITLE, T.LOGIN_FAILED, 400)
    response = redirect(safe_next(request.cookies.get(NEXT_COOKIE)) or "/etusivu")
    if NEXT_COOKIE in request.cookies:
        response.del_cookie(NEXT_COOKIE, path="/")
    response.set_cookie(
        COOKIE_NAME,
        cookie,
        httponly=True,
        samesite="Lax",
        secure=secure_cookies(ctx),
        path="/",
        max_age=hours * 3600,
    )
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    """End the session on the server (a CSRF-checked POST, so a foreign page cannot log anyone out)."""
    ctx = request.app[WEB]
    cookie = request.cookies.get(COOKIE_NAME)
    viewer = await asyncio.to_thread(viewer_from_cookie, ctx.engine, cookie, ctx.clock())
    data = await read_form(request)
    if data is None:
        return bad_form(viewer)
    if viewer is not None:
        if not csrf_ok(viewer, data.get("csrf")):
            return message_page(T.CSRF_TITLE, T.CSRF, 403, viewer)
        await asyncio.to_thread(end_session, ctx.engine, cookie, ctx.clock())  # the cookie no longer opens anything
    response = html_response(
        render_page(title=T.LOGGED_OUT_TITLE, body=tag("p", T.LOGGED_OUT), viewer=None)
    )
    response.del_cookie(COOKIE_NAME, path="/")
    return response


HOME_DESCRIPTIONS = {
    "/deski": T.HOME_DESK,
    "/julkaisu": T.HOME_PUBLISHING,
    "/julkaisu/tarpeet": T.HOME_NEEDS,
    "/seuranta": T.HOME_FOLLOWUP,
}


@view(current="/etusivu")
def home(req: PageRequest) -> Page:
    """Links to the pages the viewer's roles open."""
    items = [
        tag("li", tag("a", label, href=path), " – ", HOME_DESCRIPTIONS[path])
        for path, label in nav_items(req.viewer)
        if path in HOME_DESCRIPTIONS
    ]
    intro = tag("p", T.HOME_INTRO.format(name=req.viewer.name))
    listing = tag("ul", items, class_="cards") if items else tag("p", T.HOME_NO_PAGES)
    return Page(T.HOME_TITLE, tag("div", intro, listing))

