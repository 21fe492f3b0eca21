"""``arkistobotti serve`` (the bot's HTTP server) and ``arkistobotti chat`` (the same bot in a terminal)."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress

from bot.cli.common import CliError, add_command, emit, http_url, out, serve_app, settings
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = add_command(subparsers, "serve", _serve, "run the bot: POST /api/messages, GET /healthz and the web pages")
    serve.add_argument("--host", help="address to listen on (default: ARKISTOBOTTI_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: ARKISTOBOTTI_PORT or 3978)")
    chat = add_command(subparsers, "chat", _chat, "talk to the bot in this terminal as a worker (same turn logic as Teams)")
    chat.add_argument("--worker", required=True, help="worker id or channel user id (e.g. demo)")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (or ``localhost``)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_listen_address(cfg: Settings, host: str) -> None:
    """Without Bot Framework authentication, anything but loopback would let anyone impersonate a worker."""
    if not cfg.auth_configured and not is_loopback(host):
        raise CliError(
            f"refusing to listen on {host!r} without Bot Framework authentication: anyone who can reach the port "
            "could pose as any worker. Set ARKISTOBOTTI_MICROSOFT_APP_ID (with ARKISTOBOTTI_MICROSOFT_APP_PASSWORD and, "
            "for a single-tenant bot, ARKISTOBOTTI_MICROSOFT_APP_TENANT_ID), or listen on 127.0.0.1 for local development."
        )


def _serve(args: argparse.Namespace) -> int:
    from bot.app import create_app, freeze_heap
    from bot.logging import setup_logging

    cfg = settings()
    host = args.host or cfg.host
    port = args.port or cfg.port
    if not 1 <= port <= 65535:
        raise CliError(f"--port must be between 1 and 65535, not {port}")
    check_listen_address(cfg, host)
    setup_logging(cfg.log_level)
    app = create_app(cfg)
    app.on_startup.append(freeze_heap)
    url = http_url(host, port, "/api/messages")
    human = f"Arkistobotti listening on {url} (auth {'on' if cfg.auth_configured else 'off, loopback only'})"
    serve_app(app, host=host, port=port, announce=lambda: emit(args, {"listening": url, "auth": cfg.auth_configured}, human),
              access_log_format='%a "%r" %s %b %Tf')  # fmt: skip
    return 0


def _chat(args: argparse.Namespace) -> int:
    from bot.cli.chat import run_chat
    from bot.logging import setup_logging

    cfg = settings()
    setup_logging("WARNING")
    if args.json:  # replies as JSON lines on stdout; the worker's lines on stdin, without a prompt
        return asyncio.run(run_chat(cfg, args.worker, ask=lambda _prompt: input(), say=_print_now, json_lines=True))
    return asyncio.run(run_chat(cfg, args.worker, say=_print_now))


def _print_now(line: str) -> None:
    out(line)  # flushed: replies that come later must not wait in a pipe's buffer
