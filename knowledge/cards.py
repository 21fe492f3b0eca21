"""An article as an Adaptive Card (schema 1.5) that Teams shows well.

The card is built from the already sanitised HTML, so it can only contain what
the web page may contain; on top of that every link in it must be absolute
http(s), and text cannot form markdown links of its own: the text between two
pieces of the card's own markup is neutralised as a whole (a link spelled across
``<code>`` or ``<abbr>`` is text too), and a last pass over every finished text
lets only http(s) targets follow ``](``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote
from typing import Any

from knowledge import messages
from knowledge.articles import Article
from knowledge.rendering import instruction_url, render_html
from knowledge.safety import is_http_url

CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"
MAX_BODY_CHARS = 2500  # Teams cards stay readable (and under the size limit)
_SPACE = re.compile(r"\s+")


def card_url(url: str) -> str:
    """An http(s) URL with the characters that could end a markdown link or open a tag escaped."""
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def safe_text(text: str) -> str:
    """Plain text that cannot turn into a link or a tag when a client reads it as markdown."""
    return text.replace("<", "‹").replace(">", "›").replace("](", "] (")


def _link_text(text: str) -> str:
    return safe_text(text).replace("[", "(").replace("]", ")")


def only_web_links(text: str) -> str:
    """``text`` with every ``](`` that does not open an http(s) target broken up (``] (``): no other link can form."""
    pieces, last = [], 0
    while (at := text.find("](", last)) >= 0:
        target = text[at + 2 : at + 10].lower()
        pieces.append(text[last:at] + ("](" if target.startswith(("http://", "https://")) else "] ("))
        last = at + 2
    return "".join(pieces) + text[last:] if pieces else text


class _Markup(str):
    """Card markdown the renderer itself writes (bold, italics, a link's brackets), never neutralised."""


def text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


class _Blocks(HTMLParser):
    """Walks sanitised HTML and collects TextBlocks and FactSets."""

    def __init__(self, title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = title.casefold()
        self.blocks: list[dict[str, Any]] = []
        self.inline: list[str] = []
        self.links: list[str | None] = []
        self.lists: list[list[Any]] = []  # [ordered, counter]
        self.list_lines: list[str] = []
        self.rows: list[list[str]] | None = None
        self.quote = 0
        self.pre = False

    def _take(self) -> str:
        pieces, literal = [], []
        for part in self.inline:  # text between two pieces of markup is made safe as one string
            if isinstance(part, _Markup):
                pieces += (safe_text("".join(literal)), part)
                literal = []
            else:
                literal.append(part)
        pieces.append(safe_text("".join(literal)))
        self.inline = []
        text = "".join(pieces)
        return text if self.pre else _SPACE.sub(" ", text).strip()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            if self.lists and self.inline:
                self._list_item()
            self.lists.append([tag == "ol", 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(card_url(href) if is_http_url(href) else None)
            if self.links[-1]:
                self.inline.append(_Markup("["))
        elif tag in ("strong", "b"):
            self.inline.append(_Markup("**"))
        elif tag in ("em", "i"):
            self.inline.append(_Markup("_"))
        elif tag == "br":
            self.inline.append(_Markup("\n"))
        elif tag == "table":
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag == "pre":
            self.pre = True
        elif tag == "blockquote":
            self.quote += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.inline.append(_Markup(f"]({href})"))
        elif tag in ("strong", "b"):
            self.inline.append(_Markup("**"))
        elif tag in ("em", "i"):
            self.inline.append(_Markup("_"))
        elif tag == "li":
            self._list_item()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            if not self.lists and self.list_lines:
                self.blocks.append(text_block("\n".join(self.list_lines)))
                self.list_lines = []
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].append(self._take())
        elif tag == "table" and self.rows is not None:
            self._table(self.rows)
            self.rows = None
        elif tag == "pre":
            self.blocks.append(text_block(self._take().strip("\n"), fontType="Monospace"))
            self.pre = False
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        elif tag == "p" and not self.lists and self.rows is None:
            text = self._take()
            if text:
                self.blocks.append(text_block(text, isSubtle=True) if self.quote else text_block(text))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = self._take()
            if text and not (tag == "h1" and text.casefold() == self.title):
                size = "Large" if tag == "h1" else "Medium" if tag == "h2" else "Default"
                self.blocks.append(text_block(text, weight="Bolder", size=size))

    def handle_data(self, data: str) -> None:
        if self.links and self.links[-1]:  # link text: brackets would end the link early
            data = data.replace("[", "(").replace("]", ")")
        self.inline.append(data)

    def _list_item(self) -> None:
        text = self._take()
        if not text or not self.lists:
            return
        ordered, counter = self.lists[-1]
        marker = f"{counter}." if ordered else "-"
        self.list_lines.append("   " * (len(self.lists) - 1) + f"{marker} {text}")

    def _table(self, rows: list[list[str]]) -> None:
        rows = [r for r in rows if any(r)]
        if rows and all(len(r) == 2 for r in rows):
            facts = [{"title": a, "value": b} for a, b in rows]
            self.blocks.append({"type": "FactSet", "facts": facts})
        elif rows:
            self.blocks.append(text_block("\n".join(" | ".join(r) for r in rows)))


def body_blocks(article: Article, base_url: str) -> list[dict[str, Any]]:
    """The article body as card elements, cut politely when it grows too long."""
    parser = _Blocks(article.title)
    parser.feed(render_html(article, base_url))
    parser.close()
    blocks, used = [], 0
    for block in parser.blocks:
        size = len(block.get("text", "")) + sum(len(f["title"]) + len(f["value"]) for f in block.get("facts", []))
        if used + size > MAX_BODY_CHARS and blocks:
            blocks.append(text_block(messages.CARD_MORE, isSubtle=True))
            break
        blocks.append(block)
        used += size
    return blocks


def render_card(article: Article, base_url: str, related: list[Article] | None = None) -> dict[str, Any]:
    """The whole card: title, short answer, the body, facts and a link to the full page."""
    page = card_url(instruction_url(article.slug, base_url))
    body: list[dict[str, Any]] = [
        text_block(safe_text(article.title), size="Large", weight="Bolder", style="heading"),
        text_block(safe_text(article.summary), weight="Bolder"),
        *body_blocks(article, base_url),
    ]
    audience = ", ".join(messages.AUDIENCE_NAMES.get(a, a) for a in article.audience)
    updated = article.updated
    facts = [{"title": messages.CARD_UPDATED, "value": f"{updated.day}.{updated.month}.{updated.year}"}]
    if audience:
        facts.append({"title": messages.CARD_AUDIENCE, "value": audience})
    body.append({"type": "FactSet", "facts": facts, "separator": True})
    if related and is_http_url(page):
        links = [f"[{_link_text(r.title)}]({card_url(instruction_url(r.slug, base_url))})" for r in related]
        body.append(text_block(f"{messages.CARD_RELATED}: " + ", ".join(links), isSubtle=True))
    for block in body:
        if "text" in block:
            block["text"] = only_web_links(block["text"])
        for fact in block.get("facts", []):
            fact["title"], fact["value"] = only_web_links(fact["title"]), only_web_links(fact["value"])
    card: dict[str, Any] = {"type": "AdaptiveCard", "$schema": CARD_SCHEMA, "version": CARD_VERSION, "body": body}
    if is_http_url(page):
        card["actions"] = [{"type": "Action.OpenUrl", "title": messages.CARD_OPEN_FULL, "url": page}]
    return card
