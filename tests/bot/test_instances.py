"""Restarts and several instances lose nothing: state and references live in the database (bot/app.py)."""

from __future__ import annotations

import random
from pathlib import Path

from archiving.clock import FixedClock
from archiving.enums import DocumentStatus as S
from bot.app import create_app
from knowledge.service import KnowledgeBase
from botkit import NOW, Conversation, RunningBot, bot_settings, start_bot, talk


async def test_a_confirmation_survives_a_restart_and_works_on_another_instance(
    bot: RunningBot, anna: Conversation, knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    doc = bot.district.document(S.COMPLETED, title="Palvelusuunnitelma")
    await talk(anna, [({"action": "archive.confirm", "doc_ids": [doc]}, "Lukitaanko")])
    yes = anna.last.button("Kyllä")  # type: ignore[union-attr]
    # a second instance on the same database (as behind a load balancer); the first one goes away
    settings = bot_settings(bot.settings.database_url, tmp_path)
    other = create_app(settings, clock=FixedClock(NOW), rng=random.Random(99), knowledge=knowledge)
    runner, url = await start_bot(other)
    try:
        anna.bot_url = url
        await talk(anna, [(yes, "Lähetin 1 asiakirjan arkistointijonoon. Kerron, kun se on arkistoitu."), (yes, "Tämä vahvistus on jo käytetty")])
    finally:
        await runner.cleanup()
