"""Invitations sent to a real local SMTP server (aiosmtpd) and parsed back with icalendar.

The series' RRULE and EXDATEs, expanded with dateutil, must give exactly the
stored sessions, across the change to summer time and around Easter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import icalendar
import pytest
from dateutil.rrule import rrulestr
from sqlmodel import select

from archiving.db import read_only
from bot.desk import closures, invitations, sessions
from bot.desk.mailer import SmtpConfig, send_invitation
from bot.desk.models import DeskSeries, InvitationSend
from bot.desk.schedule import DeskCalendar

from .support import MEETING

UTC = dt.UTC
LIST = ["sosiaalityo-kaikki@example.invalid", "sosiaaliohjaus@example.invalid"]
SENDER = "arkistodeski@example.invalid"


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: nothing here depends on the backend, and the suite stays quick (queue, tickets and
    sessions run on PostgreSQL too)."""
    return sqlite_url


def calendar_of(message) -> tuple[str, icalendar.Calendar]:
    """The iTIP method of the text/calendar part and the parsed calendar."""
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    attachments = [p for p in message.walk() if p.get_filename() == "arkistodeski.ics"]
    assert len(attachments) == 1
    return parts[0].get_param("method"), icalendar.Calendar.from_ical(parts[0].get_content())


def exdates(event) -> list[dt.datetime]:
    raw = event.get("exdate")
    lists = raw if isinstance(raw, list) else [raw] if raw is not None else []
    return [d.dt for group in lists for d in group.dts]


def expand(event) -> set[dt.datetime]:
    """Every occurrence (as UTC) the RRULE gives, minus the EXDATEs."""
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    excluded = {d.astimezone(UTC) for d in exdates(event)}
    return {d.astimezone(UTC) for d in rule} - excluded


async def send_all(batch, smtp_server, engine, now) -> None:
    host, port, _ = smtp_server
    smtp = SmtpConfig(host=host, port=port, username=None, password=None, starttls=False, use_tls=False, sender=SENDER)
    for invitation in batch:
        await send_invitation(smtp, invitation, LIST, date=now)
        invitations.record_send(engine, invitation, recipients=len(LIST), now=now)


def stored_starts(engine, slot: str) -> set[dt.datetime]:
    return {v.start for v in sessions.list_sessions(engine, dt.date(2026, 1, 1), dt.date(2027, 1, 1)) if v.slot == slot}


async def test_series_round_trip_through_smtp(engine, people, config, clock, smtp_server) -> None:
    sessions.generate(engine, config, now=clock(), weeks=4)  # 16.3.–12.4.2026: summer time from 29.3., Easter 3.–6.4.
    closures.add_closure(engine, config, dt.date(2026, 3, 25), "Koulutuspäivä", now=clock())
    batch = invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock())
    assert [(i.slot, i.sequence, i.method) for i in batch] == [("09:00-09:30", 0, "REQUEST"), ("13:00-13:30", 0, "REQUEST")]
    await send_all(batch, smtp_server, engine, clock())

    _, _, inbox = smtp_server
    assert len(inbox.envelopes) == 2
    assert sorted(inbox.envelopes[0].rcpt_tos) == sorted(LIST)
    message = inbox.messages()[0]
    assert message["Subject"] == "Kutsu: arkistoinnin neuvontadeski arkipäivisin klo 9.00–9.30"
    method, cal = calendar_of(message)
    assert method == "REQUEST" and cal["method"] == "REQUEST"
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Helsinki"]

    (event,) = cal.walk("VEVENT")
    assert event["uid"] == batch[0].uid and event["sequence"] == 0
    assert event["summary"] == "Arkistoinnin neuvontadeski klo 9.00–9.30"
    assert event["location"] == MEETING and event["url"] == MEETING and MEETING in event["description"]
    assert event["status"] == "CONFIRMED"
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert event["rrule"]["UNTIL"] == [dt.datetime(2026, 4, 10, 6, 0, tzinfo=UTC)]  # last Friday, 09:00 summer time
    assert event.decoded("dtstart") == dt.datetime(2026, 3, 16, 7, 0, tzinfo=UTC)
    assert event["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert sorted(d.date() for d in exdates(event)) == [dt.date(2026, 3, 25), dt.date(2026, 4, 3), dt.date(2026, 4, 6)]
    assert {str(a) for a in event["attendee"]} == {f"mailto:{a}" for a in LIST}
    assert str(event["organizer"]) == f"mailto:{SENDER}"

    assert expand(event) == stored_starts(engine, "09:00-09:30")
    assert dt.datetime(2026, 3, 27, 7, tzinfo=UTC) in expand(event)  # Friday before the change: 09:00 = 07:00Z
    assert dt.datetime(2026, 3, 30, 6, tzinfo=UTC) in expand(event)  # Monday after: 09:00 = 06:00Z
    _, afternoon = calendar_of(inbox.messages()[1])
    assert expand(afternoon.walk("VEVENT")[0]) == stored_starts(engine, "13:00-13:30")

    # nothing changed: nothing to send
    assert invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock()) == []


