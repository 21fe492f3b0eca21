"""The bot's router with every conversation registered: help, pending list, archiving, fixes, questions.

Other areas plug in through their own ``register(router)`` (the desk's chat
handlers in ``bot.desk.chat``), called here when present.
"""

from __future__ import annotations

import importlib

from bot.services import Services
from bot.turns import announcements, archive, metadata, pending, questions, welcome
from bot.turns.phrases import PendingIntent, announcement_intent, is_help_request, pending_intent
from bot.turns.router import Router

PLUGINS = ("bot.desk.chat", "bot.live")


def build_router(services: Services) -> Router:
    router = Router(fallback=questions.answer_question, welcome=welcome.welcome, unknown_action=welcome.unknown_action)
    router.add_intent("announcements", lambda text: announcement_intent(text) is not None, announcements.by_text, priority=1)
    router.add_intent("help", is_help_request, welcome.show_help, priority=10)
    router.add_intent("pending", lambda text: pending_intent(text) == PendingIntent.LIST, pending.show_pending, priority=20)
    router.add_action("help", welcome.show_help)
    router.add_action("pending.list", pending.show_pending)
    router.add_action("archive.confirm", archive.confirm)
    router.add_action("archive.submit", archive.do_submit)
    router.add_action("archive.cancel", archive.cancel)
    router.add_action("meta.form", metadata.show_form)
    router.add_action("meta.save", metadata.save)
    router.add_action("meta.confirm", metadata.confirm)
    router.add_action("meta.cancel", metadata.cancel)
    router.add_action("kb.feedback", questions.feedback)
    router.add_action("kb.show", questions.show_choice)
    router.add_action("announcements.stop", announcements.stop)
    router.add_action("announcements.start", announcements.start)
    for name in PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(router, services)
    return router
