"""The pure calendar: weekdays, two slots, Finnish holidays, the eves, closures and DST."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from bot.desk.config import DeskConfig
from bot.desk.schedule import (
    DeskCalendar,
    closed_reason,
    closed_weekdays,
    midsummer_eve,
    planned_sessions,
)
from bot.settings import SettingsError, load_settings

UTC = dt.UTC


def days_of(sessions) -> list[dt.date]:
    return sorted({s.day for s in sessions})


def test_two_sessions_each_weekday_at_the_default_times() -> None:
    sessions = planned_sessions(DeskCalendar(), dt.date(2026, 3, 9), 1)  # Mon 9 March 2026, winter time
    assert len(sessions) == 10
    assert days_of(sessions) == [dt.date(2026, 3, d) for d in (9, 10, 11, 12, 13)]
    monday = [s for s in sessions if s.day == dt.date(2026, 3, 9)]
    assert [(s.slot, s.start, s.end) for s in monday] == [
        ("09:00-09:30", dt.datetime(2026, 3, 9, 7, 0, tzinfo=UTC), dt.datetime(2026, 3, 9, 7, 30, tzinfo=UTC)),
        ("13:00-13:30", dt.datetime(2026, 3, 9, 11, 0, tzinfo=UTC), dt.datetime(2026, 3, 9, 11, 30, tzinfo=UTC)),
    ]


def test_change_to_summer_time_keeps_local_times() -> None:
    """Clocks go forward on Sunday 29 March 2026: 09:00 is 07:00 UTC on Friday, 06:00 UTC on Monday."""
    sessions = planned_sessions(DeskCalendar(), dt.date(2026, 3, 27), 1)
    friday = next(s for s in sessions if s.day == dt.date(2026, 3, 27) and s.slot == "09:00-09:30")
    monday = next(s for s in sessions if s.day == dt.date(2026, 3, 30) and s.slot == "09:00-09:30")
    assert friday.start == dt.datetime(2026, 3, 27, 7, 0, tzinfo=UTC)
    assert monday.start == dt.datetime(2026, 3, 30, 6, 0, tzinfo=UTC)
    helsinki = DeskCalendar().zone
    assert {s.start.astimezone(helsinki).time() for s in sessions} == {dt.time(9), dt.time(13)}
    assert all(s.end - s.start == dt.timedelta(minutes=30) for s in sessions)


def test_change_back_to_winter_time_keeps_local_times() -> None:
    """Clocks go back on Sunday 25 October 2026: 13:00 is 10:00 UTC on Friday, 11:00 UTC on Monday."""
    sessions = planned_sessions(DeskCalendar(), dt.date(2026, 10, 23), 1)
    friday = next(s for s in sessions if s.day == dt.date(2026, 10, 23) and s.slot == "13:00-13:30")
    monday = next(s for s in sessions if s.day == dt.date(2026, 10, 26) and s.slot == "13:00-13:30")
    assert friday.start == dt.datetime(2026, 10, 23, 10, 0, tzinfo=UTC)
    assert monday.start == dt.datetime(2026, 10, 26, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "day, name",
    [
        (dt.date(2026, 1, 1), "Uudenvuodenpäivä"),
        (dt.date(2026, 1, 6), "Loppiainen"),
        (dt.date(2026, 4, 3), "Pitkäperjantai"),
        (dt.date(2026, 4, 6), "Toinen pääsiäispäivä"),
        (dt.date(2026, 5, 1), "Vappu"),
        (dt.date(2026, 5, 14), "Helatorstai"),
        (dt.date(2027, 12, 6), "Itsenäisyyspäivä"),
        (dt.date(2026, 12, 25), "Joulupäivä"),
        (dt.date(2026, 12, 24), "Jouluaatto"),
        (dt.date(2026, 6, 19), "Juhannusaatto"),
    ],
)
def test_public_holidays_and_eves_are_closed_by_default(day: dt.date, name: str) -> None:
    assert day.weekday() < 5
    assert closed_reason(day, DeskCalendar()) == name
    assert day not in days_of(planned_sessions(DeskCalendar(), day, 1))


def test_eves_open_when_configured() -> None:
    calendar = DeskCalendar(close_midsummer_eve=False, close_christmas_eve=False)
    for eve in (dt.date(2026, 6, 19), dt.date(2026, 12, 24)):
        assert closed_reason(eve, calendar) is None
        assert eve in days_of(planned_sessions(calendar, eve, 1))
    only_midsummer_open = DeskCalendar(close_midsummer_eve=False)
    assert closed_reason(dt.date(2026, 12, 24), only_midsummer_open) == "Jouluaatto"
    assert closed_reason(dt.date(2026, 12, 25), calendar) == "Joulupäivä"  # a real holiday stays closed


def test_midsummer_eve_rule_agrees_with_the_holidays_package() -> None:
    for year in range(2020, 2041):
        listed = {d for d, n in holidays.Finland(years=year, language="fi").items() if n == "Juhannusaatto"}
        assert listed == {midsummer_eve(year)}


def test_closure_days_and_the_exdate_list() -> None:
    calendar = DeskCalendar(closures=frozenset({dt.date(2026, 3, 25)}))
    sessions = planned_sessions(calendar, dt.date(2026, 3, 23), 3)
    assert dt.date(2026, 3, 25) not in days_of(sessions)
    assert closed_weekdays(calendar, dt.date(2026, 3, 23), dt.date(2026, 4, 10)) == [
        (dt.date(2026, 3, 25), "closure"),
        (dt.date(2026, 4, 3), "Pitkäperjantai"),
        (dt.date(2026, 4, 6), "Toinen pääsiäispäivä"),
    ]
    # 15 weekdays, three of them closed, two sessions each
    assert len(sessions) == (15 - 3) * 2


def test_session_times_come_from_the_settings() -> None:
    settings = load_settings(
        {
            "ARKISTOBOTTI_DESK_SESSION_TIMES": "12:00-12:45, 08:30-09:00 ,15:00-15:30",
            "ARKISTOBOTTI_DESK_CLOSURE_DAYS": "2026-03-11",
            "ARKISTOBOTTI_DESK_CLOSE_CHRISTMAS_EVE": "false",
        }
    )
    config = DeskConfig.from_settings(settings)
    assert config.calendar.close_christmas_eve is False
    sessions = planned_sessions(config.calendar, dt.date(2026, 3, 9), 1)
    assert [s.slot for s in sessions if s.day == dt.date(2026, 3, 9)] == ["08:30-09:00", "12:00-12:45", "15:00-15:30"]
    assert dt.date(2026, 3, 11) not in days_of(sessions)


@pytest.mark.parametrize("value", ["9-10", "10:00-09:00", "", "aamu"])
def test_bad_session_times_name_the_variable(value: str) -> None:
    with pytest.raises(SettingsError, match="ARKISTOBOTTI_DESK_SESSION_TIMES"):
        load_settings({"ARKISTOBOTTI_DESK_SESSION_TIMES": value})


def test_weeks_must_be_positive() -> None:
    with pytest.raises(ValueError):
        planned_sessions(DeskCalendar(), dt.date(2026, 3, 9), 0)
