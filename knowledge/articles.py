"""An instruction article: front matter fields and a markdown body, validated on parse."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from knowledge.chatsize import CHARS_PER_LINE, MAX_LINES, chat_budget, text_lines
from knowledge.frontmatter import FrontMatter, split_front_matter
from knowledge import messages as M
from knowledge.problems import ERROR, WARNING, Problem, problem

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
            problems.append(problem(source, matter.line_of(str(key)), M.P_UNKNOWN_FIELD, key=key, known=known))
    for key in REQUIRED:
        if key not in data or data[key] in (None, "", []):
            found = problem(source, matter.line_of(key) if key in data else 1, M.P_REQUIRED, key=key)
            problems.append(replace(found, message_fi=M.REQUIRED_FI.get(key, found.message_fi)))
    check = _FieldCheck(matter, source, problems)
    slug = check.text("slug", 80)
    if slug and not SLUG.match(slug):
        check.fail("slug", M.P_BAD_SLUG, slug=slug)
    title = check.text("title", MAX_TITLE)
    summary = check.text("summary", MAX_SUMMARY)
    chat = check.block("chat", MAX_CHAT)
    chat_lines = text_lines("\n".join(line for line in chat.split("\n") if line.strip()))  # empty lines only separate
    if chat and title and chat_lines > chat_budget(title):
        check.fail("chat", M.P_CHAT_TOO_LONG, severity=WARNING, lines=chat_lines, most=MAX_LINES, chars=CHARS_PER_LINE)
    audience = check.text_list("audience")
    for i, item in enumerate(audience):
        if item not in AUDIENCES:
            check.fail("audience", M.P_BAD_AUDIENCE, i, item=item, known=", ".join(AUDIENCES))
    keywords = check.text_list("keywords")
    questions = check.text_list("questions")
    if "questions" in data and questions and not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        check.fail("questions", M.P_QUESTION_COUNT, severity=WARNING, count=len(questions), low=MIN_QUESTIONS, high=MAX_QUESTIONS)
    related = check.text_list("related") if "related" in data else []
    for i, item in enumerate(related):
        if not SLUG.match(item):
            check.fail("related", M.P_RELATED_BAD, i, item=item)
        elif item == slug:
            check.fail("related", M.P_RELATED_SELF, i)
    updated = check.date("updated")
    status = data.get("status", "published")
    if status not in STATUSES:
        check.fail("status", M.P_BAD_STATUS, known=", ".join(STATUSES), status=status)
    if not matter.body.strip():
        problems.append(problem(source, matter.body_line, M.P_NO_BODY, field="body"))
    expected = Path(source).stem
    if slug and source.endswith(".md") and slug != expected:
        check.fail("slug", M.P_SLUG_FILE, slug=slug, file=Path(source).name)
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

    def fail(self, field: str, text: tuple[str, str], index: int | None = None, severity: str = ERROR, **params: Any) -> None:
        self.problems.append(problem(self.source, self.matter.line_of(field, index), text, field=field, severity=severity, **params))

    def text(self, key: str, max_length: int) -> str:
        value: Any = self.matter.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(key, M.P_NOT_TEXT, key=key, kind=type(value).__name__)
            return ""
        value = " ".join(value.split())
        if len(value) > max_length:
            self.fail(key, M.P_TOO_LONG, key=key, length=len(value), limit=max_length)
        return value

    def block(self, key: str, max_length: int) -> str:
        """Multi-line markdown text (its line breaks kept), e.g. the chat version."""
        value: Any = self.matter.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(key, M.P_NOT_BLOCK, key=key, kind=type(value).__name__)
            return ""
        value = "\n".join(line.rstrip() for line in value.strip().splitlines())
        if len(value) > max_length:
            self.fail(key, M.P_TOO_LONG, key=key, length=len(value), limit=max_length)
        return value

    def text_list(self, key: str) -> list[str]:
        value: Any = self.matter.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(key, M.P_NOT_LIST, key=key)
            return []
        result = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.fail(key, M.P_EMPTY_ITEM, i, key=key, n=i + 1)
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
            self.fail(key, M.P_BAD_DATE, key=key, value=value)
            return None


def read_article(path: Path) -> tuple[ParsedArticle | None, list[Problem]]:
    """Read and parse one file; an unreadable file is a problem, not an exception."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [problem(str(path), 1, M.P_NOT_UTF8)]
    except OSError as exc:
        return None, [problem(str(path), 1, M.P_UNREADABLE, reason=exc.strerror)]
    return parse_article(text, str(path))
