"""How much text fits a chat bubble: the line budget shared by the chat renderer and ``kb check``."""

from __future__ import annotations

import math

from knowledge import messages

MAX_LINES = 12  # text lines of a chat answer before the link (title and help included)
CHARS_PER_LINE = 60  # a Teams chat card's line, conservatively (a longer paragraph wraps)
TITLE_CHARS_PER_LINE = 40  # the title is set large


def text_lines(text: str, per_line: int = CHARS_PER_LINE) -> int:
    """How many lines ``text`` takes in a chat card: each line wraps every ``per_line`` characters."""
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def chat_budget(title: str) -> int:
    """Lines left for the short answer and the steps, after the title and the help line."""
    return MAX_LINES - text_lines(title, TITLE_CHARS_PER_LINE) - text_lines(messages.CHAT_HELP)
