"""Adaptive Card builders (schema 1.5, as Teams renders it).

Cards are plain dicts. Buttons are ``Action.Submit`` with a ``data`` object
whose ``action`` names the router handler (``archive.confirm``, ``meta.form``,
``desk.join``…); ``Action.OpenUrl`` opens instruction pages. The chat CLI
renders the same dicts as text (``bot/cli/chat.py``).
"""

from __future__ import annotations

from typing import Any

Card = dict[str, Any]
Element = dict[str, Any]

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
FULL_WIDTH = {"width": "Full"}  # Teams' own card property (not in the generic schema): use the whole chat width


def card(body: list[Element], actions: list[Element] | None = None) -> Card:
    """A full-width card; Teams otherwise squeezes cards in personal chat."""
    result: Card = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body, "msteams": dict(FULL_WIDTH)}
    if actions:
        result["actions"] = actions
    return result


def text(value: str, *, weight: str | None = None, size: str | None = None, subtle: bool = False,
         color: str | None = None, separator: bool = False, spacing: str | None = None) -> Element:  # fmt: skip
    block: Element = {"type": "TextBlock", "text": value, "wrap": True}
    if weight:
        block["weight"] = weight
    if size:
        block["size"] = size
    if subtle:
        block["isSubtle"] = True
    if color:
        block["color"] = color
    if separator:
        block["separator"] = True
    if spacing:
        block["spacing"] = spacing
    return block


def heading(value: str) -> Element:
    return text(value, weight="Bolder", size="Medium")


def bullets(items: list[str] | tuple[str, ...], *, color: str | None = None) -> Element:
    return text("\n".join(f"- {item}" for item in items), color=color)


def container(items: list[Element], *, separator: bool = False) -> Element:
    block: Element = {"type": "Container", "items": items}
    if separator:
        block["separator"] = True
        block["spacing"] = "Medium"
    return block


def submit(title: str, data: dict[str, Any], *, style: str | None = None) -> Element:
    action: Element = {"type": "Action.Submit", "title": title, "data": data}
    if style:
        action["style"] = style  # "positive" / "destructive"
    return action


def open_url(title: str, url: str) -> Element:
    return {"type": "Action.OpenUrl", "title": title, "url": url}


def action_set(actions: list[Element]) -> Element:
    return {"type": "ActionSet", "actions": actions}


def choice_set(input_id: str, label: str, choices: list[tuple[str, str]], *, value: str | list[str] | None = None,
               multi: bool = False, required: bool = False, error: str | None = None) -> Element:  # fmt: skip
    """An ``Input.ChoiceSet``; ``choices`` are (value, title). A multi-select value is comma-separated.

    A required input needs ``error``: Teams blocks an empty submit and shows only this text to say why.
    """
    element: Element = {
        "type": "Input.ChoiceSet",
        "id": input_id,
        "label": label,
        "style": "expanded" if multi else "compact",
        "isMultiSelect": multi,
        "choices": [{"title": title, "value": v} for v, title in choices],
    }
    if isinstance(value, list):
        value = ",".join(value)
    if value:
        element["value"] = value
    if required:
        if not error:
            raise ValueError(f"required input {input_id!r} needs an error message")
        element["isRequired"] = True
        element["errorMessage"] = error
    return element


def instruction_url(base_url: str, slug: str) -> str:
    """The web page of an instruction (served by the bot's web pages)."""
    return f"{base_url.rstrip('/')}/ohjeet/{slug}"
