"""Follow-up for archive contact persons: a unit's archived share and documents per week, and who needs help.

The figures come from ``archiving.followup`` (counts, so no audit row); every
count links to the documents behind it (``followup_documents``), which are
audit-logged when shown. A contact person sees their own unit; an archivist or
admin may pick any unit. The start date is typed the Finnish way (d.m.yyyy)
and read on the server, so the page does not follow the browser's locale.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from archiving import followup as core
from archiving.db import read_only
from archiving.enums import Role
from archiving.errors import UnitNotFound
from bot.web import texts as T
from bot.web.chart import bar_chart, legend, line_chart
from bot.web.context import Page, PageRequest
from bot.web.forms import button, fi_date, field, parse_date_fi, select as select_box, table, text_input
from bot.web.html import Markup, fragment, tag
from bot.web.routing import NotFound, view

WEEK_CHOICES = (8, 9, 10, 11, 12)
WEEK_RANGE = frozenset(str(n) for n in range(1, 53))  # the "viikot" values accepted from the query (ASCII digits only)
DOCUMENTS = "/seuranta/asiakirjat"


def documents_link(count: int, label: str, **params: object) -> Markup | int:
    """A count that leads to the documents behind it (a zero stays a plain number)."""
    if not count:
        return count
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return tag("a", str(count), href=f"{DOCUMENTS}?{query}", aria_label=label)


def percent(share: float | None) -> str:
    return T.FOLLOWUP_PERCENT.format(percent=round(share * 100)) if share is not None else T.FOLLOWUP_NO_SHARE


def _selector(units: list, unit, weeks: int, start: str) -> Markup:  # type: ignore[no-untyped-def]
    controls = []
    if len(units) > 1:
        options = [(str(u.id), u.name) for u in units]
        controls.append(field("yksikko", T.FOLLOWUP_UNIT_LABEL, select_box("yksikko", "yksikko", options, str(unit.id))))
    week_options = [(str(n), str(n)) for n in sorted({*WEEK_CHOICES, weeks})]
    controls.append(field("viikot", T.FOLLOWUP_WEEKS_LABEL, select_box("viikot", "viikot", week_options, str(weeks))))
    controls.append(field("alkaen", T.FOLLOWUP_START_LABEL, text_input("alkaen", "alkaen", start, maxlength=10, inputmode="numeric",
                                                                        autocomplete="off"), T.FOLLOWUP_START_HINT))  # fmt: skip
    return tag("form", controls, button(T.FOLLOWUP_SHOW), method="get", action="/seuranta", class_="inline", aria_label=T.FOLLOWUP_SHOW)


def _week_label(monday: dt.date) -> str:
    return T.FOLLOWUP_WEEK.format(week=monday.isocalendar().week, first=fi_date(monday), last=fi_date(monday + dt.timedelta(days=6)))


def _charts(unit_name: str, rows: list[core.Week]) -> Markup:
    categories = [T.FOLLOWUP_WEEK_SHORT.format(week=w.monday.isocalendar().week) for w in rows]
    totals = {key: sum(w.counts[key] for w in rows) for key in core.SERIES}
    share = line_chart(
        chart_id="osuuskaavio", title=T.FOLLOWUP_SHARE_TITLE.format(unit=unit_name),
        description=T.FOLLOWUP_SHARE_DESC.format(first=percent(rows[0].share), last=percent(rows[-1].share)),
        categories=categories, values=[w.share for w in rows], point_label=T.FOLLOWUP_SHARE_POINT,
    )  # fmt: skip
    bars = bar_chart(
        chart_id="seurantakaavio", title=T.FOLLOWUP_CHART_TITLE.format(unit=unit_name),
        description=T.FOLLOWUP_CHART_DESC.format(**totals), categories=categories,
        series=[(key, T.FOLLOWUP_SERIES[key], [w.counts[key] for w in rows]) for key in core.SERIES],
    )  # fmt: skip
    return fragment(
        tag("h3", T.FOLLOWUP_SHARE_HEADING), tag("figure", share),
        tag("h3", T.FOLLOWUP_WEEKLY_HEADING), legend([(key, T.FOLLOWUP_SERIES[key]) for key in core.SERIES]), tag("figure", bars),
    )  # fmt: skip


def _week_table(unit_id: int, unit_name: str, rows: list[core.Week]) -> Markup:
    body = []
    for w in rows:
        label = _week_label(w.monday)
        links = [
            documents_link(w.counts[key], T.FOLLOWUP_LINK_LABEL.format(label=T.FOLLOWUP_SERIES[key], week=label, count=w.counts[key]),
                           yksikko=unit_id, sarja=key, viikko=w.monday.isoformat())
            for key in core.SERIES
        ]  # fmt: skip
        body.append((label, *links, percent(w.share)))
    totals = [tag("strong", sum(w.counts[key] for w in rows)) for key in core.SERIES]
    body.append((tag("strong", T.FOLLOWUP_TOTAL), *totals, tag("strong", percent(rows[-1].share))))
    return table(T.FOLLOWUP_TABLE_CAPTION.format(unit=unit_name), T.FOLLOWUP_HEADERS, body, numeric=(1, 2, 3, 4, 5))


def _workers_table(unit_id: int, people: list[core.WorkerFigures]) -> Markup:
    rows = [
        (p.name, *[documents_link(p.counts[s], f"{p.name}: {T.FOLLOWUP_STATUS[s]}, {p.counts[s]}", yksikko=unit_id, tila=s, tyontekija=p.worker_id)
                   for s in ("completed", "locked", "failed")])
        for p in people
    ]  # fmt: skip
    return table(T.FOLLOWUP_WORKERS, T.FOLLOWUP_WORKERS_HEADERS, rows, numeric=(1, 2, 3), empty=T.FOLLOWUP_WORKERS_EMPTY)


@view(Role.CONTACT_PERSON, Role.ARCHIVIST, current="/seuranta")
def followup(req: PageRequest) -> Page:
    zone = ZoneInfo(req.ctx.settings.desk_timezone)
    actor = req.viewer.actor()
    raw_weeks = req.query.get("viikot", "")
    weeks = int(raw_weeks) if raw_weeks in WEEK_RANGE else req.ctx.settings.followup_weeks
    today = req.ctx.clock().astimezone(zone).date()
    this_monday = today - dt.timedelta(days=today.weekday())
    start_text = req.query.get("alkaen", "").strip()[:40]
    chosen = parse_date_fi(start_text) if start_text else None
    bad_date = bool(start_text) and chosen is None
    first_monday = chosen - dt.timedelta(days=chosen.weekday()) if chosen else this_monday - dt.timedelta(weeks=weeks - 1)
    with read_only(req.ctx.engine) as session:
        units = core.visible_units(session, actor)
        if not units:
            return Page(T.FOLLOWUP_TITLE, tag("p", T.FOLLOWUP_NO_UNIT))
        asked = req.query.get("yksikko")
        wanted = req.int_param("yksikko")
        unit = next((u for u in units if u.id == wanted), None) if asked else units[0]
        if unit is None:
            raise NotFound()  # a unit the viewer may not see looks like a missing one
        unit_id, unit_name = int(unit.id), unit.name  # type: ignore[arg-type]
        try:
            rows = core.weekly_figures(session, actor, unit_id, first_monday, weeks, zone)
            now_counts = core.status_counts(session, actor, unit_id)
            people = core.unfinished_by_worker(session, actor, unit_id)
        except UnitNotFound:
            raise NotFound() from None
        session.expunge_all()  # units stay readable after read_only's rollback
    last_day = first_monday + dt.timedelta(weeks=weeks, days=-1)
    status_rows = [
        (T.FOLLOWUP_STATUS.get(s, s), documents_link(n, f"{T.FOLLOWUP_STATUS.get(s, s)}: {n}", yksikko=unit_id, tila=s))
        for s, n in sorted(now_counts.items())
    ]  # fmt: skip
    body = fragment(
        tag("div", tag("strong", f"{T.FLASH_ERROR}: "), T.FOLLOWUP_BAD_DATE.format(text=start_text), class_="flash flash-error", role="alert")
        if bad_date else None,
        tag("p", T.FOLLOWUP_INTRO),
        _selector(units, unit, weeks, fi_date(chosen) if chosen else start_text),
        tag("h2", T.FOLLOWUP_PERIOD.format(unit=unit_name, first=fi_date(first_monday), last=fi_date(last_day), weeks=weeks)),
        _charts(unit_name, rows),
        _week_table(unit_id, unit_name, rows),
        tag("h2", T.FOLLOWUP_WORKERS), tag("p", T.FOLLOWUP_WORKERS_INTRO), _workers_table(unit_id, people),
        tag("h2", T.FOLLOWUP_NOW),
        table(T.FOLLOWUP_NOW, T.FOLLOWUP_NOW_HEADERS, status_rows, numeric=(1,)),
    )  # fmt: skip
    return Page(T.FOLLOWUP_TITLE, body, status=400 if bad_date else 200)
