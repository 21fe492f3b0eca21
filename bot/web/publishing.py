"""Publishing for the communications team: the instruction list, the form editor with a live preview, versions, announcements.

The preview is rendered on the server by the knowledge base's own sanitising
renderer: the "Esikatsele" button works without JavaScript, and the small
script in ``static/web.js`` only fetches the same preview while typing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from archiving.enums import Role
from bot.web import texts as T
from bot.web.context import Fragment, Page, PageRequest, Redirect
from bot.web.editor_form import editor, editor_form, problem_summary, problems_by_control, read_fields
from bot.web.forms import button, field, local, post_form, table, textarea
from bot.web.html import Markup, fragment, tag
from bot.web.routing import NotFound, view
from knowledge import announcements, chat_answer, publishing, rendering
from knowledge.articles import parse_article
from knowledge.checks import check_set
from knowledge.compose import ArticleFields, compose, fields_of
from knowledge.models import PUBLISHED
from knowledge.problems import ArticleError, KnowledgeError, Problem, errors
from knowledge.safety import scan_body

HOME = "/julkaisu"


def _kb(req: PageRequest):  # type: ignore[no-untyped-def]
    return req.ctx.services.knowledge


def _zone(req: PageRequest) -> ZoneInfo:
    return ZoneInfo(req.ctx.settings.desk_timezone)


def _today(req: PageRequest) -> dt.date:
    return req.ctx.clock().astimezone(_zone(req)).date()


def check(req: PageRequest, fields: ArticleFields, *, new: bool) -> tuple[list[Problem], int]:
    """Every error of the composed article (links checked against what is published) and where its text starts."""
    text, body_line = compose(fields)
    parsed, problems = parse_article(text, "lomake")
    known = publishing.known_slugs(req.ctx.engine)
    if parsed is not None:
        problems += check_set([parsed], known)
    else:  # the text is checked even while a field above it is still wrong
        problems += scan_body(fields.body.strip("\n"), "lomake", body_line, known)
    if new and fields.slug in known:
        problems.append(Problem("lomake", 1, "slug taken", message_fi=T.PUB_SLUG_TAKEN.format(slug=fields.slug), field="slug"))
    return errors(problems), body_line


@view(Role.COMMUNICATIONS, current=HOME)
def article_list(req: PageRequest) -> Page:
    """Every instruction with its published version, state, time and author (the packaged ones are published at start)."""
    zone = _zone(req)
    table_rows = []
    for row in publishing.list_articles(req.ctx.engine):
        slug = str(row["slug"])
        state = T.PUB_STATE_DRAFT if row["draft_pending"] else T.PUB_STATE_PUBLISHED
        link = tag("a", slug, href=f"/julkaisu/ohje/{slug}")
        table_rows.append((link, row["title"], row["published"] or "–", state, local(row["updated_at"], zone), row["author"]))  # type: ignore[arg-type]
    body = fragment(
        tag("p", T.PUB_INTRO),
        tag("p", tag("a", T.PUB_NEW, href="/julkaisu/uusi", class_="button"), " ", tag("a", T.NAV_NEEDS, href="/julkaisu/tarpeet")),
        table(T.PUB_TITLE, T.PUB_HEADERS, table_rows, empty=T.PUB_EMPTY),
    )
    return Page(T.PUB_TITLE, body)


def _newest(req: PageRequest, slug: str) -> publishing.VersionView:
    """The version being edited: the newest one, a waiting draft included."""
    try:
        return publishing.history(req.ctx.engine, slug)[0]
    except KnowledgeError:
        raise NotFound() from None


def _stored_fields(version: publishing.VersionView) -> ArticleFields:
    parsed, _ = parse_article(version.content, version.slug)
    if parsed is None:  # validated when it was stored
        raise NotFound()
    return fields_of(parsed.article)


def _choices(req: PageRequest, slug: str | None) -> list[tuple[str, str]]:
    """The other instructions as (slug, title), by title, for the related-instructions picker."""
    rows = [(str(r["slug"]), str(r["title"])) for r in publishing.list_articles(req.ctx.engine) if r["slug"] != slug]
    return sorted(rows, key=lambda r: r[1].casefold())


def _preview(fields: ArticleFields) -> Markup:
    """The web page and, beside it, the chat answer as Teams shows it (the page alone while a field is still wrong)."""
    parsed, _ = parse_article(compose(fields)[0], "lomake")
    if parsed is None:
        return Markup(rendering.markdown_to_html(fields.body, ""))
    page = Markup(rendering.render_html(parsed.article, ""))
    chat = tag("section", tag("h2", T.PUB_CHAT_PREVIEW_HEADING), tag("p", T.PUB_CHAT_PREVIEW_HINT, class_="hint"),
               Markup(chat_answer.preview_html(parsed.article)), class_="chat-preview")  # fmt: skip
    return fragment(tag("div", page, class_="page-preview"), chat)


def _history(req: PageRequest, slug: str) -> Markup:
    try:
        versions = publishing.history(req.ctx.engine, slug)
    except KnowledgeError:
        return Markup("")
    zone = _zone(req)
    states = {"published": T.PUB_STATE_PUBLISHED, "draft": T.PUB_DRAFT_BADGE}
    rows = [(v.number, states.get(v.status, v.status), v.title, v.author, local(v.created_at, zone)) for v in versions]
    announce_form = post_form(
        f"/julkaisu/ohje/{slug}/tiedota", req.viewer,
        field("tiedote", T.PUB_ANNOUNCE_LABEL, textarea("message", "tiedote", rows=3, maxlength=announcements.MAX_MESSAGE)),
        button(T.PUB_ANNOUNCE_BUTTON), class_="stacked",
    )  # fmt: skip
    return fragment(
        tag("h2", T.PUB_HISTORY), table(T.PUB_HISTORY, T.PUB_HISTORY_HEADERS, rows, numeric=(0,)),
        tag("h2", T.PUB_ANNOUNCE), announce_form,
    )  # fmt: skip


def _page(req: PageRequest, slug: str | None, fields: ArticleFields, grouped: dict[str, list[str]], title: str, status: int = 200) -> Page:
    action = f"/julkaisu/ohje/{slug}" if slug else "/julkaisu/uusi"
    form = editor_form(req, action=action, slug=slug, fields=fields, grouped=grouped, related_choices=_choices(req, slug or fields.slug))
    parts = [editor(form, grouped, _preview(fields) if fields.body.strip() else None)]
    if slug:
        parts = [tag("p", tag("a", T.PUB_VIEW, href=f"/ohjeet/{slug}")), *parts, _history(req, slug)]
    return Page(title, fragment(*parts), status=status)


@view(Role.COMMUNICATIONS, current=HOME)
def edit(req: PageRequest) -> Page:
    slug = req.match.get("slug")
    if slug is None:
        blank = ArticleFields("", "", ("worker",), "", (), (), (), _today(req), "")
        return _page(req, None, blank, {}, T.PUB_NEW_TITLE)
    fields = _stored_fields(_newest(req, slug))
    return _page(req, slug, fields, {}, T.PUB_EDIT_TITLE.format(title=fields.title))


@view(Role.COMMUNICATIONS, current=HOME)
def save(req: PageRequest) -> Page | Redirect:
    """Preview, save a draft or publish; on a problem the fields stay in the form with the errors beside them."""
    slug = req.match.get("slug")
    current = _newest(req, slug) if slug else None
    title = T.PUB_EDIT_TITLE.format(title=current.title) if current else T.PUB_NEW_TITLE
    fields = read_fields(req, slug, [s for s, _ in _choices(req, slug)], _today(req))
    action = req.form.get("toiminto", "esikatsele")
    problems, body_line = check(req, fields, new=slug is None)
    grouped = problems_by_control(problems, body_line)
    if action == "esikatsele" or problems:
        return _page(req, slug, fields, grouped, title, status=400 if problems and action != "esikatsele" else 200)
    draft = action == "luonnos"
    same = current is not None and _stored_fields(current).same_content(fields)
    if same and not (current.status != PUBLISHED and not draft):  # type: ignore[union-attr]  # only publishing a draft as it is
        return Redirect(f"/julkaisu/ohje/{slug}", ("ok", T.PUB_UNCHANGED.format(slug=slug)))
    if not same:
        fields = replace(fields, updated=_today(req))  # the date readers see moves with the content
    text, body_line = compose(fields)
    try:
        result = publishing.publish_text(req.ctx.engine, text, author=req.viewer.name, now=req.ctx.clock(), draft=draft, slug=slug)
    except ArticleError as error:
        return _page(req, slug, fields, problems_by_control(error.problems, body_line), title, status=400)
    except KnowledgeError as error:
        failure = Problem("lomake", 1, str(error), message_fi=error.message_fi or T.PUB_GENERIC_ERROR)
        return _page(req, slug, fields, problems_by_control([failure], body_line), title, status=400)
    kb = _kb(req)
    if kb is not None:
        kb.refresh(req.ctx.clock(), force=True)
    if result.action == publishing.UNCHANGED:
        message = T.PUB_UNCHANGED.format(slug=result.slug)
    elif result.status == "draft":
        message = T.PUB_DRAFT_OK.format(slug=result.slug, number=result.number)
    else:
        message = T.PUB_PUBLISHED_OK.format(slug=result.slug, number=result.number)
    return Redirect(f"/julkaisu/ohje/{result.slug}", ("ok", message))


@view(Role.COMMUNICATIONS)
def live_preview(req: PageRequest) -> Fragment:
    """The preview alone (with the problems so far), for the editor's script."""
    slug = req.form.get("ohje") or None
    fields = read_fields(req, slug, [s for s, _ in _choices(req, slug)], _today(req))
    problems, body_line = check(req, fields, new=False)
    return Fragment(fragment(problem_summary(problems_by_control(problems, body_line), live=True), _preview(fields)))


@view(Role.COMMUNICATIONS)
def announce(req: PageRequest) -> Redirect:
    slug = req.match.get("slug", "")
    message = (req.form.get("message") or "").strip() or None
    try:
        announcements.announce(req.ctx.engine, slug, author=req.viewer.name, now=req.ctx.clock(), message=message)
    except KnowledgeError as error:
        return Redirect(f"/julkaisu/ohje/{slug}", ("error", T.PUB_KNOWLEDGE_ERROR.format(message=error.message_fi or T.PUB_GENERIC_ERROR)))
    return Redirect(f"/julkaisu/ohje/{slug}", ("ok", T.PUB_ANNOUNCED_OK))
