"""The archive gateway over HTTP (a national-archive gateway speaking our JSON protocol, or ``kanta-sim``).

Stdlib ``http.client`` with one keep-alive connection per gateway (the core
must not import aiohttp). Every request is idempotent thanks to the
idempotency keys, so a request that failed on a reused, possibly stale
connection is sent once more on a fresh one. A timeout or a dropped answer
becomes :class:`OutcomeUnknown`; a refused connection :class:`ArchiveUnavailable`.

Protocol (JSON): ``POST /v1/submissions`` and ``POST /v1/invalidations`` with
``{"items": [...]}`` answer ``{"results": [{"receipt": {...}} | {"error": {...}}]}``;
``GET /v1/receipts/{key}``; ``GET /v1/entries?after=N&limit=M``; ``GET /healthz``.
An ``AR`` refusal of the whole request is HTTP 503 with ``{"error": {...}}``.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from archiving.kanta import messages as m
from archiving.kanta.gateway import (
    ArchiveEntry,
    ArchiveError,
    ArchiveReceipt,
    ArchiveUnavailable,
    EntryPage,
    Outcome,
    OutcomeUnknown,
)
from archiving.kanta.submission import Invalidation, Submission

_DROPPED = (
    http.client.RemoteDisconnected,
    http.client.BadStatusLine,
    ConnectionResetError,
    BrokenPipeError,
    http.client.IncompleteRead,
)


def _unknown(text: m.Text, code: str) -> OutcomeUnknown:
    return OutcomeUnknown(code, text.en, text.fi)


class HttpArchiveGateway:
    """An :class:`~archiving.kanta.gateway.ArchiveGateway` talking JSON over HTTP."""

    def __init__(self, base_url: str, *, timeout_s: float) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self._timeout_s = timeout_s
        self._lock = threading.Lock()
        self._conn: http.client.HTTPConnection | None = None
        self._reused = False

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            self._conn = cls(self._host, self._port, timeout=self._timeout_s)
            self._reused = False
        return self._conn

    def _reset(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def _request(self, method: str, path: str, payload: Any = None) -> tuple[int, Any]:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8") if payload is not None else None
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        with self._lock:
            for attempt in (1, 2):
                conn = self._connection()
                reused = self._reused
                try:
                    conn.request(method, self._prefix + path, body=body, headers=headers)
                    response = conn.getresponse()
                    raw = response.read()
                    self._reused = True
                    if response.will_close:
                        self._reset()
                except TimeoutError:
                    self._reset()
                    raise _unknown(m.TIMEOUT, "TIMEOUT") from None
                except ConnectionRefusedError:
                    self._reset()
                    raise ArchiveUnavailable("UNREACHABLE", m.UNREACHABLE.en, m.UNREACHABLE.fi) from None
                except _DROPPED:
                    self._reset()
                    if reused and attempt == 1:
                        continue  # the server may have closed an idle connection: resend once
                    raise _unknown(m.RESPONSE_LOST, "RESPONSE_LOST") from None
                except OSError:
                    self._reset()
                    raise ArchiveUnavailable("UNREACHABLE", m.UNREACHABLE.en, m.UNREACHABLE.fi) from None
                try:
                    return response.status, json.loads(raw) if raw else {}
                except ValueError:
                    raise _unknown(m.BAD_ANSWER, "BAD_ANSWER") from None
        raise _unknown(m.RESPONSE_LOST, "RESPONSE_LOST")  # pragma: no cover - loop always returns or raises

    @staticmethod
    def _raise_for(status: int, data: Any) -> None:
        if status == 200:
            return
        error = data.get("error") if isinstance(data, dict) else None
        if status == 503 and isinstance(error, dict):
            raise ArchiveError.from_json({**error, "kind": "unavailable"})
        if status in (400, 422) and isinstance(error, dict):
            raise ArchiveError.from_json({**error, "kind": "rejected"})
        raise _unknown(m.BAD_ANSWER, f"HTTP_{status}")

    def _batch(self, path: str, items: Sequence[Submission] | Sequence[Invalidation]) -> list[Outcome]:
        if not items:
            return []
        try:
            status, data = self._request("POST", path, {"items": [i.to_json() for i in items]})
            self._raise_for(status, data)
            results = data.get("results") if isinstance(data, dict) else None
            if not isinstance(results, list) or len(results) != len(items):
                raise _unknown(m.BAD_ANSWER, "BAD_ANSWER")
        except ArchiveError as exc:  # the whole request failed: every item shares the answer
            return [exc] * len(items)
        try:
            return [
                ArchiveReceipt.from_json(r["receipt"]) if "receipt" in r else ArchiveError.from_json(r["error"])
                for r in results
            ]
        except (KeyError, TypeError, ValueError):  # an answer we cannot read: treat as unknown, resend later
            return [_unknown(m.BAD_ANSWER, "BAD_ANSWER")] * len(items)

    def submit(self, items: Sequence[Submission]) -> list[Outcome]:
        return self._batch("/v1/submissions", items)

    def invalidate(self, items: Sequence[Invalidation]) -> list[Outcome]:
        return self._batch("/v1/invalidations", items)

    def lookup(self, idempotency_key: str) -> ArchiveReceipt | None:
        status, data = self._request("GET", "/v1/receipts/" + quote(idempotency_key, safe=""))
        if status == 404:
            return None
        self._raise_for(status, data)
        return ArchiveReceipt.from_json(data["receipt"])

    def entries(self, *, after: int = 0, limit: int = 1000) -> EntryPage:
        status, data = self._request("GET", f"/v1/entries?after={int(after)}&limit={int(limit)}")
        self._raise_for(status, data)
        return EntryPage([ArchiveEntry.from_json(e) for e in data["entries"]], data.get("next_after"))

    def healthy(self) -> bool:
        """Whether the archive answers its health check."""
        try:
            status, _ = self._request("GET", "/healthz")
        except ArchiveError:
            return False
        return status == 200

    def close(self) -> None:
        with self._lock:
            self._reset()
