"""An instruction sized for a chat bubble: the short answer, the steps, where to get help, a link to the whole.

A whole article in Teams is some thirty lines; a worker reads a dozen. The chat
version is the article's ``chat`` field when the communications team wrote one
(a paragraph for the short answer and a numbered list of steps, in markdown),
else it is made from the summary and the first sentence of each step under
"## Näin toimit". Either way it passes the same sanitiser as the web page, is
never cut inside a sentence (whole steps are left out instead, with a pointer to
the full instruction), and ends with where to get help and the link.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge import messages
from knowledge.articles import Article
from knowledge.chatsize import CHARS_PER_LINE, MAX_LINES, TITLE_CHARS_PER_LINE, chat_budget, text_lines
from knowledge.cards import CARD_SCHEMA, CARD_VERSION, _Blocks, card_url, safe_text, text_block
from knowledge.rendering import instruction_url, markdown_to_html
from knowledge.safety import is_http_url

__all__ = ["MAX_LINES", "chat_blocks", "derived_chat", "first_sentence", "lines_before_link", "render_chat_card", "text_lines"]
MAX_STEPS = 5
_STEPS_HEADING = re.compile(r"^##\s+Näin\b.*$", re.MULTILINE | re.IGNORECASE)
_NEXT_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_STEP = re.compile(r"^\d+\.\s+(.*)$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


ABBREVIATIONS = frozenset({"esim", "ks", "mm", "jne", "yms", "ym", "klo", "n", "ns", "vrt", "tms", "huom", "puh", "s"})


def first_sentence(text: str) -> str:
    """The first whole sentence of a step (never a cut one): not after "esim." or inside brackets."""
    text = text.strip()
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "([" 
        depth -= ch in ")]"
        if ch in ".!?" and depth <= 0 and i + 1 < len(text) and text[i + 1] == " ":
            word = re.findall(r"[\wÅÄÖåäö]+$", text[:i])
            if not (ch == "." and word and word[0].casefold() in ABBREVIATIONS):
                return text[: i + 1]
    return text


def derived_chat(article: Article) -> str:
    """A chat version made from the article: its summary and the first sentence of each step."""
    steps: list[str] = []
    heading = _STEPS_HEADING.search(article.body)
    if heading:
        section = article.body[heading.end() :]
        following = _NEXT_HEADING.search(section)
        section = section[: following.start()] if following else section
        for line in section.splitlines():
            found = _STEP.match(line.strip())
            if found:
                steps.append(first_sentence(_LINK.sub(r"\1", found.group(1))))
    numbered = "\n".join(f"{i}. {step}" for i, step in enumerate(steps[:MAX_STEPS], start=1))
    return f"{article.summary}\n\n{numbered}" if numbered else article.summary


def chat_blocks(article: Article, base_url: str) -> list[dict[str, Any]]:
    """The chat version as card text blocks, within the line budget (whole steps dropped from the end)."""
    parser = _Blocks(article.title)
    parser.feed(markdown_to_html(article.chat or derived_chat(article), base_url))
    parser.close()
    budget = chat_budget(article.title)
    blocks: list[dict[str, Any]] = []
    for block in parser.blocks:
        text = str(block.get("text", ""))
        lines = text.split("\n")
        if text_lines(text) > budget:
            budget -= text_lines(messages.CHAT_MORE)  # room for the pointer to the rest
        while lines and text_lines("\n".join(lines)) > budget:
            lines.pop()  # a list's last step goes first; a paragraph is kept whole or left out
        if not lines or (len(lines) < len(text.split("\n")) and not _is_list(lines)):
            blocks.append(text_block(messages.CHAT_MORE, isSubtle=True))
            break
        kept = "\n".join(lines)
        blocks.append({**block, "text": kept})
        budget -= text_lines(kept)
        if kept != text:
            blocks.append(text_block(messages.CHAT_MORE, isSubtle=True))
            break
    return blocks


def _is_list(lines: list[str]) -> bool:
    return all(re.match(r"^\s*(\d+\.|-)\s", line) for line in lines)


def render_chat_card(article: Article, base_url: str) -> dict[str, Any]:
    """The chat answer: title, short answer and steps, where to get help, then the link to the whole instruction."""
    page = card_url(instruction_url(article.slug, base_url))
    body: list[dict[str, Any]] = [
        text_block(safe_text(article.title), size="Large", weight="Bolder", style="heading"),
        *chat_blocks(article, base_url),
        text_block(messages.CHAT_HELP, isSubtle=True),
    ]
    if is_http_url(page):
        body.append({"type": "ActionSet", "actions": [{"type": "Action.OpenUrl", "title": messages.CARD_OPEN_FULL, "url": page}]})
    return {"type": "AdaptiveCard", "$schema": CARD_SCHEMA, "version": CARD_VERSION, "body": body}


def lines_before_link(card: dict[str, Any]) -> int:
    """The text lines of a card's body before its first link (an ActionSet): what the worker reads first."""
    total = 0
    for element in card.get("body", []):
        if element.get("type") == "ActionSet":
            break
        if element.get("type") == "TextBlock":
            per_line = TITLE_CHARS_PER_LINE if element.get("size") == "Large" else CHARS_PER_LINE
            total += text_lines(str(element.get("text", "")), per_line)
    return total


def preview_html(article: Article, base_url: str = "") -> str:
    """The chat answer as sanitised HTML, for the editor's preview beside the web page: what Teams shows, block by block."""
    parts = []
    for element in render_chat_card(article, base_url)["body"]:
        if element.get("type") == "TextBlock":
            html = markdown_to_html(str(element.get("text", "")), base_url)
            parts.append(f'<div class="chat-title">{html}</div>' if element.get("size") == "Large" else html)
    link = card_url(instruction_url(article.slug, base_url))  # shown also without a public address (the editor's own page)
    parts.append(f'<p class="chat-link"><a href="{_escape(link)}">{_escape(messages.CARD_OPEN_FULL)}</a></p>')
    return "\n".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
