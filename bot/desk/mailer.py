"""Sending calendar invitations over SMTP (aiosmtplib), with the settings' server and credentials.

Each invitation is one message: a text/plain greeting and a text/calendar part
with the iTIP method (what Outlook and Thunderbird look for), plus the same
calendar as an ``.ics`` attachment for clients that only show attachments.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib
from sqlalchemy.engine import Engine

from bot.desk.invitations import Invitation, record_send
from bot.settings import Settings


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool
    use_tls: bool
    sender: str
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
            use_tls=settings.smtp_use_tls,
            sender=settings.smtp_from,
        )


def build_message(invitation: Invitation, *, sender: str, recipients: Sequence[str], date) -> EmailMessage:  # type: ignore[no-untyped-def]
    """The MIME message for one invitation."""
    message = EmailMessage()
    message["Subject"] = invitation.subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "arkistobotti")
    message.set_content(invitation.body)
    ics = invitation.ics.decode("utf-8")
    message.add_alternative(ics, subtype="calendar", params={"method": invitation.method})
    message.add_attachment(
        invitation.ics, maintype="application", subtype="ics", filename="arkistodeski.ics"
    )
    return message


async def send_invitation(
    config: SmtpConfig, invitation: Invitation, recipients: Sequence[str], *, date  # type: ignore[no-untyped-def]
) -> str:
    """Send one invitation to every recipient; returns the Message-ID. Raises on SMTP errors."""
    message = build_message(invitation, sender=config.sender, recipients=recipients, date=date)
    await aiosmtplib.send(
        message,
        hostname=config.host,
        port=config.port,
        username=config.username or None,
        password=config.password or None,
        start_tls=config.starttls,
        use_tls=config.use_tls,
        timeout=config.timeout,
    )
    return str(message["Message-ID"])


async def send_batch(
    engine: Engine, config: SmtpConfig, batch: Sequence[Invitation], recipients: Sequence[str], *, now: dt.datetime
) -> list[str | None]:
    """Send each invitation and log it; one failure does not stop the rest. Returns the error (or None) of each."""
    results: list[str | None] = []
    for invitation in batch:
        try:
            await send_invitation(config, invitation, recipients, date=now)
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            error = f"{type(exc).__name__}: {exc}"
            await asyncio.to_thread(record_send, engine, invitation, recipients=len(recipients), now=now, error=error)
            results.append(error)
            continue
        await asyncio.to_thread(record_send, engine, invitation, recipients=len(recipients), now=now)
        results.append(None)
    return results
