"""Calendar invitations: one iCalendar series per daily slot, built from the stored sessions.

A series starts at its first session and repeats on weekdays (RRULE) until the
last generated session; every weekday in between without a session (a public
holiday, Midsummer or Christmas Eve, a closure day) is an EXDATE. When what a
series says changes, its SEQUENCE goes up by one before it is sent again; a
slot that is no longer configured is sent as METHOD:CANCEL / STATUS:CANCELLED.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Calendar, Event, vCalAddress, vText
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from archiving.db import read_only, transaction
from bot.desk import texts as T
from bot.desk.config import DeskConfig
from bot.desk.formatting import slot_fi
from bot.desk.models import DeskSeries, DeskSession, InvitationSend
from bot.desk.schedule import local_to_utc
from bot.desk.vtimezone import vtimezone

PRODID = "-//Arkistobotti//Arkistodeski//FI"
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR"]


@dataclass(frozen=True)
class SeriesPlan:
    """What one series says: its days, its exceptions and its link."""

    series_id: int
    uid: str
    slot: str
    status: str  # active | cancelled
    first: dt.date | None
    until: dt.date | None
    exdates: tuple[dt.date, ...]
    meeting_url: str

    def digest(self) -> str:
        data = [self.slot, self.status, str(self.first), str(self.until), [d.isoformat() for d in self.exdates], self.meeting_url]
        return hashlib.sha256(json.dumps(data).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Invitation:
    """One e-mail's worth: a series at a SEQUENCE, as iCalendar bytes plus subject and body."""

    series_id: int
    uid: str
    slot: str
    sequence: int
    method: str  # REQUEST | CANCEL
    digest: str
    ics: bytes
    subject: str
    body: str
    until: dt.date | None = None  # the series' last day as this invitation says it


def plan_series(session: Session, series: DeskSeries, config: DeskConfig) -> SeriesPlan:
    """The series' days from its stored sessions: scheduled ones are in, other weekdays are EXDATEs."""
    sessions = session.exec(
        select(DeskSession).where(DeskSession.series_id == series.id).order_by(col(DeskSession.local_date))
    ).all()
    scheduled = [s for s in sessions if s.status == "scheduled"]
    if series.status != "active" or not scheduled:
        first = sessions[0].local_date if sessions else None
        return SeriesPlan(int(series.id), series.uid, series.slot, "cancelled", first, first, (), config.meeting_url)  # type: ignore[arg-type]
    days = {s.local_date for s in scheduled}
    first, until = min(days), max(days)
    exdates = []
    day = first
    while day <= until:
        if day.weekday() < 5 and day not in days:
            exdates.append(day)
        day += dt.timedelta(days=1)
    return SeriesPlan(int(series.id), series.uid, series.slot, "active", first, until, tuple(exdates), scheduled[-1].meeting_url)  # type: ignore[arg-type]


def _times(slot: str) -> tuple[dt.time, dt.time]:
    start, end = slot.split("-")
    return dt.time.fromisoformat(start), dt.time.fromisoformat(end)


