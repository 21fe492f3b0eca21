"""Adaptive Cards as readable text with numbered buttons: for the terminal chat and for test assertions.

Renders the elements the bot's cards use (TextBlock, FactSet, Container,
ColumnSet, ActionSet, Input.ChoiceSet, Action.Submit/OpenUrl); anything else
is skipped. Pressing a numbered button gives the data the channel would post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_MARKDOWN_LINK = re.compile(r"\[([^\[\]]{1,500})\]\(([^()\s]{1,2000})\)")  # bounded: card text may hold what a worker typed


@dataclass(frozen=True)
class Button:
    number: int
    title: str
    data: dict[str, Any] | None = None  # Action.Submit
    url: str | None = None  # Action.OpenUrl


@dataclass(frozen=True)
class CardInput:
    """An ``Input.ChoiceSet`` or ``Input.Text``: the chat asks for it when a submit button of its card is pressed."""

    id: str
    label: str
    choices: tuple[tuple[str, str], ...]  # (value, title); empty for a text input
    value: str
    multi: bool = False
    choice: bool = False  # an Input.ChoiceSet, even one that offers nothing

    @property
    def is_text(self) -> bool:
        return not self.choice


@dataclass
class RenderedCard:
    lines: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    inputs: list[CardInput] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def button(self, title: str) -> Button:
        """The button whose title contains ``title`` (case-insensitive)."""
        wanted = title.casefold()
        for button in self.buttons:
            if wanted in button.title.casefold():
                return button
        raise KeyError(f"no button {title!r} among {[b.title for b in self.buttons]}")


def plain(text: str) -> str:
    """Markdown links as ``title <url>``; bold markers removed."""
    return _MARKDOWN_LINK.sub(r"\1 <\2>", text).replace("**", "")


def render(card: dict[str, Any], *, first_number: int = 1) -> RenderedCard:
    rendered = RenderedCard()
    _elements(card.get("body") or [], rendered, first_number)
    _actions(card.get("actions") or [], rendered, first_number)
    return rendered


def _elements(elements: list[dict[str, Any]], out: RenderedCard, first: int) -> None:
    for element in elements:
        kind = element.get("type")
        if kind == "TextBlock" and element.get("text"):
            out.lines.append(plain(str(element["text"])))
        elif kind == "FactSet":
            out.lines += [f"{f.get('title', '')}: {f.get('value', '')}" for f in element.get("facts") or []]
        elif kind == "Container":
            if element.get("separator"):
                out.lines.append("")
            _elements(element.get("items") or [], out, first)
        elif kind == "ColumnSet":
            for column in element.get("columns") or []:
                _elements(column.get("items") or [], out, first)
        elif kind == "ActionSet":
            _actions(element.get("actions") or [], out, first)
        elif kind == "Input.ChoiceSet":
            _choice_input(element, out)
        elif kind == "Input.Text":
            spec = CardInput(str(element.get("id")), str(element.get("label") or element.get("placeholder") or element.get("id")), (), str(element.get("value") or ""))
            out.inputs.append(spec)
            out.lines.append(f"{spec.label}: {spec.value or '–'}")


def _choice_input(element: dict[str, Any], out: RenderedCard) -> None:
    choices = tuple((str(c.get("value", "")), str(c.get("title", ""))) for c in element.get("choices") or [])
    value = str(element.get("value") or "")
    spec = CardInput(str(element.get("id")), str(element.get("label") or element.get("id")), choices, value, bool(element.get("isMultiSelect")), choice=True)
    out.inputs.append(spec)
    chosen = {v for v in value.split(",") if v}
    names = [title for v, title in choices if v in chosen]
    out.lines.append(f"{spec.label}: {', '.join(names) if names else '–'}")


def _actions(actions: list[dict[str, Any]], out: RenderedCard, first: int) -> None:
    for action in actions:
        number = first + len(out.buttons)
        title = str(action.get("title") or "")
        if action.get("type") == "Action.Submit":
            data = action.get("data")
            out.buttons.append(Button(number, title, data=dict(data) if isinstance(data, dict) else {}))
        elif action.get("type") == "Action.OpenUrl":
            out.buttons.append(Button(number, title, url=str(action.get("url") or "")))
        else:
            continue
        out.lines.append(f"[{number}] {title}" + (f" <{action.get('url')}>" if action.get("type") == "Action.OpenUrl" else ""))
