"""The desk console: today's sessions with their queues, and the open tickets (desk staff only)."""

from __future__ import annotations

from archiving.db import read_only
from archiving.enums import Role
from bot.desk import queue, queue_calls, sessions, ticket_views
from bot.desk.config import DeskConfig
from bot.desk.formatting import day_fi, fi_clock, moment_fi
from bot.desk.schedule import local_today
from bot.desk.texts import QUEUE_STATES
from bot.web import texts as T
from bot.web.context import Page, PageRequest, Redirect
from bot.web.forms import button, checkbox, field, local, post_form, table, textarea
from bot.web.html import Markup, fragment, tag
from bot.web.routing import perform, view

HOME = "/deski"


def _config(req: PageRequest) -> DeskConfig:
    return DeskConfig.from_settings(req.ctx.settings)


def _entry_actions(req: PageRequest, row: queue_calls.QueueRow) -> Markup:
    if row.state not in queue.ACTIVE:
        return Markup("")
    base = f"/deski/jono/{row.entry_id}"
    note_id = f"muistiinpano-{row.entry_id}"
    need_id = f"ohjetarve-{row.entry_id}"
    return fragment(
        post_form(f"{base}/valmis", req.viewer, button(T.DESK_DONE), label=f"{T.DESK_DONE}: {row.worker_name}"),
        post_form(f"{base}/poissa", req.viewer, button(T.DESK_MISSED, secondary=True), label=f"{T.DESK_MISSED}: {row.worker_name}"),
        tag("details", tag("summary", T.DESK_NOTE_ADD), post_form(
            f"{base}/muistiinpano", req.viewer,
            field(note_id, T.DESK_NOTE_LABEL, textarea("note", note_id, rows=2, required=True, maxlength=queue.NOTE_LIMIT)),
            checkbox("needs_instruction", need_id, T.DESK_NOTE_NEEDS), button(T.DESK_NOTE_SAVE, secondary=True),
            class_="note-form", label=f"{T.DESK_NOTE_LABEL}: {row.worker_name}",
        ), class_="note"),  # fmt: skip
    )


def _call_control(req: PageRequest, view_: sessions.SessionView, config: DeskConfig, heading: str) -> Markup:
    """The call button while calling is open; before that a disabled one saying when it opens; nothing afterwards."""
    opens, closes = queue_calls.call_window(view_.start, view_.end, config)
    now = req.ctx.clock()
    label = f"{T.DESK_CALL_NEXT}, {heading}"
    if now > closes:
        return Markup("")
    if now < opens:
        hint_id = f"kutsu-{view_.id}-ohje"
        return fragment(
            post_form(f"/deski/istunto/{view_.id}/seuraava", req.viewer, button(T.DESK_CALL_NEXT, disabled=True, aria_describedby=hint_id), label=label),
            tag("p", T.DESK_CALL_OPENS.format(when=moment_fi(opens, config.calendar.zone)), id=hint_id, class_="hint"),
        )  # fmt: skip
    return post_form(f"/deski/istunto/{view_.id}/seuraava", req.viewer, button(T.DESK_CALL_NEXT), label=label)


def _session_block(req: PageRequest, view_: sessions.SessionView, config: DeskConfig) -> Markup:
    zone = config.calendar.zone
    start, end = fi_clock(view_.start.astimezone(zone)), fi_clock(view_.end.astimezone(zone))
    heading = T.DESK_SESSION_HEADING.format(day=day_fi(view_.day), start=start, end=end)
    if view_.status != "scheduled":
        return tag("section", tag("h3", heading, " ", tag("span", T.DESK_SESSION_CANCELLED, class_="badge")))
    opens, closes = queue_calls.call_window(view_.start, view_.end, config)
    now = req.ctx.clock()
    state = T.DESK_SESSION_OVER if now > closes else T.DESK_SESSION_OPEN if now >= opens else None
    hosts = ", ".join(name for _, name in view_.hosts)
    with read_only(req.ctx.engine) as session:
        rows = queue_calls.session_queue(session, view_.id)
    table_rows = [
        (r.position or "", r.worker_name, r.topic, QUEUE_STATES.get(r.state, r.state), local(r.joined_at, zone, with_date=False),
         r.notes or "", _entry_actions(req, r))
        for r in rows
    ]  # fmt: skip
    return tag(
        "section",
        tag("h3", heading, " ", tag("span", state, class_="badge") if state else None),
        tag("p", T.DESK_HOSTS.format(hosts=hosts) if hosts else T.DESK_NO_HOST, " · ", tag("a", T.DESK_MEETING, href=view_.meeting_url, rel="noopener noreferrer", target="_blank")),
        _call_control(req, view_, config, heading),
        table(T.DESK_QUEUE_CAPTION.format(start=start), T.DESK_QUEUE_HEADERS, table_rows, empty=T.DESK_QUEUE_EMPTY),
        aria_label=heading,
    )


