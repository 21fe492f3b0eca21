"""The desk's daily upkeep inside the bot: sessions kept generated ahead, changed invitations e-mailed.

Operators need no cron job. Every instance looks now and then whether today's
run is due (after ``desk_upkeep_time`` in the desk's time zone, or at once when
it has never run); a lease row (``bot.leases``) lets exactly one instance run it
while the others skip. Generation is idempotent (``sessions.generate``).
Invitations go out only when ``ARKISTOBOTTI_SMTP_HOST`` is explicitly set and
recipients are configured; the send log keeps a series from being sent twice,
and a series that merely grew is sent only when the recipients' copy is about
to run out. A failed run is retried an hour later.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from archiving.clock import Clock
from archiving.hetu import redact
from bot import leases
from bot.desk import invitations, sessions
from bot.desk.config import DeskConfig
from bot.desk.mailer import SmtpConfig, send_batch
from bot.desk.schedule import local_today
from bot.settings import Settings

log = logging.getLogger(__name__)

JOB = "desk-upkeep"
LEASE = dt.timedelta(minutes=15)
RETRY = dt.timedelta(hours=1)
RunSync = Callable[..., Awaitable[Any]]


@dataclass(frozen=True)
class UpkeepReport:
    """What one run did."""

    day: dt.date
    created: int
    cancelled: int
    restored: int
    unstaffed: int
    mailed: bool  # invitations were considered (SMTP configured, recipients set)
    sent: int
    failed: int


def mail_configured(settings: Settings) -> bool:
    """Invitations are e-mailed only when the operator set the SMTP host on purpose, and there is someone to send to."""
    return "smtp_host" in settings.model_fields_set and bool(settings.invite_recipients)


def extension_margin(config: DeskConfig) -> dt.timedelta:
    """A series that only grew is re-sent once the recipients' copy covers less than half the horizon."""
    return dt.timedelta(days=max(3, config.weeks_ahead * 7 // 2))


class DeskUpkeep:
    """Runs the upkeep once a day, from whichever instance gets the lease."""

    def __init__(
        self, engine: Engine, settings: Settings, clock: Clock, *, holder: str, run_sync: RunSync | None = None
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._config = DeskConfig.from_settings(settings)
        self._clock = clock
        self._holder = holder
        self._run_sync: RunSync = run_sync or asyncio.to_thread

    def due(self, now: dt.datetime) -> dt.date | None:
        """The local day to run for, when a run is due now."""
        day = local_today(now, self._config.calendar)
        state = leases.lease_state(self._engine, JOB)
        if state is None or state.last_done_on is None:
            return None if state is not None and state.held(now) else day  # never run: at once
        if state.last_done_on >= day or state.held(now):
            return None
        local_time = now.astimezone(self._config.calendar.zone).time()
        return day if local_time >= self._settings.desk_upkeep_time else None

    async def run_once(self) -> UpkeepReport | None:
        """One check; runs the upkeep when it is due and this instance wins the lease."""
        now = self._clock()
        day = await self._run_sync(self.due, now)
        if day is None:
            return None
        if not await self._run_sync(leases.claim, self._engine, JOB, self._holder, day=day, now=now, lease=LEASE):
            return None
        try:
            report = await self._work(day, now)
        except Exception as exc:
            log.exception("desk upkeep failed; retrying after %s", RETRY)
            await self._run_sync(leases.postpone, self._engine, JOB, until=now + RETRY, error=redact(f"{type(exc).__name__}: {exc}"))
            return None
        if report.failed:
            log.warning("desk upkeep: %d invitation(s) could not be sent; retrying after %s", report.failed, RETRY)
            await self._run_sync(leases.postpone, self._engine, JOB, until=now + RETRY, error=f"{report.failed} invitation(s) not sent")
        else:
            await self._run_sync(leases.finish, self._engine, JOB, day=day, now=now)
        log.info(
            "desk upkeep for %s: %d sessions created, %d cancelled, %d restored, %d without host; invitations sent %d, failed %d%s",
            day, report.created, report.cancelled, report.restored, report.unstaffed, report.sent, report.failed,
            "" if report.mailed else " (e-mail not configured)",
        )  # fmt: skip
        return report

    async def _work(self, day: dt.date, now: dt.datetime) -> UpkeepReport:
        generated = await self._run_sync(sessions.generate, self._engine, self._config, now=now)
        sent = failed = 0
        mailed = mail_configured(self._settings)
        if mailed:
            recipients = self._settings.invite_recipients
            batch = await self._run_sync(
                invitations.prepare, self._engine, self._config, organizer=self._settings.smtp_from, recipients=recipients,
                now=now, extension_margin=extension_margin(self._config),
            )  # fmt: skip
            if batch:
                errors = await send_batch(self._engine, SmtpConfig.from_settings(self._settings), batch, recipients, now=now)
                failed = sum(1 for error in errors if error)
                sent = len(errors) - failed
        return UpkeepReport(day, generated.created, generated.cancelled, generated.restored, generated.unstaffed, mailed, sent, failed)

    async def run(self) -> None:
        """Check forever (a primary-key read every ``outbox_poll_s``); the app cancels this task on shutdown."""
        while True:
            try:
                await self.run_once()
            except Exception:
                log.exception("desk upkeep check failed")
            await asyncio.sleep(self._settings.outbox_poll_s)
