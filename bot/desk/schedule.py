"""When the desk is open: weekdays, configured daily slots, no public holidays or closure days.

Pure functions over dates and a :class:`DeskCalendar`; nothing here reads the
clock, the settings or the database. Local wall-clock times (Europe/Helsinki by
default) are turned into UTC with zoneinfo, so a 09:00 session stays at 09:00
across the changes to and from daylight saving time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WEEKDAYS = range(0, 5)  # Monday..Friday


@dataclass(frozen=True)
class DeskCalendar:
    """The rules of the desk's opening days and times."""

    timezone: str = "Europe/Helsinki"
    slots: tuple[tuple[dt.time, dt.time], ...] = ((dt.time(9), dt.time(9, 30)), (dt.time(13), dt.time(13, 30)))
    close_midsummer_eve: bool = True
    close_christmas_eve: bool = True
    closures: frozenset[dt.date] = field(default_factory=frozenset)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def with_closures(self, days: Iterable[dt.date]) -> DeskCalendar:
        """The same calendar with more closure days (e.g. those stored in the database)."""
        return DeskCalendar(
            self.timezone, self.slots, self.close_midsummer_eve, self.close_christmas_eve, self.closures | set(days)
        )


@dataclass(frozen=True)
class PlannedSession:
    """One session the calendar says should exist."""

    day: dt.date
    slot: str
    start: dt.datetime  # aware, UTC
    end: dt.datetime  # aware, UTC


def slot_key(start: dt.time, end: dt.time) -> str:
    """The stable name of a daily slot, e.g. ``"09:00-09:30"``; one calendar series each."""
    return f"{start:%H:%M}-{end:%H:%M}"


def midsummer_eve(year: int) -> dt.date:
    """Juhannusaatto: the Friday between 19 and 25 June."""
    june19 = dt.date(year, 6, 19)
    return june19 + dt.timedelta(days=(4 - june19.weekday()) % 7)


def christmas_eve(year: int) -> dt.date:
    return dt.date(year, 12, 24)


@lru_cache(maxsize=64)
def _finnish_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.Finland(years=year, language="fi"))


def closed_reason(day: dt.date, calendar: DeskCalendar) -> str | None:
    """Why the desk is closed on ``day`` (``weekend``, a holiday's Finnish name, ``closure``), or None."""
    if day.weekday() not in WEEKDAYS:
        return "weekend"
    if day in calendar.closures:
        return "closure"
    name = _finnish_holidays(day.year).get(day)
    if name is None:
        return None
    if day == midsummer_eve(day.year) and not calendar.close_midsummer_eve:
        return None
    if day == christmas_eve(day.year) and not calendar.close_christmas_eve:
        return None
    return name


def local_to_utc(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of a local wall-clock time on ``day``."""
    return dt.datetime.combine(day, time, tzinfo=zone).astimezone(dt.UTC)


def last_day(first: dt.date, weeks: int) -> dt.date:
    """The last day of ``weeks`` weeks from ``first``: always a Sunday, so no week is cut short.

    Weeks are whole calendar weeks: ``first`` (inclusive) and the rest of its week, then
    on to the end of the week of the ``7 * weeks``-th day. From a Monday that is exactly
    ``weeks`` weeks; from a Friday, 2 weeks cover that Friday and the two following weeks
    in full (not up to the Thursday after next).
    """
    end = first + dt.timedelta(days=weeks * 7 - 1)
    return end + dt.timedelta(days=6 - end.weekday())


def days_in_range(first: dt.date, weeks: int) -> list[dt.date]:
    """Every day from ``first`` to :func:`last_day`."""
    return [first + dt.timedelta(days=i) for i in range((last_day(first, weeks) - first).days + 1)]


def planned_sessions(calendar: DeskCalendar, first: dt.date, weeks: int) -> list[PlannedSession]:
    """The sessions of ``weeks`` whole weeks from ``first`` (see :func:`last_day`), in time order."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    zone = calendar.zone
    out: list[PlannedSession] = []
    for day in days_in_range(first, weeks):
        if closed_reason(day, calendar) is not None:
            continue
        for start, end in calendar.slots:
            out.append(PlannedSession(day, slot_key(start, end), local_to_utc(day, start, zone), local_to_utc(day, end, zone)))
    return out


def closed_weekdays(calendar: DeskCalendar, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Weekdays from ``first`` to ``last`` (inclusive) without sessions, with the reason; the EXDATEs."""
    out = []
    day = first
    while day <= last:
        reason = closed_reason(day, calendar)
        if reason is not None and reason != "weekend":
            out.append((day, reason))
        day += dt.timedelta(days=1)
    return out


def local_today(now: dt.datetime, calendar: DeskCalendar) -> dt.date:
    """The date in the desk's time zone at instant ``now``."""
    return now.astimezone(calendar.zone).date()
