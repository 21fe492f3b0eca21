"""``/seuranta/asiakirjat``: the documents behind a follow-up figure, with their authors and why archiving failed.

The core checks the unit against the viewer's rights (someone else's unit looks
missing) and audit-logs every document listed. No client is named.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from archiving.db import read_only
from archiving.enums import Role
from archiving.errors import InvalidInput, UnitNotFound
from archiving.followup import SERIES, require_unit
from archiving.followup_documents import documents_behind
from bot.web import texts as T
from bot.web.context import Page, PageRequest
from bot.web.forms import fi_date, local, parse_date_fi, table
from bot.web.html import fragment, tag
from bot.web.routing import NotFound, view


def _week(text: str) -> dt.date | None:
    return parse_date_fi(text) if text else None


@view(Role.CONTACT_PERSON, Role.ARCHIVIST, current="/seuranta")
def documents(req: PageRequest) -> Page:
    zone = ZoneInfo(req.ctx.settings.desk_timezone)
    actor = req.viewer.actor()
    unit_id = req.int_param("yksikko")
    worker_id = req.int_param("tyontekija")
    status = req.query.get("tila") or None
    series = req.query.get("sarja") or None
    week = _week(req.query.get("viikko", ""))
    if unit_id is None:
        raise NotFound()
    with read_only(req.ctx.engine) as session:
        try:
            unit_name = require_unit(session, actor, unit_id).name
        except UnitNotFound:
            raise NotFound() from None
    try:
        listing = documents_behind(
            req.ctx.engine, actor, unit_id, now=req.ctx.clock(), zone=zone, status=status, series=series, week=week, worker_id=worker_id
        )
    except UnitNotFound:
        raise NotFound() from None
    except InvalidInput as error:
        return Page(T.FOLLOWUP_DOCS_TITLE.format(unit=unit_name), tag("p", error.message_fi, role="alert"), status=400)
    filters = []
    if status is not None:
        filters.append(T.FOLLOWUP_DOCS_STATUS.format(status=T.FOLLOWUP_STATUS.get(status, status)))
    if series in SERIES and week is not None:
        monday = week - dt.timedelta(days=week.weekday())
        filters.append(T.FOLLOWUP_DOCS_SERIES.format(label=T.FOLLOWUP_SERIES[series], week=monday.isocalendar().week,
                                                      first=fi_date(monday), last=fi_date(monday + dt.timedelta(days=6))))  # fmt: skip
    if worker_id is not None and listing.rows:
        filters.append(T.FOLLOWUP_DOCS_WORKER.format(name=listing.rows[0].author_name))
    rows = [
        (T.FOLLOWUP_DOCS_NUMBER.format(id=d.document_id, title=d.title), d.author_name, T.FOLLOWUP_STATUS.get(d.status, d.status),
         local(d.moment, zone), d.reason_fi or "")
        for d in listing.rows
    ]  # fmt: skip
    back = "/seuranta?" + urlencode({"yksikko": unit_id})
    body = fragment(
        tag("p", tag("a", T.FOLLOWUP_BACK, href=back)),
        tag("ul", [tag("li", f) for f in filters]) if filters else None,
        tag("p", T.FOLLOWUP_DOCS_HINT, class_="hint"),
        tag("p", T.FOLLOWUP_DOCS_LIMITED.format(shown=len(rows), total=listing.total)) if listing.total > len(rows) else None,
        table(T.FOLLOWUP_DOCS_CAPTION, T.FOLLOWUP_DOCS_HEADERS, rows, empty=T.FOLLOWUP_DOCS_EMPTY),
    )  # fmt: skip
    return Page(T.FOLLOWUP_DOCS_TITLE.format(unit=unit_name), body)
