"""An article's front matter as plain fields, and back: the web editor's form never shows YAML.

``compose`` writes the same format as the packaged files (flow lists for short
lists, one example question per line, the chat version as a ``|`` block), with
every value escaped by PyYAML's safe dumper, so no text typed into a form can
change the structure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import yaml

from knowledge.articles import Article
from knowledge.normalise import fold

FLOW_LISTS = ("audience", "keywords", "related")


@dataclass(frozen=True)
class ArticleFields:
    """What the communications team edits; ``updated`` is set by the editor, not typed."""

    slug: str
    title: str
    audience: tuple[str, ...]
    summary: str
    keywords: tuple[str, ...]
    questions: tuple[str, ...]
    related: tuple[str, ...]
    updated: dt.date | None
    body: str
    chat: str = ""  # the chat version (markdown); empty: the bot makes one from the summary and the steps

    def same_content(self, other: ArticleFields) -> bool:
        """Equal in everything a reader sees (the date of the last change aside)."""
        def plain(fields: ArticleFields) -> ArticleFields:
            return replace(fields, updated=None, body=fields.body.strip(), chat=_block(fields.chat))

        return plain(self) == plain(other)


def fields_of(article: Article) -> ArticleFields:
    return ArticleFields(
        article.slug, article.title, article.audience, article.summary, article.keywords, article.questions,
        article.related, article.updated if article.updated != dt.date.min else None, article.body, article.chat,
    )  # fmt: skip


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with multi-line text as a literal ``|`` block (as people write the chat version)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def _block(text: str) -> str:
    """Multi-line text as the article parser keeps it: no trailing spaces, no empty lines around it."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().splitlines())


def _dump(key: str, value: object) -> str:
    flow = None if key in FLOW_LISTS else False
    return yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=flow)


def compose(fields: ArticleFields) -> tuple[str, int]:
    """The article text and the line its body starts on (to turn problem lines into body lines)."""
    header = [
        _dump("slug", fields.slug), _dump("title", " ".join(fields.title.split())), _dump("audience", list(fields.audience)),
        _dump("summary", " ".join(fields.summary.split())), _dump("keywords", list(fields.keywords)),
        _dump("questions", list(fields.questions)), _dump("related", list(fields.related)),
    ]  # fmt: skip
    if _block(fields.chat):
        header.append(_dump("chat", _block(fields.chat)))
    if fields.updated is not None:
        header.append(_dump("updated", fields.updated))
    front = "---\n" + "".join(header) + "---\n"
    body = fields.body.replace("\r\n", "\n").strip("\n") + "\n"
    return front + body, front.count("\n") + 1


def slug_from_title(title: str) -> str:
    """``Tulostaminen ja arkistointi`` → ``tulostaminen-ja-arkistointi`` (ä → a, ö → o; at most 80 characters)."""
    words = re.findall(r"[a-z0-9]+", fold(title))
    slug = "-".join(words)
    return slug[:80].rstrip("-")