async def test_a_change_bumps_sequence_once_and_adds_the_exdate(engine, people, config, clock, smtp_server) -> None:
    sessions.generate(engine, config, now=clock(), weeks=4)
    await send_all(invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock()), smtp_server, engine, clock())
    clock.advance(days=1)
    closures.add_closure(engine, config, dt.date(2026, 4, 8), "Henkilöstöpäivä", now=clock())
    dry = invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock(), dry_run=True)
    assert [i.sequence for i in dry] == [1, 1]
    with read_only(engine) as session:
        assert [s.sequence for s in session.exec(select(DeskSeries))] == [0, 0]  # a dry run stores nothing
    batch = invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock())
    assert [i.sequence for i in batch] == [1, 1]
    await send_all(batch, smtp_server, engine, clock())
    _, _, inbox = smtp_server
    update = inbox.messages()[2]
    assert update["Subject"].startswith("Päivitetty kutsu")
    _, cal = calendar_of(update)
    event = cal.walk("VEVENT")[0]
    assert event["sequence"] == 1 and event["uid"] == batch[0].uid
    assert dt.date(2026, 4, 8) in {d.date() for d in exdates(event)}
    assert expand(event) == stored_starts(engine, "09:00-09:30")
    # --force resends the same SEQUENCE (e.g. for a new list member)
    forced = invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock(), force=True)
    assert [i.sequence for i in forced] == [1, 1]


async def test_a_removed_slot_is_cancelled(engine, people, config, clock, smtp_server) -> None:
    sessions.generate(engine, config, now=clock(), weeks=2)
    await send_all(invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock()), smtp_server, engine, clock())
    mornings_only = dataclasses.replace(config, calendar=DeskCalendar(slots=((dt.time(9), dt.time(9, 30)),)))
    sessions.generate(engine, mornings_only, now=clock(), weeks=2)
    batch = invitations.prepare(engine, mornings_only, organizer=SENDER, recipients=LIST, now=clock())
    assert [(i.slot, i.method, i.sequence) for i in batch] == [("13:00-13:30", "CANCEL", 1)]
    await send_all(batch, smtp_server, engine, clock())
    _, _, inbox = smtp_server
    cancel = inbox.messages()[-1]
    assert cancel["Subject"].startswith("Peruttu")
    method, cal = calendar_of(cancel)
    event = cal.walk("VEVENT")[0]
    assert method == "CANCEL" and cal["method"] == "CANCEL"
    assert event["status"] == "CANCELLED" and event["sequence"] == 1 and event["uid"] == batch[0].uid
    assert invitations.prepare(engine, mornings_only, organizer=SENDER, recipients=LIST, now=clock()) == []


async def test_a_failed_send_is_logged_and_retried_with_the_same_sequence(engine, people, config, clock, smtp_server) -> None:
    sessions.generate(engine, config, now=clock(), weeks=2)
    await send_all(invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock()), smtp_server, engine, clock())
    closures.add_closure(engine, config, dt.date(2026, 3, 20), "", now=clock())
    batch = invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock())
    _, port, _ = smtp_server
    dead = SmtpConfig(host="127.0.0.1", port=1, username=None, password=None, starttls=False, use_tls=False, sender=SENDER, timeout=2)
    with pytest.raises(Exception):
        await send_invitation(dead, batch[0], LIST, date=clock())
    invitations.record_send(engine, batch[0], recipients=2, now=clock(), error="ConnectionRefusedError")
    with read_only(engine) as session:
        assert [s.status for s in session.exec(select(InvitationSend).order_by(InvitationSend.id))][-1] == "failed"
    retry = invitations.prepare(engine, config, organizer=SENDER, recipients=LIST, now=clock())
    assert [i.sequence for i in retry] == [1, 1]  # not bumped twice for one change
