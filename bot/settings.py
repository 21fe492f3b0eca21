"""The one settings object, read from ``ARKISTOBOTTI_*`` environment variables.

Everything else receives values from here; nothing below ``bot/`` reads the
environment on its own. A bad value raises :class:`SettingsError`, whose
message names the environment variable to fix.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "ARKISTOBOTTI_"
DEFAULT_DATABASE_URL = "sqlite:///./var/arkistobotti.db"


class SettingsError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""


class Settings(BaseSettings):
    """Runtime configuration. Field ``foo_bar`` is read from ``ARKISTOBOTTI_FOO_BAR``."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    # --- storage -----------------------------------------------------------
    database_url: str = DEFAULT_DATABASE_URL

    # --- national archive (Kanta) -----------------------------------------
    kanta_url: str | None = None  # None: the embedded stand-in runs in-process
    kanta_sim_database_url: str = "sqlite:///./var/kanta-sim.db"
    kanta_fault_rate: float = Field(0.0, ge=0.0, le=1.0)
    kanta_latency_ms: int = Field(0, ge=0)
    kanta_timeout_s: float = Field(10.0, gt=0)
    queue_max_attempts: int = Field(8, ge=1)
    queue_backoff_base_s: float = Field(2.0, gt=0)
    queue_backoff_cap_s: float = Field(900.0, gt=0)
    queue_lease_s: float = Field(60.0, gt=0)
    queue_batch_size: int = Field(200, ge=1)

    # --- bot server ---------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(3978, ge=1, le=65535)
    public_base_url: str = "http://127.0.0.1:3978"
    microsoft_app_id: str | None = None
    microsoft_app_password: str | None = None
    microsoft_app_tenant_id: str | None = None
    microsoft_app_type: str = "MultiTenant"
    web_secret: str | None = None  # signs web-page login cookies; generated per process when unset
    knowledge_dir: Path | None = None  # defaults to the articles shipped in the package
    log_level: str = "INFO"
    queue_in_process: bool | None = None  # run the archive queue worker inside the bot; None: only with the embedded archive
    turn_threads: int | None = Field(None, ge=1, le=64)  # worker threads for turn logic and database work; unset: 2 on SQLite, 8 on PostgreSQL
    send_rate_per_conversation: int = Field(7, ge=1)  # Teams allows 7 messages per second per conversation
    send_max_attempts: int = Field(5, ge=1)  # tries per outgoing activity on 429/503
    send_backoff_base_s: float = Field(0.5, gt=0)
    outbox_poll_s: float = Field(1.0, gt=0)  # how often proactive messages, archive results, announcements and the desk upkeep are looked for
    outbox_max_attempts: int = Field(12, ge=1)
    identity_cache_s: float = Field(30.0, ge=0)  # how long a chat user's worker and roles are remembered (0: ask every turn)
    knowledge_refresh_s: float = Field(10.0, gt=0)  # how often the bot looks for newly published instructions

    # --- help desk ------------------------------------------------------------
    desk_timezone: str = "Europe/Helsinki"
    desk_session_times: str = "09:00-09:30,13:00-13:30"
    desk_weeks_ahead: int = Field(4, ge=1, le=52)
    desk_close_midsummer_eve: bool = True
    desk_close_christmas_eve: bool = True
    desk_closure_days: str = ""  # comma-separated ISO dates
    desk_hosts_per_session: int = Field(1, ge=1, le=10)
    desk_meeting_url: str = "https://teams.microsoft.com/l/meetup-join/arkistodeski"
    desk_reminder_minutes: int = Field(10, ge=0)
    desk_invite_recipients: str = ""  # comma-separated addresses (the users' list)
    desk_upkeep: bool = True  # the bot keeps sessions generated ahead daily (and e-mails changed invitations when SMTP is set)
    desk_upkeep_time: dt.time = dt.time(3, 0)  # local desk time after which the daily upkeep runs
    web_login_minutes: int = Field(10, ge=1, le=60)  # lifetime of a single-use web login link
    web_session_hours: int = Field(8, ge=1, le=24)  # lifetime of a web-page session cookie
    followup_weeks: int = Field(12, ge=1, le=52)  # follow-up period after joining (8-12 weeks)

    # --- e-mail -----------------------------------------------------------------
    smtp_host: str = "localhost"
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    smtp_from: str = "arkistodeski@example.invalid"

    @field_validator("database_url", "kanta_sim_database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://", "postgres://")):
            raise ValueError("expected a sqlite:/// or postgresql:// URL")
        return value

    @field_validator("kanta_url", "public_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("expected an http:// or https:// URL")
        return value.rstrip("/")

    @field_validator("desk_session_times")
    @classmethod
    def _session_times(cls, value: str) -> str:
        parse_session_times(value)
        return value

    @field_validator("desk_closure_days")
    @classmethod
    def _closure_days(cls, value: str) -> str:
        parse_dates(value)
        return value

    @property
    def auth_configured(self) -> bool:
        """Whether Bot Framework tokens are required on incoming activities."""
        return bool(self.microsoft_app_id)

    @property
    def session_times(self) -> list[tuple[dt.time, dt.time]]:
        return parse_session_times(self.desk_session_times)

    @property
    def closure_days(self) -> list[dt.date]:
        return parse_dates(self.desk_closure_days)

    @property
    def invite_recipients(self) -> list[str]:
        return [a.strip() for a in self.desk_invite_recipients.split(",") if a.strip()]


def parse_session_times(value: str) -> list[tuple[dt.time, dt.time]]:
    """Parse ``"09:00-09:30,13:00-13:30"`` into (start, end) pairs."""
    slots: list[tuple[dt.time, dt.time]] = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            start_s, end_s = part.split("-")
            start, end = dt.time.fromisoformat(start_s.strip()), dt.time.fromisoformat(end_s.strip())
        except ValueError:
            raise ValueError(f"bad session time {part!r}, expected HH:MM-HH:MM") from None
        if end <= start:
            raise ValueError(f"session {part!r} ends before it starts")
        slots.append((start, end))
    if not slots:
        raise ValueError("at least one session time is needed")
    return sorted(slots)


def parse_dates(value: str) -> list[dt.date]:
    try:
        return sorted(dt.date.fromisoformat(p.strip()) for p in value.split(",") if p.strip())
    except ValueError:
        raise ValueError(f"bad date list {value!r}, expected YYYY-MM-DD,YYYY-MM-DD") from None


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Read settings from ``environ`` (default: the process environment).

    Raises :class:`SettingsError` naming the offending ``ARKISTOBOTTI_*`` variable.
    """
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name in Settings.model_fields:
        key = ENV_PREFIX + name.upper()
        if key in env:
            values[name] = env[key]
    values.update(overrides)
    try:
        # model_validate skips BaseSettings' own env reading, so ``environ`` is the only source
        return Settings.model_validate(values)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            problems.append(f"{ENV_PREFIX}{field.upper()}: {err['msg']}")
        raise SettingsError("invalid configuration: " + "; ".join(problems)) from None
