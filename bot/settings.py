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
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.setting_values import (
    Origin,
    check_address,
    check_http_url,
    check_timezone,
    is_guid,
    is_host,
    is_ip,
    parse_addresses,
    parse_clock_time,
    parse_dates,
    parse_origins,
    parse_session_times,
)

ENV_PREFIX = "ARKISTOBOTTI_"
DEFAULT_DATABASE_URL = "sqlite:///./var/arkistobotti.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
APP_TYPES = ("SingleTenant", "MultiTenant", "UserAssignedMSI")
DAY_S = 24 * 3600.0


class SettingsError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""


class Settings(BaseSettings):
    """Runtime configuration. Field ``foo_bar`` is read from ``ARKISTOBOTTI_FOO_BAR``."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True, allow_inf_nan=False)

    # --- storage -----------------------------------------------------------
    database_url: str = DEFAULT_DATABASE_URL

    # --- national archive (Kanta) -----------------------------------------
    kanta_url: str | None = None  # None: the embedded stand-in runs in-process
    kanta_sim_database_url: str = "sqlite:///./var/kanta-sim.db"
    kanta_fault_rate: float = Field(0.0, ge=0.0, le=1.0)
    kanta_latency_ms: int = Field(0, ge=0, le=60_000)
    kanta_timeout_s: float = Field(10.0, gt=0, le=3600)
    queue_max_attempts: int = Field(8, ge=1, le=1000)
    queue_backoff_base_s: float = Field(2.0, gt=0, le=DAY_S)
    queue_backoff_cap_s: float = Field(900.0, gt=0, le=7 * DAY_S)
    queue_lease_s: float = Field(60.0, gt=0, le=DAY_S)
    queue_batch_size: int = Field(200, ge=1, le=10_000)

    # --- bot server ---------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(3978, ge=1, le=65535)
    public_base_url: str = "http://127.0.0.1:3978"
    microsoft_app_id: str | None = None
    microsoft_app_password: str | None = None
    microsoft_app_tenant_id: str | None = None
    microsoft_app_type: str = "MultiTenant"
    service_url_allowlist: str = ""  # without an app id: origins besides loopback that activities may name as serviceUrl
    web_secret: str | None = None  # signs web-page login cookies; generated per process when unset
    knowledge_dir: Path | None = None  # defaults to the articles shipped in the package
    log_level: str = "INFO"
    queue_in_process: bool | None = None  # run the archive queue worker inside the bot; None: only with the embedded archive
    turn_threads: int | None = Field(None, ge=1, le=64)  # worker threads for turn logic and database work; unset: 2 on SQLite, 8 on PostgreSQL
    send_rate_per_conversation: int = Field(7, ge=1)  # Teams allows 7 messages per second per conversation
    send_max_attempts: int = Field(5, ge=1, le=100)  # tries per outgoing activity on 429/503
    send_backoff_base_s: float = Field(0.5, gt=0, le=3600)
    outbox_poll_s: float = Field(1.0, gt=0, le=3600)  # how often proactive messages, archive results, announcements and the desk upkeep are looked for
    outbox_max_attempts: int = Field(12, ge=1, le=1000)
    identity_cache_s: float = Field(30.0, ge=0, le=DAY_S)  # how long a chat user's worker and roles are remembered (0: ask every turn)
    knowledge_refresh_s: float = Field(10.0, gt=0, le=DAY_S)  # how often the bot looks for newly published instructions
    teams_privacy_url: str | None = None  # the Teams app's privacy statement (`teams package` needs it)
    teams_terms_url: str | None = None  # the Teams app's terms of use (`teams package` needs it)

    # --- help desk ------------------------------------------------------------
    desk_timezone: str = "Europe/Helsinki"
    desk_session_times: str = "09:00-09:30,13:00-13:30"
    desk_weeks_ahead: int = Field(4, ge=1, le=52)
    desk_close_midsummer_eve: bool = True
    desk_close_christmas_eve: bool = True
    desk_closure_days: str = ""  # comma-separated ISO dates
    desk_hosts_per_session: int = Field(1, ge=1, le=10)
    desk_meeting_url: str = "https://teams.microsoft.com/l/meetup-join/arkistodeski"
    desk_reminder_minutes: int = Field(10, ge=0, le=24 * 60)
    desk_call_margin_minutes: int = Field(10, ge=0, le=120)  # desk staff may call the queue this long before and after a session
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
        from sqlalchemy.engine import make_url  # here, so that importing the settings stays light

        try:
            url = make_url(value)
        except Exception:  # e.g. a port that is not a number; the URL itself is not repeated (it may hold a password)
            raise ValueError("not a valid database URL (check the host, port and database name)") from None
        if url.get_backend_name() == "postgresql" and not url.database:
            # libpq would fall back to a default database and the migrations would fill it
            raise ValueError("a PostgreSQL URL must name its database (postgresql://host:5432/arkistobotti)")
        return value

    @field_validator("kanta_url")
    @classmethod
    def _optional_http_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        return check_http_url(value).rstrip("/")

    @field_validator("teams_privacy_url", "teams_terms_url")
    @classmethod
    def _optional_https_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not check_http_url(value).startswith("https://"):
            raise ValueError("Teams accepts only an https:// URL here")
        return value

    @field_validator("public_base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        parts = urlsplit(check_http_url(value))
        if parts.query or parts.fragment or value.endswith(("?", "#")):
            raise ValueError("a base URL has no ?query or #fragment (links are built by appending paths)")
        return value.rstrip("/")

    @field_validator("service_url_allowlist")
    @classmethod
    def _service_url_allowlist(cls, value: str) -> str:
        parse_origins(value)
        return value

    @field_validator("desk_meeting_url")
    @classmethod
    def _meeting_url(cls, value: str) -> str:
        return check_http_url(value)

    @field_validator("host", "smtp_host")
    @classmethod
    def _host(cls, value: str) -> str:
        if not is_host(value):
            raise ValueError(f"{value!r} is not a host name or an IP address")
        return value

    @field_validator("microsoft_app_id")
    @classmethod
    def _app_id(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not is_guid(value):
            raise ValueError("expected the app id as a GUID, e.g. 00000000-0000-0000-0000-000000000000")
        return value

    @field_validator("microsoft_app_tenant_id")
    @classmethod
    def _tenant_id(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not (is_guid(value) or (is_host(value) and "." in value and not is_ip(value))):
            raise ValueError("expected the tenant id as a GUID (or the tenant's domain, e.g. contoso.onmicrosoft.com)")
        return value

    @field_validator("microsoft_app_type")
    @classmethod
    def _app_type(cls, value: str) -> str:
        for known in APP_TYPES:  # botbuilder compares them case-insensitively
            if value.strip().lower() == known.lower():
                return known
        raise ValueError("expected one of " + ", ".join(APP_TYPES))

    @field_validator("knowledge_dir", mode="before")
    @classmethod
    def _knowledge_dir(cls, value: object) -> object:
        if value in (None, ""):
            return None  # the packaged articles
        if not Path(str(value)).is_dir():
            raise ValueError(f"{value} is not a directory")
        return value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"unknown log level {value!r}, expected one of " + ", ".join(LOG_LEVELS))
        return level

    @field_validator("desk_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        check_timezone(value)
        return value

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

    @field_validator("desk_invite_recipients")
    @classmethod
    def _recipients(cls, value: str) -> str:
        parse_addresses(value)
        return value

    @field_validator("desk_upkeep_time", mode="before")
    @classmethod
    def _upkeep_time(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_clock_time(value)
        if isinstance(value, dt.time) and value.tzinfo is not None:
            raise ValueError("expected a local desk time without a UTC offset")
        return value

    @field_validator("smtp_from")
    @classmethod
    def _sender(cls, value: str) -> str:
        check_address(value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        """Settings that are fine one by one but not together; the message names every variable involved."""
        problems = []
        app_type, needs = self.microsoft_app_type, []
        if app_type == "SingleTenant":
            needs = ["microsoft_app_id", "microsoft_app_password", "microsoft_app_tenant_id"]
        elif app_type == "UserAssignedMSI":
            needs = ["microsoft_app_id", "microsoft_app_tenant_id"]
        elif self.microsoft_app_id:  # MultiTenant with an app id: replies need a token, and so the secret
            needs = ["microsoft_app_password"]
        missing = [_variable(name) for name in needs if not getattr(self, name)]
        if missing:
            problems.append(f"{_variable('microsoft_app_type')}={app_type} needs " + " and ".join(missing))
        if self.queue_backoff_cap_s < self.queue_backoff_base_s:
            problems.append(
                f"{_variable('queue_backoff_cap_s')} ({self.queue_backoff_cap_s:g}) must not be below "
                f"{_variable('queue_backoff_base_s')} ({self.queue_backoff_base_s:g})"
            )
        if self.smtp_starttls and self.smtp_use_tls:
            problems.append(f"{_variable('smtp_starttls')} and {_variable('smtp_use_tls')} cannot both be on (STARTTLS or TLS from the start)")
        if bool(self.smtp_username) != bool(self.smtp_password):
            problems.append(f"{_variable('smtp_username')} and {_variable('smtp_password')} go together (set both or neither)")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def auth_configured(self) -> bool:
        """Whether Bot Framework tokens are required on incoming activities."""
        return bool(self.microsoft_app_id)

    @property
    def service_url_origins(self) -> tuple[Origin, ...]:
        """``SERVICE_URL_ALLOWLIST`` as (scheme, host, port) tuples."""
        return parse_origins(self.service_url_allowlist)

    @property
    def session_times(self) -> list[tuple[dt.time, dt.time]]:
        return parse_session_times(self.desk_session_times)

    @property
    def closure_days(self) -> list[dt.date]:
        return parse_dates(self.desk_closure_days)

    @property
    def invite_recipients(self) -> list[str]:
        return parse_addresses(self.desk_invite_recipients)


def _variable(field: str) -> str:
    return ENV_PREFIX + field.upper()


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
            if err["loc"]:
                problems.append(f"{ENV_PREFIX}{str(err['loc'][0]).upper()}: {err['msg']}")
            else:  # a check across settings (``_consistent``) names its variables itself
                problems.append(str(err["msg"]).removeprefix("Value error, "))
        raise SettingsError("invalid configuration: " + "; ".join(problems)) from None
