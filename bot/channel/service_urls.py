"""Where replies may go: the rule for an activity's ``serviceUrl``.

The bot POSTs its replies to the activity's serviceUrl and keeps it for later
proactive messages, so the URL decides where workers' data is sent.

- With an app id, Teams' (Bot Framework's) token carries a signed ``serviceurl``
  claim and botbuilder refuses an activity whose serviceUrl differs from it: the
  channel vouches for the URL, and any public connector address is fine.
- Without an app id (local development), or with a token that carries no such
  claim (the Bot Framework Emulator's), nobody vouches: only a loopback address
  (``localhost``, 127.0.0.0/8, ``::1``) or an origin listed in
  ``ARKISTOBOTTI_SERVICE_URL_ALLOWLIST`` is accepted. Link-local (169.254.0.0/16,
  fe80::/10) and private addresses are refused unless listed there.
- In every case a ``user:password@`` part is removed before the URL is used or
  stored (aiohttp would send it as Basic credentials), and a URL with a ?query or
  #fragment is refused (the connector's paths are appended to it).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from bot.setting_values import Origin, check_http_url, origin_of

_LOOPBACK_NAMES = frozenset({"localhost"})


class ServiceUrlRefused(ValueError):
    """The serviceUrl cannot be used; ``str()`` is the English 400 message."""


def without_credentials(url: str) -> str:
    """``url`` with any ``user:password@`` removed (host, port, path kept as written)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def is_loopback_host(host: str) -> bool:
    """``localhost`` or a loopback IP literal (also IPv4-mapped IPv6); no name is resolved."""
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


class ServiceUrlPolicy:
    """Checks serviceUrls against the rule above; built once from settings."""

    def __init__(self, allowed_origins: Iterable[Origin] = ()) -> None:
        self._allowed = frozenset(allowed_origins)

    def usable(self, url: str) -> str:
        """The URL replies would go to, without credentials; :class:`ServiceUrlRefused` if none can."""
        try:
            check_http_url(url)
        except ValueError:
            raise ServiceUrlRefused("activity serviceUrl must be an absolute http:// or https:// URL") from None
        parts = urlsplit(url)
        if parts.query or parts.fragment or url.endswith(("?", "#")):
            raise ServiceUrlRefused("activity serviceUrl must not have a ?query or #fragment")
        return without_credentials(url)

    def allowed_unvouched(self, url: str) -> bool:
        """Whether ``url`` may be used when no token vouches for it: loopback, or an allow-listed origin."""
        try:
            origin = origin_of(url)
        except ValueError:
            return False
        return is_loopback_host(origin[1]) or origin in self._allowed

    def check(self, url: str, *, vouched: bool) -> str:
        """The usable URL (see :meth:`usable`), also checked against the allow rule unless ``vouched``."""
        usable = self.usable(url)
        if not vouched and not self.allowed_unvouched(usable):
            raise ServiceUrlRefused(
                "activity serviceUrl is not allowed without a Bot Framework token: "
                "only loopback addresses and ARKISTOBOTTI_SERVICE_URL_ALLOWLIST origins"
            )
        return usable
