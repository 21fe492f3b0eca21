"""``/ohjeet/{slug}``: an instruction as a web page, for logged-in workers; the bot links here."""

from __future__ import annotations

from bot.web import texts as T
from bot.web.context import Page, PageRequest
from bot.web.html import Markup, fragment, tag
from bot.web.routing import NotFound, view
from knowledge.problems import KnowledgeError


@view()
def instruction(req: PageRequest) -> Page:
    """The published article as sanitised HTML (the knowledge base's nh3 renderer), with related links."""
    kb = req.ctx.services.knowledge
    if kb is None:
        return Page(T.NOT_FOUND_TITLE, tag("p", T.INSTRUCTIONS_UNAVAILABLE), status=503)
    kb.refresh(req.ctx.clock())
    slug = req.match.get("slug", "")
    article = kb.get(slug)
    if article is None:
        raise NotFound()
    try:
        html = Markup(kb.render_html(slug, "", with_title=False))  # nh3-sanitised by the knowledge base
    except KnowledgeError:
        raise NotFound() from None
    related = [kb.get(s) for s in article.related]
    links = [tag("li", tag("a", a.title, href=f"/ohjeet/{a.slug}")) for a in related if a is not None]
    body = fragment(
        tag("p", T.INSTRUCTION_UPDATED.format(day=f"{article.updated.day}.{article.updated.month}.{article.updated.year}"), class_="hint"),
        tag("p", article.summary, class_="lead") if article.summary else None,
        tag("article", html, class_="article"),
        tag("section", tag("h2", T.INSTRUCTION_RELATED), tag("ul", links), aria_label=T.INSTRUCTION_RELATED) if links else None,
        tag("p", T.INSTRUCTION_HELP, class_="hint"),
    )
    return Page(article.title, body)
