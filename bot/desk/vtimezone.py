"""A compact, exact VTIMEZONE for the years an invitation spans, built from zoneinfo's transitions.

icalendar's own generator writes the spring-forward DTSTART in the new offset
(04:00 instead of 03:00 for Helsinki); RFC 5545 wants the local time before
the change. This module finds each offset change by scanning the UTC hours of
the years in question and writes it the RFC way.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard


def transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta, str]]:
    """(UTC instant, offset before, offset after, name after) for every change in the years."""
    out = []
    moment = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    previous = moment.astimezone(zone).utcoffset()
    while moment < end:
        moment += dt.timedelta(hours=1)
        local = moment.astimezone(zone)
        offset = local.utcoffset()
        if offset != previous:
            # narrow down to the minute (zones with half-hour changes exist)
            exact = moment - dt.timedelta(hours=1)
            while exact.astimezone(zone).utcoffset() == previous:
                exact += dt.timedelta(minutes=1)
            out.append((exact, previous, offset, exact.astimezone(zone).tzname() or ""))  # type: ignore[arg-type]
            previous = offset
    return out


def vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of ``zone`` valid from ``first_year`` to ``last_year`` (inclusive)."""
    tz = Timezone()
    tz.add("tzid", zone.key)
    start = dt.datetime(first_year, 1, 1, tzinfo=zone)
    base = TimezoneStandard() if not start.dst() else TimezoneDaylight()
    base.add("dtstart", dt.datetime(first_year, 1, 1))
    base.add("tzname", start.tzname())
    base.add("tzoffsetfrom", start.utcoffset())
    base.add("tzoffsetto", start.utcoffset())
    tz.add_component(base)
    for instant, before, after, name in transitions(zone, first_year, last_year):
        component = TimezoneDaylight() if after > before else TimezoneStandard()
        component.add("dtstart", (instant + before).replace(tzinfo=None))  # local time before the change
        component.add("tzname", name)
        component.add("tzoffsetfrom", before)
        component.add("tzoffsetto", after)
        tz.add_component(component)
    return tz
