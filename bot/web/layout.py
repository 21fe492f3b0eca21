"""The page shell every web page shares: skip link, navigation by role, flash message, footer."""

from __future__ import annotations

from archiving.enums import Role
from bot.web import texts as T
from bot.web.auth import Viewer
from bot.web.html import Markup, document, fragment, tag

STATIC_PREFIX = "/static/arkistobotti"

# (path, label, roles that see the link); an empty tuple means every logged-in worker
NAV = (
    ("/etusivu", T.NAV_HOME, ()),
    ("/deski", T.NAV_DESK, (Role.DESK,)),
    ("/julkaisu", T.NAV_PUBLISHING, (Role.COMMUNICATIONS,)),
    ("/julkaisu/tarpeet", T.NAV_NEEDS, (Role.COMMUNICATIONS, Role.DESK)),
    ("/seuranta", T.NAV_FOLLOWUP, (Role.CONTACT_PERSON, Role.ARCHIVIST)),
)


def nav_items(viewer: Viewer | None) -> list[tuple[str, str]]:
    """The navigation links ``viewer`` may follow."""
    if viewer is None:
        return []
    return [(path, label) for path, label, roles in NAV if not roles or viewer.has(*roles)]


def _nav(viewer: Viewer | None, current: str) -> Markup:
    items = nav_items(viewer)
    if not items:
        return Markup("")
    links = [
        tag("li", tag("a", label, href=path, aria_current="page" if path == current else None))
        for path, label in items
    ]
    logout = tag(
        "form",
        tag("input", type="hidden", name="csrf", value=viewer.csrf) if viewer else None,
        tag("button", T.LOGOUT, type="submit", class_="link-button"),
        method="post",
        action="/kirjaudu-ulos",
        class_="logout",
    )
    return tag("nav", tag("ul", links), logout, aria_label=T.NAV_LABEL)


def _flash(flash: tuple[str, str] | None) -> Markup:
    if not flash:
        return Markup("")
    kind, text = flash
    label = T.FLASH_ERROR if kind == "error" else T.FLASH_OK
    role = "alert" if kind == "error" else "status"
    return tag("div", tag("strong", f"{label}: "), text, class_=f"flash flash-{kind}", role=role)


def render_page(
    *,
    title: str,
    body: Markup,
    viewer: Viewer | None,
    current: str = "",
    flash: tuple[str, str] | None = None,
) -> str:
    """A whole HTML document around ``body``; the first Tab stop is the skip link."""
    head = fragment(
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("link", rel="icon", href="data:,"),  # no favicon request
        tag("link", rel="stylesheet", href=f"{STATIC_PREFIX}/web.css"),
        tag("script", src=f"{STATIC_PREFIX}/web.js", defer=True),
    )
    who = tag("p", T.LOGGED_IN_AS.format(name=viewer.name), class_="who") if viewer else None
    page = fragment(
        tag("a", T.SKIP_LINK, href="#sisalto", class_="skip-link"),
        tag("header", tag("p", tag("a", T.APP_NAME, href="/etusivu"), class_="brand"), who, _nav(viewer, current)),
        tag("main", _flash(flash), tag("h1", title), body, id="sisalto", tabindex="-1"),
        tag("footer", tag("p", T.FOOTER)),
    )
    return document(lang="fi", title=f"{title} – {T.APP_NAME}", head=head, body=tag("body", page))