def build_calendar(
    plan: SeriesPlan, *, sequence: int, config: DeskConfig, organizer: str, recipients: Sequence[str], now: dt.datetime
) -> bytes:
    """The iCalendar object (METHOD:REQUEST, or CANCEL for a cancelled series) for ``plan``."""
    zone = config.calendar.zone
    start_t, end_t = _times(plan.slot)
    start_fi, end_fi = slot_fi(plan.slot)
    cancelled = plan.status != "active"
    first = plan.first or now.astimezone(zone).date()
    until = plan.until or first

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    cal.add_component(vtimezone(zone, first.year, until.year + 1))

    event = Event()
    event.add("uid", plan.uid)
    event.add("sequence", sequence)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", dt.datetime.combine(first, start_t, tzinfo=zone))
    event.add("dtend", dt.datetime.combine(first, end_t, tzinfo=zone))
    event.add("summary", T.INVITE_SUMMARY.format(start=start_fi, end=end_fi))
    if cancelled:
        event.add("status", "CANCELLED")
        event.add("description", T.INVITE_CANCELLED_DESCRIPTION.format(start=start_fi, end=end_fi))
    else:
        event.add("status", "CONFIRMED")
        event.add("rrule", {"freq": "weekly", "byday": WEEKDAY_CODES, "until": local_to_utc(until, start_t, zone)})
        if plan.exdates:
            event.add("exdate", [dt.datetime.combine(d, start_t, tzinfo=zone) for d in plan.exdates])
        event.add("description", T.INVITE_DESCRIPTION.format(start=start_fi, end=end_fi, link=plan.meeting_url))
        event.add("location", plan.meeting_url)
        event.add("url", plan.meeting_url)
    event.add("transp", "OPAQUE")
    event.add("class", "PUBLIC")
    organizer_address = vCalAddress(f"mailto:{organizer}")
    organizer_address.params["cn"] = vText("Arkistodeski")
    event.add("organizer", organizer_address)
    for address in recipients:
        attendee = vCalAddress(f"mailto:{address}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)
    cal.add_component(event)
    return cal.to_ical()


def only_extended(plan: SeriesPlan, series: DeskSeries) -> bool:
    """The series changed only by growing past what was last sent (newly generated weeks, nothing else)."""
    sent_until = series.sent_until
    if sent_until is None or plan.status != "active" or plan.until is None or plan.until <= sent_until:
        return False
    sent_part = dataclasses.replace(plan, until=sent_until, exdates=tuple(d for d in plan.exdates if d <= sent_until))
    return sent_part.digest() == series.sent_hash


def prepare(
    engine: Engine, config: DeskConfig, *, organizer: str, recipients: Sequence[str], now: dt.datetime,
    force: bool = False, dry_run: bool = False, extension_margin: dt.timedelta | None = None,
) -> list[Invitation]:  # fmt: skip
    """The invitations to send now: changed series (SEQUENCE bumped), or all with ``force``.

    With ``dry_run`` nothing is stored; the invitations show the SEQUENCE a real run would use.
    With ``extension_margin`` (the daily upkeep), a series that only grew by newly generated
    days is sent only once what the recipients have ends within that margin, so that
    moving the horizon one day a day does not e-mail everyone every day.
    """
    today = now.astimezone(config.calendar.zone).date()
    out: list[Invitation] = []
    opener = read_only if dry_run else transaction
    with opener(engine) as session:
        for series in session.exec(select(DeskSeries).order_by(col(DeskSeries.slot))).all():
            plan = plan_series(session, series, config)
            digest = plan.digest()
            never_sent = series.sent_hash is None
            if plan.status == "cancelled" and never_sent:
                continue  # nobody was ever invited
            if digest == series.sent_hash and not force:
                continue
            if (
                extension_margin is not None and not force and only_extended(plan, series)
                and series.sent_until is not None and series.sent_until - today > extension_margin
            ):  # fmt: skip
                continue
            sequence = series.sequence
            if not never_sent and digest != series.sent_hash and series.sequence == series.sent_sequence:
                sequence += 1  # a real change since the last send
            if not dry_run and sequence != series.sequence:
                series.sequence = sequence
                series.updated_at = now
                session.add(series)
            start_fi, end_fi = slot_fi(plan.slot)
            cancelled = plan.status == "cancelled"
            if cancelled:
                subject, body = T.INVITE_EMAIL_SUBJECT_CANCEL, T.INVITE_EMAIL_BODY_CANCEL
            else:
                subject = T.INVITE_EMAIL_SUBJECT if never_sent else T.INVITE_EMAIL_SUBJECT_UPDATE
                body = T.INVITE_EMAIL_BODY
            ics = build_calendar(plan, sequence=sequence, config=config, organizer=organizer, recipients=recipients, now=now)
            out.append(Invitation(
                int(series.id), series.uid, series.slot, sequence, "CANCEL" if cancelled else "REQUEST", digest, ics,  # type: ignore[arg-type]
                subject.format(start=start_fi, end=end_fi), body.format(start=start_fi, end=end_fi, link=plan.meeting_url),
                plan.until,
            ))  # fmt: skip
    return out


def record_send(engine: Engine, invitation: Invitation, *, recipients: int, now: dt.datetime, error: str | None = None) -> None:
    """Log a send; a successful one also remembers what the recipients now have."""
    with transaction(engine) as session:
        session.add(InvitationSend(
            series_id=invitation.series_id, sequence=invitation.sequence, method=invitation.method,
            recipients=recipients, status="failed" if error else "sent", error=error, sent_at=now,
        ))  # fmt: skip
        if error is None:
            series = session.get(DeskSeries, invitation.series_id)
            assert series is not None
            series.sent_hash = invitation.digest
            series.sent_sequence = invitation.sequence
            series.sent_until = invitation.until
            series.sent_at = now
            series.updated_at = now
            session.add(series)
