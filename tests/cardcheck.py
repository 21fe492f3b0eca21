"""What Teams needs of every message the bot sends, checked on the recorded activities.

Each Adaptive Card must be valid under Microsoft's Adaptive Cards 1.5 schema (from
``../shared/schemas``; Teams' own ``msteams`` property, which the generic schema does
not list, is checked by hand), span the full width of the chat, and give every required
input an ``errorMessage`` (Teams refuses an empty submit and shows only that text).
Every message is labelled ``fi-FI``: its text is Finnish whatever the client's language.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


@cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads((SCHEMAS / "adaptive-card-1.5.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft6Validator(schema)


def _elements(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("type"), str):
            yield node
        for value in node.values():
            yield from _elements(value)
    elif isinstance(node, list):
        for item in node:
            yield from _elements(item)


def card_problems(card: dict[str, Any]) -> list[str]:
    """Everything Teams would object to in ``card`` (empty when it is fine)."""
    import jsonschema

    problems = []
    generic = {k: v for k, v in card.items() if k != "msteams"}
    error = jsonschema.exceptions.best_match(_validator().iter_errors(generic))
    if error is not None:
        problems.append(f"not a valid Adaptive Card 1.5 at {'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
    if card.get("msteams") != {"width": "Full"}:
        problems.append(f"not full width: msteams is {card.get('msteams')!r}")
    for element in _elements(card.get("body", [])):
        if element.get("isRequired") and not element.get("errorMessage"):
            problems.append(f"required input {element.get('id')!r} has no errorMessage")
    return problems


def activity_problems(activity: dict[str, Any]) -> list[str]:
    """The problems of one outgoing message activity: its locale and each of its cards."""
    if activity.get("type") != "message":
        return []
    problems = [] if activity.get("locale") == "fi-FI" else [f"locale {activity.get('locale')!r}, not 'fi-FI'"]
    for attachment in activity.get("attachments") or []:
        if attachment.get("contentType") == ADAPTIVE_CARD:
            problems += card_problems(attachment.get("content") or {})
    return problems


class CardCheck:
    """Collects the problems of every activity a connector stand-in receives during one test."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked = 0

    def add(self, activity: dict[str, Any]) -> None:
        if not SCHEMAS.exists():  # ../shared beside the clone holds the schema (see the README)
            return
        self.checked += 1
        self.problems += [f"{problem} in {json.dumps(activity, ensure_ascii=False)[:400]}" for problem in activity_problems(activity)]

    def assert_clean(self) -> None:
        assert not self.problems, "messages Teams would not show as meant:\n" + "\n".join(self.problems[:10])
