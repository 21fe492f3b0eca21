""""Instruction needed" items for the communications team (desk staff see and add them too)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from archiving.enums import Role
from bot.desk import needs
from bot.desk.gaps import gaps_from_question_log
from bot.web import texts as T
from bot.web.context import Page, PageRequest, Redirect
from bot.web.forms import button, local, post_form, table
from bot.web.html import fragment, tag
from bot.web.routing import perform, view
from knowledge.gaps import gap_signature

HOME = "/julkaisu/tarpeet"
SIGNATURE = "needs_gap_signature"  # in the services' extras: the question log as it was at this instance's last regrouping


def _refresh(req: PageRequest) -> None:
    """Open tickets every time; the question log's gaps when a new one was logged since this instance last grouped them."""
    engine = req.ctx.engine
    extras = getattr(req.ctx.services, "extras", None)
    memo = extras if isinstance(extras, dict) else {}
    signature = gap_signature(engine)
    gaps = gaps_from_question_log(engine) if memo.get(SIGNATURE) != signature else None
    needs.refresh(engine, gaps, now=req.ctx.clock())
    memo[SIGNATURE] = signature


@view(Role.COMMUNICATIONS, Role.DESK, current=HOME)
def needs_list(req: PageRequest) -> Page:
    """The open items (or all), brought up to date first: nothing to import by hand."""
    _refresh(req)
    show_all = req.query.get("kaikki") == "1"
    states = needs.STATES if show_all else ("open",)
    zone = ZoneInfo(req.ctx.settings.desk_timezone)
    rows = []
    for need in needs.list_needs(req.ctx.engine, states=states):
        actions = (
            fragment(
                post_form(f"{HOME}/{need.id}/tehty", req.viewer, button(T.NEEDS_DONE), label=f"{T.NEEDS_DONE}: #{need.id}"),
                post_form(f"{HOME}/{need.id}/hylatty", req.viewer, button(T.NEEDS_DISMISS, secondary=True), label=f"{T.NEEDS_DISMISS}: #{need.id}"),
            )
            if need.state == "open"
            else T.NEEDS_STATES.get(need.state, need.state)
        )
        slug = tag("a", need.slug, href=f"/julkaisu/ohje/{need.slug}") if need.slug else "–"
        rows.append((need.summary, T.NEEDS_SOURCES.get(need.source, need.source), need.occurrences, slug, local(need.updated_at, zone), actions))
    body = fragment(
        tag("p", T.NEEDS_INTRO),
        tag("p", tag("a", T.NEEDS_SHOW_ALL, href=f"{HOME}?kaikki=1")) if not show_all else None,
        table(T.NEEDS_TITLE, T.NEEDS_HEADERS, rows, numeric=(2,), empty=T.NEEDS_EMPTY),
    )
    return Page(T.NEEDS_TITLE, body)


@view(Role.COMMUNICATIONS, Role.DESK)
def set_state(req: PageRequest) -> Redirect:
    need_id = req.path_id("need_id")
    state = "done" if req.path.endswith("/tehty") else "dismissed"
    return perform(lambda: needs.set_state(req.ctx.engine, req.viewer.actor(), need_id, state, now=req.ctx.clock()), T.NEEDS_DONE_OK, HOME)
