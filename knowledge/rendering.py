"""Markdown to HTML that is safe to put on a web page: nh3 with an explicit allow-list.

Links between articles (``[teksti](varmennekortti.md)``) become links to the
instruction page; anything that is not http(s) or an in-page anchor loses its
href. Whatever an article contains, no script reaches the reader.
"""

from __future__ import annotations

import html

import markdown
import nh3

from knowledge.articles import Article
from knowledge.safety import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, WEB_SCHEMES, classify_url

INSTRUCTION_PATH = "/ohjeet/{slug}"  # served by the web pages; the bot links to it too
MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "fenced_code"]
# Tags whose content is dropped with them, not shown as text.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "textarea", "select", "title"}
)


def instruction_url(slug: str, base_url: str = "") -> str:
    """The URL of an instruction's page; relative when ``base_url`` is empty."""
    return base_url.rstrip("/") + INSTRUCTION_PATH.format(slug=slug)


def _href_filter(base_url: str):  # type: ignore[no-untyped-def]
    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            kind, target = classify_url(value)
            if kind == "article":
                anchor = value.partition("#")[2]
                return instruction_url(target, base_url) + (f"#{anchor}" if anchor else "")
            if kind in ("web", "anchor"):
                return target
            return None
        return value

    return attribute_filter


def sanitise_html(raw_html: str, base_url: str = "") -> str:
    """Clean HTML to the allow-list, rewriting article links against ``base_url``."""
    return nh3.clean(
        raw_html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_href_filter(base_url),
        url_schemes=set(WEB_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_to_html(text: str, base_url: str = "") -> str:
    """Render markdown and sanitise the result; the only way article HTML is produced."""
    raw = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return sanitise_html(raw, base_url)


def _without_title_heading(article: Article) -> str:
    lines = article.body.lstrip("\n").split("\n")
    if lines and lines[0].startswith("# ") and lines[0][2:].strip().casefold() == article.title.casefold():
        return "\n".join(lines[1:]).lstrip("\n")
    return article.body


def render_html(article: Article, base_url: str = "", *, with_title: bool = True) -> str:
    """The article body as safe HTML; ``with_title=False`` drops a leading ``# title`` line."""
    body = article.body if with_title else _without_title_heading(article)
    return markdown_to_html(body, base_url)


def render_summary_text(article: Article, page_url: str) -> str:
    """A short markdown message for channels that show no cards: title, summary, link."""
    title = _plain(article.title)
    link = f"\n\n{page_url}" if classify_url(page_url)[0] == "web" else ""
    return f"**{title}**\n\n{_plain(article.summary)}{link}"


def _plain(text: str) -> str:
    """Text with tags, angle brackets and markdown link syntax neutralised (shown as markdown)."""
    text = html.unescape(nh3.clean(text, tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT)))
    return text.replace("<", "‹").replace(">", "›").replace("](", "] (")
