"""Follow-up for archive contact persons: a unit's documents per week over the follow-up period.

Counts only (no client data, so no audit row): documents completed, locked and
archived in each week by their timestamps, and documents whose archiving
failed by the week of the failure. A contact person sees their own unit; an
archivist or admin may pick any unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import or_
from sqlalchemy import func
from sqlmodel import Session, col, select

from archiving.db import read_only
from archiving.enums import DocumentStatus, Role
from archiving.models import Document, ServiceUnit
from bot.web import texts as T
from bot.web.chart import bar_chart, legend
from bot.web.context import Page, PageRequest
from bot.web.forms import button, field, select as select_box, table, text_input
from bot.web.html import fragment, tag
from bot.web.routing import NotFound, view

SERIES = ("completed", "locked", "archived", "failed")
WEEK_CHOICES = (8, 9, 10, 11, 12)
WEEK_RANGE = frozenset(str(n) for n in range(1, 53))  # the "viikot" values accepted from the query (ASCII digits only)


@dataclass
class Week:
    monday: dt.date
    counts: dict[str, int]


def week_counts(session: Session, unit_id: int, first_monday: dt.date, weeks: int, zone: ZoneInfo) -> list[Week]:
    """Per local week from ``first_monday``: completed, locked, archived and failed documents of the unit."""
    rows = [Week(first_monday + dt.timedelta(weeks=i), dict.fromkeys(SERIES, 0)) for i in range(weeks)]
    start = dt.datetime.combine(first_monday, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(first_monday + dt.timedelta(weeks=weeks), dt.time(), tzinfo=zone)

    def bucket(moment: dt.datetime | None) -> Week | None:
        if moment is None or not (start <= moment < end):
            return None
        return rows[(moment.astimezone(zone).date() - first_monday).days // 7]

    query = select(Document.completed_at, Document.locked_at, Document.archived_at, Document.status, Document.updated_at).where(
        Document.service_unit_id == unit_id,
        or_(col(Document.completed_at) >= start, col(Document.locked_at) >= start, col(Document.archived_at) >= start,
            col(Document.updated_at) >= start),
    )  # fmt: skip
    for completed, locked, archived, status, updated in session.exec(query):
        for key, moment in (("completed", completed), ("locked", locked), ("archived", archived)):
            week = bucket(moment)
            if week is not None:
                week.counts[key] += 1
        if status == DocumentStatus.FAILED:
            week = bucket(updated)
            if week is not None:
                week.counts["failed"] += 1
    return rows


def _units(session: Session, req: PageRequest) -> list[ServiceUnit]:
    if req.viewer.has(Role.ARCHIVIST):
        return list(session.exec(select(ServiceUnit).where(ServiceUnit.active == True).order_by(col(ServiceUnit.name))))  # noqa: E712
    if req.viewer.service_unit_id is None:
        return []
    unit = session.get(ServiceUnit, req.viewer.service_unit_id)
    return [unit] if unit is not None else []


def _fi(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _selector(req: PageRequest, units: list[ServiceUnit], unit: ServiceUnit, weeks: int, start: str) -> object:
    controls = []
    if len(units) > 1:
        options = [(str(u.id), u.name) for u in units]
        controls.append(field("yksikko", T.FOLLOWUP_UNIT_LABEL, select_box("yksikko", "yksikko", options, str(unit.id))))
    week_options = [(str(n), str(n)) for n in sorted({*WEEK_CHOICES, weeks})]
    controls.append(field("viikot", T.FOLLOWUP_WEEKS_LABEL, select_box("viikot", "viikot", week_options, str(weeks))))
    controls.append(field("alkaen", T.FOLLOWUP_START_LABEL, text_input("alkaen", "alkaen", start, type_="date"), T.FOLLOWUP_START_HINT))
    return tag("form", controls, button(T.FOLLOWUP_SHOW), method="get", action="/seuranta", class_="inline", aria_label=T.FOLLOWUP_SHOW)


@view(Role.CONTACT_PERSON, Role.ARCHIVIST, current="/seuranta")
def followup(req: PageRequest) -> Page:
    zone = ZoneInfo(req.ctx.settings.desk_timezone)
    raw_weeks = req.query.get("viikot", "")
    weeks = int(raw_weeks) if raw_weeks in WEEK_RANGE else req.ctx.settings.followup_weeks
    today = req.ctx.clock().astimezone(zone).date()
    this_monday = today - dt.timedelta(days=today.weekday())
    start_text = req.query.get("alkaen", "")
    try:
        chosen = dt.date.fromisoformat(start_text) if start_text else None
    except ValueError:
        chosen = None
    first_monday = chosen - dt.timedelta(days=chosen.weekday()) if chosen else this_monday - dt.timedelta(weeks=weeks - 1)
    with read_only(req.ctx.engine) as session:
        units = _units(session, req)
        if not units:
            return Page(T.FOLLOWUP_TITLE, tag("p", T.FOLLOWUP_NO_UNIT))
        asked = req.query.get("yksikko")
        wanted = req.int_param("yksikko")
        unit = next((u for u in units if u.id == wanted), None) if asked else units[0]
        if unit is None:
            raise NotFound()  # a unit the viewer may not see looks like a missing one
        rows = week_counts(session, int(unit.id), first_monday, weeks, zone)  # type: ignore[arg-type]
        now_counts = dict(session.exec(
            select(Document.status, func.count()).where(Document.service_unit_id == unit.id).group_by(col(Document.status))
        ).all())  # fmt: skip
        session.expunge_all()  # units stay readable after read_only's rollback
    totals = {key: sum(w.counts[key] for w in rows) for key in SERIES}
    last_day = first_monday + dt.timedelta(weeks=weeks, days=-1)
    categories = [T.FOLLOWUP_WEEK_SHORT.format(week=w.monday.isocalendar().week) for w in rows]
    chart = bar_chart(
        chart_id="seurantakaavio", title=T.FOLLOWUP_CHART_TITLE.format(unit=unit.name),
        description=T.FOLLOWUP_CHART_DESC.format(**totals), categories=categories,
        series=[(key, T.FOLLOWUP_SERIES[key], [w.counts[key] for w in rows]) for key in SERIES],
    )  # fmt: skip
    week_rows = [
        (T.FOLLOWUP_WEEK.format(week=w.monday.isocalendar().week, first=_fi(w.monday), last=_fi(w.monday + dt.timedelta(days=6))),
         *[w.counts[key] for key in SERIES])
        for w in rows
    ]  # fmt: skip
    week_rows.append((tag("strong", T.FOLLOWUP_TOTAL), *[tag("strong", totals[key]) for key in SERIES]))
    status_rows = [(T.FOLLOWUP_STATUS.get(s, s), n) for s, n in sorted(now_counts.items())]
    body = fragment(
        tag("p", T.FOLLOWUP_INTRO),
        _selector(req, units, unit, weeks, start_text if chosen else ""),
        tag("h2", T.FOLLOWUP_PERIOD.format(unit=unit.name, first=_fi(first_monday), last=_fi(last_day), weeks=weeks)),
        legend([(key, T.FOLLOWUP_SERIES[key]) for key in SERIES]),
        tag("figure", chart),
        table(T.FOLLOWUP_TABLE_CAPTION.format(unit=unit.name), T.FOLLOWUP_HEADERS, week_rows, numeric=(1, 2, 3, 4)),
        tag("h2", T.FOLLOWUP_NOW),
        table(T.FOLLOWUP_NOW, T.FOLLOWUP_NOW_HEADERS, status_rows, numeric=(1,)),
    )
    return Page(T.FOLLOWUP_TITLE, body)
