"""Server-rendered web pages: desk console, publishing, follow-up and instruction pages."""

from bot.web.app import setup_web

__all__ = ["setup_web"]
