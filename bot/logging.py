"""Logging for the edges (server, CLI): one stderr handler, and no henkilötunnus in any line.

The redaction from ``archiving.log_redaction`` is installed process-wide, so records of
every logger (ours, aiohttp's access log, botbuilder, SQLAlchemy) are cleaned
before any handler formats them.
"""

from __future__ import annotations

import logging
import sys

from archiving.log_redaction import install_log_redaction

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: str = "INFO") -> None:
    """Configure the root logger once for a process; safe to call again (it replaces our handler)."""
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        numeric = logging.INFO
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_arkistobotti", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._arkistobotti = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(numeric)
    logging.getLogger("aiohttp.access").setLevel(max(numeric, logging.INFO))
    install_log_redaction()
