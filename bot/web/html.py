"""A tiny HTML builder that escapes everything it is not told is markup.

Pages are built from Python calls such as ``tag("p", text)``: strings are
escaped, :class:`Markup` (already-safe HTML, e.g. the knowledge base's
nh3-sanitised rendering) is inserted as is. There is no template language to
forget ``|e`` in, so autoescaping cannot be switched off by accident.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "area", "col", "source"})


class Markup(str):
    """HTML that is already safe; everything else is escaped on the way in."""

    __slots__ = ()


def escape(value: Any) -> Markup:
    """Escape ``value`` for text and attribute positions (quotes included)."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def _attrs(attrs: dict[str, Any]) -> str:
    out = []
    for raw_name, value in attrs.items():
        if value is None or value is False:
            continue
        name = _attr_name(raw_name)
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{escape(value)}"')
    return "".join(out)


def _children(children: Iterable[Any]) -> str:
    parts: list[str] = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, (list, tuple)) or (
            not isinstance(child, (str, bytes)) and isinstance(child, Iterable)
        ):
            parts.append(_children(child))
        else:
            parts.append(escape(child))
    return "".join(parts)


def tag(tag_name: str, /, *children: Any, **attrs: Any) -> Markup:
    """``<tag_name attrs>children</tag_name>``; ``class_`` gives ``class``, ``aria_label`` gives ``aria-label``."""
    opening = f"<{tag_name}{_attrs(attrs)}>"
    if tag_name in VOID:
        return Markup(opening)
    return Markup(f"{opening}{_children(children)}</{tag_name}>")


def fragment(*children: Any) -> Markup:
    """Several pieces side by side, escaped like a tag's children."""
    return Markup(_children(children))


def document(*, lang: str, title: str, head: Any, body: Any) -> Markup:
    """A whole HTML5 document."""
    return Markup(
        "<!DOCTYPE html>\n"
        + tag("html", tag("head", tag("meta", charset="utf-8"), tag("title", title), head), body, lang=lang)
    )
