"""Session times as people read them: Finnish for chat, ISO-like English for the CLI."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.desk import texts as T


def fi_clock(moment: dt.datetime) -> str:
    """``9.00`` (Finnish style: a dot between hours and minutes)."""
    return f"{moment.hour}.{moment.minute:02d}"


def when_fi(start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> str:
    """``tiistaina 3.3. klo 9.00–9.30`` in the desk's time zone."""
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return T.WHEN.format(
        weekday=T.WEEKDAYS_FI[local_start.weekday()],
        day=local_start.day,
        month=local_start.month,
        start=fi_clock(local_start),
        end=fi_clock(local_end),
    )


def moment_fi(moment: dt.datetime, zone: ZoneInfo) -> str:
    """``maanantaina 23.3. klo 8.50`` in the desk's time zone."""
    local = moment.astimezone(zone)
    return f"{T.WEEKDAYS_FI[local.weekday()]} {local.day}.{local.month}. klo {fi_clock(local)}"


def day_fi(day: dt.date) -> str:
    """``Maanantai 23.3.2026``: a heading's date with its weekday."""
    return f"{T.WEEKDAY_NAMES_FI[day.weekday()].capitalize()} {day.day}.{day.month}.{day.year}"


def when_en(start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> str:
    """``2026-03-03 09:00-09:30 Europe/Helsinki`` for CLI messages."""
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return f"{local_start:%Y-%m-%d %H:%M}-{local_end:%H:%M} {zone.key}"


def slot_fi(slot: str) -> tuple[str, str]:
    """``"09:00-09:30"`` as (``9.00``, ``9.30``)."""
    start, end = slot.split("-")
    return tuple(f"{int(p[:2])}.{p[3:5]}" for p in (start, end))  # type: ignore[return-value]
