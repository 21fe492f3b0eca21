"""The desk's configuration as plain values, built once from the settings object."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.desk.schedule import DeskCalendar
from bot.settings import Settings


@dataclass(frozen=True)
class DeskConfig:
    """Everything the desk functions need to know besides the database and the time."""

    calendar: DeskCalendar
    meeting_url: str
    hosts_per_session: int = 1
    reminder_minutes: int = 10
    weeks_ahead: int = 4
    call_margin_minutes: int = 10  # desk staff may call from this long before a session until this long after it

    @property
    def call_margin(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.call_margin_minutes)

    @classmethod
    def from_settings(cls, settings: Settings) -> DeskConfig:
        calendar = DeskCalendar(
            timezone=settings.desk_timezone,
            slots=tuple(settings.session_times),
            close_midsummer_eve=settings.desk_close_midsummer_eve,
            close_christmas_eve=settings.desk_close_christmas_eve,
            closures=frozenset(settings.closure_days),
        )
        return cls(
            calendar=calendar,
            meeting_url=settings.desk_meeting_url,
            hosts_per_session=settings.desk_hosts_per_session,
            reminder_minutes=settings.desk_reminder_minutes,
            weeks_ahead=settings.desk_weeks_ahead,
            call_margin_minutes=settings.desk_call_margin_minutes,
        )
