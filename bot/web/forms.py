"""Accessible building blocks: labelled fields, POST forms with the CSRF token, data tables, times."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from bot.web.auth import Viewer
from bot.web.html import Markup, tag


def csrf_field(viewer: Viewer) -> Markup:
    return tag("input", type="hidden", name="csrf", value=viewer.csrf)


def post_form(action: str, viewer: Viewer, *children: Any, class_: str = "inline", label: str | None = None, **attrs: Any) -> Markup:
    """A POST form carrying the CSRF token; ``label`` names it for screen readers."""
    return tag("form", csrf_field(viewer), *children, method="post", action=action, class_=class_, aria_label=label, **attrs)


def button(label: str, *, name: str | None = None, value: str | None = None, secondary: bool = False, **attrs: Any) -> Markup:
    return tag("button", label, type="submit", name=name, value=value, class_="secondary" if secondary else None, **attrs)


def described(control: Markup, control_id: str, hint_id: str | None, error_id: str | None) -> Markup:
    """The control with its hint and error read out by screen readers, and marked invalid when there is an error."""
    ids = " ".join(i for i in (error_id, hint_id) if i)
    if not ids:
        return control
    extra = f' aria-describedby="{ids}"' + (' aria-invalid="true"' if error_id else "")
    return Markup(control.replace(f'id="{control_id}"', f'id="{control_id}"{extra}', 1))


def field_error(control_id: str, errors: list[str] | None) -> Markup | None:
    """The field's error messages, to be shown above the control."""
    if not errors:
        return None
    return tag("p", [tag("span", e, class_="error-line") for e in errors], id=f"{control_id}-virhe", class_="field-error")


def field(control_id: str, label: str, control: Markup, hint: str | None = None, errors: list[str] | None = None) -> Markup:
    """A label tied to its control, with an optional hint and errors read out by screen readers."""
    hint_id = f"{control_id}-ohje" if hint else None
    error_id = f"{control_id}-virhe" if errors else None
    control = described(control, control_id, hint_id, error_id)
    return tag(
        "div", tag("label", label, for_=control_id), tag("p", hint, id=hint_id, class_="hint") if hint else None,
        field_error(control_id, errors), control, class_="field field-invalid" if errors else "field",
    )  # fmt: skip


def text_input(name: str, control_id: str, value: str = "", *, required: bool = False, maxlength: int | None = None, type_: str = "text", **attrs: Any) -> Markup:
    return tag("input", type=type_, name=name, id=control_id, value=value, required=required, maxlength=maxlength, **attrs)


def textarea(name: str, control_id: str, value: str = "", *, rows: int = 4, required: bool = False, maxlength: int | None = None, **attrs: Any) -> Markup:
    return tag("textarea", value, name=name, id=control_id, rows=rows, required=required, maxlength=maxlength, **attrs)


def select(name: str, control_id: str, options: Iterable[tuple[str, str]], selected: str | None = None) -> Markup:
    return tag(
        "select",
        [tag("option", label, value=value, selected=value == selected) for value, label in options],
        name=name,
        id=control_id,
    )


def checkbox(name: str, control_id: str, label: str, *, checked: bool = False) -> Markup:
    return tag("div", tag("input", type="checkbox", name=name, id=control_id, value="1", checked=checked), " ", tag("label", label, for_=control_id, class_="inline-label"), class_="check")


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, numeric: Iterable[int] = (), empty: str = "") -> Markup:
    """A data table with a caption and column headers; ``numeric`` columns align right."""
    numeric = set(numeric)
    body = [
        tag("tr", [tag("td", cell, class_="num" if i in numeric else None) for i, cell in enumerate(row)])
        for row in rows
    ]
    if not body:
        return tag("p", empty or caption, class_="empty")
    head = tag("thead", tag("tr", [tag("th", h, scope="col", class_="num" if i in numeric else None) for i, h in enumerate(headers)]))
    return tag("table", tag("caption", caption), head, tag("tbody", body))


def local(moment: dt.datetime | None, zone: ZoneInfo, *, with_date: bool = True) -> str:
    """``16.3.2026 klo 9.05`` (or ``9.05``) in the desk's time zone."""
    if moment is None:
        return ""
    value = moment.astimezone(zone)
    clock = f"{value.hour}.{value.minute:02d}"
    return f"{value.day}.{value.month}.{value.year} klo {clock}" if with_date else clock


_FI_DATE = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})\s*$")


def parse_date_fi(text: str) -> dt.date | None:
    """``5.1.2026`` (also ``05.01.2026``, and ISO ``2026-01-05`` from old links); None when it is no date."""
    text = text[:40]
    match = _FI_DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            value = dt.date(year, month, day)
        else:
            value = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if 1900 < value.year < 2200 else None  # a period around it must stay within the calendar


def fi_date(day: dt.date) -> str:
    """``5.1.2026``."""
    return f"{day.day}.{day.month}.{day.year}"
