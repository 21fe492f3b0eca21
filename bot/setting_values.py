"""Checks and parsers for setting values: URLs, hosts, ids, time zones, e-mail addresses, times and dates.

Each raises ``ValueError`` with a message that does not repeat a URL (it may carry a
password); :mod:`bot.settings` adds the name of the variable.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import uuid
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The e-mail rule (deliberately simple, not RFC 5322): ``something@domain.tld``. One @; before it ASCII
# letters, digits and . _ % + - ' ! # $ & * / = ? ^ ` { | } ~ (no spaces, quotes, commas or angle
# brackets); after it two or more dot-separated labels of ASCII letters, digits and hyphens (an
# international domain in its xn-- form).
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A host name: dot-separated labels of ASCII letters, digits, hyphens and underscores, none empty.
_HOSTNAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?")
_CLOCK_TIME = re.compile(r"\d{2}:\d{2}")


def check_http_url(value: str) -> str:
    """An absolute ``http://`` or ``https://`` URL with a host (and a valid port, if any); returns it."""
    if any(c.isspace() for c in value):
        raise ValueError("a URL has no spaces")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number in 0-65535
    except ValueError:  # the URL itself is not repeated: it may carry a user and password
        raise ValueError("not a valid URL (check the host and the port)") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("expected an absolute http:// or https:// URL with a host")
    return value


Origin = tuple[str, str, int]  # (scheme, lower-case host without brackets, port)
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(value: str) -> Origin:
    """The (scheme, host, port) of an http(s) URL; the host lower-case, IPv6 without brackets."""
    parts = urlsplit(check_http_url(value))
    return parts.scheme, (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS[parts.scheme]


def parse_origins(value: str) -> tuple[Origin, ...]:
    """Comma-separated ``http(s)://host[:port]`` origins: no path, query, fragment or user:password."""
    origins = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        parts = urlsplit(check_http_url(item))
        if parts.username is not None or parts.password is not None:
            raise ValueError("an origin carries no user:password@")
        if parts.path not in ("", "/") or parts.query or parts.fragment or item.endswith(("?", "#")):
            raise ValueError(f"expected origins like https://emulator.example.fi:3979, not {item[:80]!r} (no path, ?query or #fragment)")
        origins.append(origin_of(item))
    return tuple(origins)


def is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_host(value: str) -> bool:
    """Whether ``value`` is an IP address or a DNS host name (labels of letters, digits, hyphens)."""
    if is_ip(value):
        return True
    last_label = value.rstrip(".").rpartition(".")[2]
    return len(value) <= 253 and _HOSTNAME.fullmatch(value) is not None and not last_label.isdigit()  # 10.0.0.300 is no name


def is_guid(value: str) -> bool:
    try:
        return len(value) == 36 and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def check_timezone(value: str) -> ZoneInfo:
    """An IANA time zone name such as ``Europe/Helsinki``."""
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):  # ValueError: not even the shape of a zone key
        raise ValueError(f"unknown time zone {value!r}, expected an IANA name such as Europe/Helsinki") from None


def check_address(value: str) -> str:
    """One e-mail address by the simple rule of ``_EMAIL``: ``something@domain.tld``, no spaces."""
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{value!r} is not an e-mail address of the form name@domain.tld")
    return value


def parse_addresses(value: str) -> list[str]:
    """Comma-separated e-mail addresses (blanks around them and empty items ignored)."""
    return [check_address(a.strip()) for a in value.split(",") if a.strip()]


def parse_clock_time(value: str) -> dt.time:
    """A local wall-clock time ``HH:MM`` (no seconds, no UTC offset)."""
    value = value.strip()
    try:
        if not _CLOCK_TIME.fullmatch(value):
            raise ValueError
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ValueError(f"bad time of day {value!r}, expected HH:MM (00:00-23:59)") from None


def parse_session_times(value: str) -> list[tuple[dt.time, dt.time]]:
    """Parse ``"09:00-09:30,13:00-13:30"`` into (start, end) pairs."""
    slots: list[tuple[dt.time, dt.time]] = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            start_s, end_s = part.split("-")
            start, end = parse_clock_time(start_s), parse_clock_time(end_s)
        except ValueError:
            raise ValueError(f"bad session time {part!r}, expected HH:MM-HH:MM") from None
        if end <= start:
            raise ValueError(f"session {part!r} ends before it starts")
        slots.append((start, end))
    if not slots:
        raise ValueError("at least one session time is needed")
    slots.sort()
    for (start, end), (next_start, next_end) in zip(slots, slots[1:]):
        if next_start < end:
            raise ValueError(f"sessions {start:%H:%M}-{end:%H:%M} and {next_start:%H:%M}-{next_end:%H:%M} overlap")
    return slots


def parse_dates(value: str) -> list[dt.date]:
    try:
        return sorted(dt.date.fromisoformat(p.strip()) for p in value.split(",") if p.strip())
    except ValueError:
        raise ValueError(f"bad date list {value!r}, expected YYYY-MM-DD,YYYY-MM-DD") from None
