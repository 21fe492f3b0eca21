"""An instruction article: front matter fields and a markdown body, validated on parse."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.chatsize import CHARS_PER_LINE, MAX_LINES, chat_budget, text_lines
from knowledge.frontmatter import FrontMatter, split_front_matter
from knowledge.problems import WARNING, Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUDIENCES = ("worker", "contact_person", "desk", "communications", "all")
STATUSES = ("draft", "published")
REQUIRED = ("slug", "title", "audience", "summary", "keywords", "questions", "updated")
OPTIONAL = ("related", "status", "chat")
MIN_QUESTIONS, MAX_QUESTIONS = 6, 16
MAX_TITLE, MAX_SUMMARY, MAX_CHAT = 200, 600, 1200


@dataclass(frozen=True)
class Article:
    """One instruction as the bot uses it; ``text`` is the exact source for versioning."""

    slug: str
    title: str
    audience: tuple[str, ...]
    summary: str
    keywords: tuple[str, ...]
    questions: tuple[str, ...]
    related: tuple[str, ...]
    updated: dt.date
    status: str
    body: str
    text: str
    source: str = ""
    chat: str = ""  # the chat version (markdown: a short answer and numbered steps); empty: made from summary and steps

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class ParsedArticle:
    """An article together with the line numbers that cross-article checks report."""

    article: Article
    matter: FrontMatter


def content_hash(text: str) -> str:
    """The hash that decides whether a published article changed (line endings ignored)."""
    canonical = "\n".join(line.rstrip() for line in text.lstrip("\ufeff").splitlines()).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_article(text: str, source: str) -> tuple[ParsedArticle | None, list[Problem]]:
    """Parse and validate one article; None when an error makes it unusable."""
    matter, problems = split_front_matter(text, source)
    if matter is None:
        return None, problems
    data = matter.data
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            problems.append(Problem(source, matter.line_of(str(key)), f"unknown field '{key}' (known: {known})"))
    for key in REQUIRED:
        if key not in data or data[key] in (None, "", []):
            problems.append(Problem(source, matter.line_of(key) if key in data else 1, f"'{key}' is required"))
    check = _FieldCheck(matter, source, problems)
    slug = check.text("slug", 80)
    if slug and not SLUG.match(slug):
        check.fail("slug", f"slug {slug!r} must be lowercase letters, digits and single hyphens")
    title = check.text("title", MAX_TITLE)
    summary = check.text("summary", MAX_SUMMARY)
    chat = check.block("chat", MAX_CHAT)
    chat_lines = text_lines("\n".join(line for line in chat.split("\n") if line.strip()))  # empty lines only separate
    if chat and title and chat_lines > chat_budget(title):
        check.fail(
            "chat",
            f"the chat version takes {chat_lines} lines; with the title and the help line a chat answer has "
            f"{MAX_LINES}, so the bot leaves out the last steps (about {CHARS_PER_LINE} characters make a line)",
            severity=WARNING,
        )
    audience = check.text_list("audience")
    for i, item in enumerate(audience):
        if item not in AUDIENCES:
            check.fail("audience", f"unknown audience {item!r} (known: {', '.join(AUDIENCES)})", i)
    keywords = check.text_list("keywords")
    questions = check.text_list("questions")
    if "questions" in data and questions and not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        check.fail("questions", f"{len(questions)} example questions; {MIN_QUESTIONS}-{MAX_QUESTIONS} work best", severity=WARNING)
    related = check.text_list("related") if "related" in data else []
    for i, item in enumerate(related):
        if not SLUG.match(item):
            check.fail("related", f"related slug {item!r} is not a valid slug", i)
        elif item == slug:
            check.fail("related", "an article cannot be related to itself", i)
    updated = check.date("updated")
    status = data.get("status", "published")
    if status not in STATUSES:
        check.fail("status", f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    if not matter.body.strip():
        problems.append(Problem(source, matter.body_line, "the article has no body text"))
    expected = Path(source).stem
    if slug and source.endswith(".md") and slug != expected:
        check.fail("slug", f"slug {slug!r} does not match the file name {Path(source).name!r}")
    if any(p.severity != WARNING for p in problems):
        return None, problems
    article = Article(
        slug=slug, title=title, audience=tuple(audience), summary=summary, keywords=tuple(keywords),
        questions=tuple(questions), related=tuple(related), updated=updated or dt.date.min,
        status=str(status), body=matter.body.strip("\n"), text=text, source=source, chat=chat,
    )  # fmt: skip
    return ParsedArticle(article, matter), problems


class _FieldCheck:
    """Reads typed values out of the front matter, recording a problem per bad field."""

    def __init__(self, matter: FrontMatter, source: str, problems: list[Problem]) -> None:
        self.matter, self.source, self.problems = matter, source, problems

    def fail(self, key: str, message: str, index: int | None = None, severity: str = "error") -> None:
        self.problems.append(Problem(self.source, self.matter.line_of(key, index), message, severity))

    def text(self, key: str, max_length: int) -> str:
        value: Any = self.matter.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(key, f"'{key}' must be text, not {type(value).__name__}")
            return ""
        value = " ".join(value.split())
        if len(value) > max_length:
            self.fail(key, f"'{key}' is {len(value)} characters long; at most {max_length}")
        return value

    def block(self, key: str, max_length: int) -> str:
        """Multi-line markdown text (its line breaks kept), e.g. the chat version."""
        value: Any = self.matter.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(key, f"'{key}' must be text (write it after '{key}: |' on indented lines), not {type(value).__name__}")
            return ""
        value = "\n".join(line.rstrip() for line in value.strip().splitlines())
        if len(value) > max_length:
            self.fail(key, f"'{key}' is {len(value)} characters long; at most {max_length}")
        return value

    def text_list(self, key: str) -> list[str]:
        value: Any = self.matter.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, f"'{key}' must be a list, e.g. [a, b]")
            return []
        result = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.fail(key, f"item {i + 1} of '{key}' must be non-empty text", i)
                continue
            result.append(" ".join(str(item).split()))
        return result

    def date(self, key: str) -> dt.date | None:
        value: Any = self.matter.data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(key, f"'{key}' must be a date like 2026-11-20, not {value!r}")
            return None


def read_article(path: Path) -> tuple[ParsedArticle | None, list[Problem]]:
    """Read and parse one file; an unreadable file is a problem, not an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(str(path), 1, "the file is not UTF-8 text")]
    except OSError as exc:
        return None, [Problem(str(path), 1, f"cannot read the file: {exc.strerror}")]
    return parse_article(text, str(path))
