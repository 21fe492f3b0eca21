"""The layering the brief asks for, checked on the import statements themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def _top(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("path", _modules("archiving", "knowledge"), ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_cores_know_nothing_of_the_channel_or_the_web_server(path: Path) -> None:
    tops = {_top(n) for n in _imports(path)}
    assert not tops & {"botbuilder", "botframework", "aiohttp", "bot", "kantasim"}, tops


@pytest.mark.parametrize("path", _modules("knowledge"), ids=lambda p: str(p.relative_to(ROOT)))
def test_knowledge_uses_only_the_shared_database_helpers_of_archiving(path: Path) -> None:
    used = {n for n in _imports(path) if _top(n) == "archiving"}
    assert used <= {"archiving.db", "archiving.types", "archiving.clock", "archiving.hetu", "archiving.free_text"}, used


def test_botbuilder_is_imported_only_at_the_channel_edge() -> None:
    importers = {
        str(p.relative_to(ROOT))
        for p in _modules("bot", "archiving", "knowledge", "kantasim")
        if {_top(n) for n in _imports(p)} & {"botbuilder", "botframework"}
    }
    assert importers, "the channel edge must import botbuilder somewhere"
    assert all(path.startswith("bot/channel/") for path in importers), sorted(importers)


def test_patterns_over_chat_text_run_in_linear_time() -> None:
    """Chat intents and the question redaction use RE2, which cannot backtrack (a long message once froze the bot)."""
    import re2

    from bot.desk import chat
    from knowledge import redaction

    patterns = [getattr(chat, n) for n in dir(chat) if n.isupper() and n.startswith("_") and not n.startswith("__")]
    from bot.live import phrases as live_phrases

    patterns += [redaction.EMAIL, redaction.PHONE, redaction.NUMBER, live_phrases.NOT_THROUGH]
    assert len(patterns) >= 11
    assert all(isinstance(p, re2._Regexp) for p in patterns), [p for p in patterns if not isinstance(p, re2._Regexp)]
