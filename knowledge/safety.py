"""What an article may contain: the HTML allow-list, safe link targets, and a source scan.

The same allow-list drives the nh3 sanitiser (``rendering``) and ``kb check``, so
the check reports exactly what rendering would silently remove. Links may lead to
http(s) addresses, other articles (``slug.md``, our own ``/ohjeet/`` pages) and
anchors only. ``kb check`` also refuses text that would read as a link of another
kind once code marks or tags are taken away (a code span around ``[x]`` before ``(javascript:…)``: the bot's
card shows text, and Teams reads markdown in it), and any henkilötunnus.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from archiving.hetu import find as find_hetu
from knowledge import messages as M
from knowledge.problems import Problem, problem

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br code del em h1 h2 h3 h4 h5 h6 hr i kbd li ol p pre strong sub sup "
    "table tbody td th thead tr ul".split()
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
WEB_SCHEMES = frozenset({"http", "https"})
ARTICLE_LINK = re.compile(r"^(?:\./)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md(#[\w-]*)?$")

_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_MD_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*(<[^>]*>|(?:[^()\s]|\([^()\s]*\))*)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^>\s]+)>?")
_AUTOLINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
_UNWRAP = str.maketrans("", "", "`")


def classify_url(url: str) -> tuple[str, str]:
    """Sort a link target into (kind, value); kind is article, anchor, web or unsafe.

    Entities and control characters are resolved first, so that ``jav&#x61;script:``
    or ``java\\tscript:`` are recognised for what a browser would make of them.
    """
    decoded = _CONTROL.sub("", html.unescape(html.unescape(url))).strip()
    article = ARTICLE_LINK.match(decoded)
    if article:
        return "article", article.group(1)
    if decoded.startswith("#") and re.fullmatch(r"#[\w-]*", decoded):
        return "anchor", decoded
    scheme = _SCHEME.match(decoded)
    if scheme and scheme.group(1).lower() in WEB_SCHEMES and not decoded.lower().startswith(("http:///", "https:///")):
        if re.match(r"^https?://[^/\s]+", decoded, re.IGNORECASE):
            return "web", decoded
    return "unsafe", decoded


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL (the only kind a Teams card may carry)."""
    kind, value = classify_url(url)
    return kind == "web" and value.lower().startswith(("http://", "https://"))


def _mask_code(body: str) -> list[str]:
    """Body lines with fenced code blocks and code spans blanked (they render as text)."""
    lines, fenced = [], False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append("")
        elif fenced:
            lines.append("")
        else:
            lines.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return lines


class _TagScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((self.getpos()[0], tag, attrs))

    handle_startendtag = handle_starttag


def _link_targets(line: str) -> set[str]:
    return {target for _image, _label, target in _MD_LINK.findall(line)}


def scan_body(body: str, source: str, first_line: int, known_slugs: set[str] | None = None) -> list[Problem]:
    """Unsafe or stripped HTML and bad links in a markdown body, each with its file line."""
    problems: list[Problem] = []
    lines = _mask_code(body)

    def link(line: int, url: str, what: str = "link") -> None:
        kind, value = classify_url(url.strip("<>"))
        if kind == "unsafe":
            problems.append(problem(source, line, M.P_UNSAFE_LINK, field="body", what=what, url=url))
        elif kind == "article" and known_slugs is not None and value not in known_slugs:
            problems.append(problem(source, line, M.P_BROKEN_LINK, field="body", value=value))

    for i, raw in enumerate(body.split("\n")):  # as the card shows it: code marks and tags gone, code blocks too
        number = first_line + i
        for _span in find_hetu(raw):
            problems.append(problem(source, number, M.P_HETU, field="body"))
        unwrapped = _INLINE_TAG.sub("", raw).translate(_UNWRAP)
        for _image, _label, target in _MD_LINK.findall(unwrapped):
            if classify_url(target.strip("<>"))[0] == "unsafe" and target not in _link_targets(lines[i]):
                problems.append(problem(source, number, M.P_HIDDEN_LINK, field="body", target=target))
    for i, text in enumerate(lines):
        number = first_line + i
        for image, _label, target in _MD_LINK.findall(text):
            if image:
                problems.append(problem(source, number, M.P_IMAGE, field="body"))
            else:
                link(number, target)
        ref = _REF_DEF.match(text)
        if ref:
            link(number, ref.group(1))
        for target in _AUTOLINK.findall(text):
            link(number, target)
        lines[i] = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)  # not HTML tags
    scanner = _TagScanner()
    scanner.feed("\n".join(lines))
    scanner.close()
    for line, tag, attrs in scanner.found:
        number = first_line + line - 1
        if tag not in ALLOWED_TAGS:
            problems.append(problem(source, number, M.P_RAW_HTML, field="body", tag=tag))
            continue
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(problem(source, number, M.P_EVENT_ATTRIBUTE, field="body", attr=name, tag=tag))
            elif name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                problems.append(problem(source, number, M.P_ATTRIBUTE, field="body", attr=name, tag=tag))
            elif name == "href":
                link(number, value or "", "HTML link")
    return problems
