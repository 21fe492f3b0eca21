"""Sending calendar invitations over SMTP (aiosmtplib), with the settings' server and credentials.

Each invitation is one message: a text/plain greeting and a text/calendar part
with the iTIP method (what Outlook and Thunderbird look for), plus the same
calendar as an ``.ics`` attachment for clients that only show attachments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib

from bot.desk.invitations import Invitation
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
