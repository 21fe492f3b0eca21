"""One ticket for desk staff: the question, the bot's guesses, the thread, and reply/assign/resolve/close."""

from __future__ import annotations

from archiving.db import read_only
from archiving.enums import Role
from archiving.errors import DomainError
from archiving.ids import parse_id
from bot.desk import errors, needs, roster, ticket_views, tickets
from bot.desk.config import DeskConfig
from bot.web import texts as T
from bot.web.context import Page, PageRequest, Redirect
from bot.web.forms import button, field, local, post_form, select, textarea
from bot.web.html import Markup, fragment, tag
from bot.web.routing import NotFound, perform, view


def _load(req: PageRequest) -> ticket_views.TicketView:
    try:
        return ticket_views.get_ticket(req.ctx.engine, req.viewer.actor(), req.path_id("ticket_id"))
    except DomainError:
        raise NotFound() from None


def _actions(req: PageRequest, t: ticket_views.TicketView) -> Markup:
    base = f"/deski/tiketit/{t.id}"
    parts = []
    if t.state in ticket_views.OPEN_STATES:
        with read_only(req.ctx.engine) as session:
            staff = [(str(w.id), w.name) for w in roster.desk_staff(session)]
        parts += [
            post_form(f"{base}/ota", req.viewer, button(T.TICKET_ASSIGN_ME)),
            post_form(
                f"{base}/ota", req.viewer,
                field("kasittelija", T.TICKET_ASSIGNEE_LABEL, select("assignee", "kasittelija", staff, str(t.assignee_id or ""))),
                button(T.TICKET_ASSIGN_TO, secondary=True),
            ),  # fmt: skip
            post_form(
                f"{base}/vastaa", req.viewer,
                field("vastaus", T.TICKET_REPLY_LABEL, textarea("message", "vastaus", rows=4, required=True, maxlength=tickets.MESSAGE_LIMIT)),
                button(T.TICKET_REPLY), class_="stacked",
            ),  # fmt: skip
        ]
        if t.state in ("assigned", "waiting"):
            parts.append(post_form(
                f"{base}/ratkaise", req.viewer,
                field("ratkaisu", T.TICKET_RESOLVE_LABEL, textarea("note", "ratkaisu", rows=2, maxlength=tickets.MESSAGE_LIMIT)),
                button(T.TICKET_RESOLVE), class_="stacked",
            ))  # fmt: skip
    if t.state != "closed":
        parts.append(post_form(f"{base}/sulje", req.viewer, button(T.TICKET_CLOSE, secondary=True)))
    parts.append(post_form(f"{base}/ohjetarve", req.viewer, button(T.TICKET_NEED, secondary=True)))
    return tag("div", parts, class_="ticket-actions")


def _guessed_instructions(req: PageRequest, t: ticket_views.TicketView) -> list[tuple[str, str]]:
    """The bot's guesses as (slug, title) of instructions that still exist: people read titles, not slugs and scores."""
    kb = req.ctx.services.knowledge
    found = [(g.slug, kb.get(g.slug)) for g in t.guesses] if kb is not None else []
    return [(slug, article.title) for slug, article in found if article is not None]


@view(Role.DESK, current="/deski")
def ticket_page(req: PageRequest) -> Page:
    t = _load(req)
    zone = DeskConfig.from_settings(req.ctx.settings).calendar.zone
    meta = tag(
        "dl",
        tag("dt", T.TICKET_FROM), tag("dd", t.worker_name),
        tag("dt", T.TICKET_UNIT), tag("dd", t.worker_unit or T.TICKET_NO_UNIT),
        tag("dt", T.TICKET_OPENED), tag("dd", local(t.created_at, zone)),
        tag("dt", T.TICKET_STATE), tag("dd", T.TICKET_STATES_DESK.get(t.state, t.state)),
        tag("dt", T.TICKET_ASSIGNEE), tag("dd", t.assignee_name or "–"),
        tag("dt", T.TICKET_RATING), tag("dd", f"{t.rating}/5" if t.rating else "–"),
        class_="meta",
    )  # fmt: skip
    guessed = _guessed_instructions(req, t)
    guesses = (
        tag("ul", [tag("li", tag("a", title, href=f"/ohjeet/{slug}")) for slug, title in guessed])
        if guessed else tag("p", T.TICKET_NO_GUESSES, class_="empty")
    )  # fmt: skip
    thread = (
        tag("ol", [
            tag("li", tag("p", tag("strong", f"{T.TICKET_FROM_DESK if desk else T.TICKET_FROM_WORKER} – {author}"), " ", local(at, zone)), tag("p", body))
            for author, desk, body, at in t.messages
        ], class_="thread")
        if t.messages else tag("p", T.TICKET_NO_MESSAGES, class_="empty")
    )  # fmt: skip
    body = fragment(
        tag("p", tag("a", T.BACK_TO_CONSOLE, href="/deski")),
        meta,
        tag("h2", T.TICKET_QUESTION), tag("blockquote", t.question),
        tag("h2", T.TICKET_GUESSES), guesses,
        tag("h2", T.TICKET_MESSAGES), thread,
        _actions(req, t),
    )  # fmt: skip
    return Page(T.TICKET_TITLE.format(id=t.id), body)


@view(Role.DESK)
def ticket_action(req: PageRequest) -> Redirect:
    ticket_id = req.path_id("ticket_id")
    actor, engine, now = req.viewer.actor(), req.ctx.engine, req.ctx.clock()
    back = f"/deski/tiketit/{ticket_id}"
    verb = req.path.rsplit("/", 1)[-1]
    if verb == "ota":
        chosen = (req.form.get("assignee") or "").strip()
        target = parse_id(chosen) if chosen else None  # nothing chosen: the viewer takes it
        if chosen and target is None:
            return Redirect(back, ("error", errors.unknown_host(chosen[:40]).message_fi))
        return perform(lambda: tickets.assign(engine, actor, ticket_id, now=now, assignee_id=target), T.TICKET_ASSIGNED_OK, back)
    if verb == "vastaa":
        return perform(lambda: tickets.reply(engine, actor, ticket_id, req.form.get("message"), now=now), T.TICKET_REPLIED_OK, back)
    if verb == "ratkaise":
        return perform(lambda: tickets.resolve(engine, actor, ticket_id, now=now, note=req.form.get("note")), T.TICKET_RESOLVED_OK, back)
    if verb == "sulje":
        return perform(lambda: tickets.close(engine, actor, ticket_id, now=now), T.TICKET_CLOSED_OK, back)
    if verb == "ohjetarve":
        return perform(lambda: needs.add_from_ticket(engine, actor, ticket_id, now=now), T.TICKET_NEED_OK, back)
    raise NotFound()