@view(Role.DESK, current=HOME)
def console(req: PageRequest) -> Page:
    """Today's sessions with queues, the next one when none is left today (with its date), and the open tickets."""
    config = _config(req)
    now = req.ctx.clock()
    today = local_today(now, config.calendar)
    todays = sessions.list_sessions(req.ctx.engine, today, today, include_cancelled=True)
    parts: list[Markup] = []
    if todays:
        parts += [tag("h2", T.DESK_TODAY), *[_session_block(req, v, config) for v in todays]]
    left_today = any(v.status == "scheduled" and now <= queue_calls.call_window(v.start, v.end, config)[1] for v in todays)
    if not left_today:
        upcoming = sessions.upcoming(req.ctx.engine, now, limit=1)  # today's are over: this is another day's
        blocks = [_session_block(req, v, config) for v in upcoming] or [tag("p", T.DESK_NO_UPCOMING)]
        parts += [tag("h2", T.DESK_NEXT), tag("p", T.DESK_NO_MORE_SESSIONS if todays else T.DESK_NO_SESSIONS), *blocks]
    open_tickets = ticket_views.list_tickets(req.ctx.engine, req.viewer.actor(), states=ticket_views.OPEN_STATES)
    ticket_rows = [
        (tag("a", f"#{t.id}", href=f"/deski/tiketit/{t.id}"), local(t.created_at, config.calendar.zone), t.worker_name, t.worker_unit or "–",
         t.question if len(t.question) <= 120 else t.question[:119] + "…", T.TICKET_STATES_DESK.get(t.state, t.state), t.assignee_name or "–")
        for t in open_tickets
    ]  # fmt: skip
    body = fragment(
        *parts,
        tag("h2", T.DESK_TICKETS),
        table(T.DESK_TICKETS, T.DESK_TICKET_HEADERS, ticket_rows, empty=T.DESK_TICKETS_EMPTY),
    )
    return Page(T.DESK_TITLE, body)


@view(Role.DESK)
def call_next(req: PageRequest) -> Redirect:
    session_id = req.path_id("session_id")
    called: list[queue_calls.QueueRow] = []
    config = _config(req)
    redirect = perform(
        lambda: called.append(queue_calls.call_next(req.ctx.engine, req.viewer.actor(), session_id, now=req.ctx.clock(), config=config)), "", HOME
    )
    if called:
        redirect.flash = ("ok", T.DESK_CALLED_OK.format(name=called[0].worker_name))
    return redirect


@view(Role.DESK)
def finish(req: PageRequest) -> Redirect:
    entry_id = req.path_id("entry_id")
    outcome = "missed" if req.path.endswith("/poissa") else "done"
    text = T.DESK_MISSED_OK if outcome == "missed" else T.DESK_DONE_OK
    return perform(lambda: queue_calls.finish_entry(req.ctx.engine, req.viewer.actor(), entry_id, now=req.ctx.clock(), outcome=outcome), text, HOME)


@view(Role.DESK)
def note(req: PageRequest) -> Redirect:
    entry_id = req.path_id("entry_id")
    needs = req.form.get("needs_instruction") == "1"
    return perform(
        lambda: queue_calls.add_note(req.ctx.engine, req.viewer.actor(), entry_id, req.form.get("note", ""), now=req.ctx.clock(), needs_instruction=needs),
        T.DESK_NOTE_OK, HOME,
    )  # fmt: skip
