"""Publishing for the communications team: the instruction list, the editor with a live preview, versions, announcements.

The preview is rendered on the server by the knowledge base's own sanitising
renderer: the "Esikatsele" button works without JavaScript, and the small
script in ``static/web.js`` only fetches the same preview while typing.
"""

from __future__ import annotations

from archiving.enums import Role
from bot.web import texts as T
from bot.web.context import Fragment, Page, PageRequest, Redirect
from bot.web.forms import button, field, local, post_form, table, textarea
from bot.web.html import Markup, fragment, tag
from bot.web.routing import NotFound, view
from knowledge import announcements, chat_answer, publishing, rendering
from knowledge.articles import parse_article
from knowledge.problems import ArticleError, KnowledgeError, Problem, errors

HOME = "/julkaisu"
MAX_TEXT = 100_000


def _kb(req: PageRequest):  # type: ignore[no-untyped-def]
    return req.ctx.services.knowledge


def _zone(req: PageRequest):  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    return ZoneInfo(req.ctx.settings.desk_timezone)


def render_preview(text: str) -> tuple[Markup, list[Problem]]:
    """Sanitised HTML of the text and its validation problems; front matter errors still show the body."""
    parsed, problems = parse_article(text, "esikatselu")
    if parsed is not None:
        page = Markup(rendering.render_html(parsed.article, ""))
        chat = tag("section", tag("h2", T.PUB_CHAT_PREVIEW_HEADING), tag("p", T.PUB_CHAT_PREVIEW_HINT, class_="hint"),
                   Markup(chat_answer.preview_html(parsed.article)), class_="chat-preview")  # fmt: skip
        return fragment(tag("div", page, class_="page-preview"), chat), errors(problems)
    _, sep, rest = text.lstrip().removeprefix("---").partition("\n---")
    body = rest.partition("\n")[2] if sep else text
    return Markup(rendering.markdown_to_html(body, "")), errors(problems)


def _problems(problems: list[Problem]) -> Markup:
    if not problems:
        return Markup("")
    items = [tag("li", T.PUB_PROBLEM_LINE.format(line=p.line, message=p.message)) for p in problems]
    return tag("div", tag("h2", T.PUB_PROBLEMS, id="ongelmat"), tag("ul", items), class_="flash flash-error", role="alert")


@view(Role.COMMUNICATIONS, current=HOME)
def article_list(req: PageRequest) -> Page:
    """Every instruction: in the database (with versions) or still only in the shipped package."""
    zone = _zone(req)
    rows = {r["slug"]: r for r in publishing.list_articles(req.ctx.engine)}
    kb = _kb(req)
    packaged = {a.slug: a.title for a in kb.articles.values()} if kb is not None else {}
    table_rows = []
    for slug in sorted(set(rows) | set(packaged)):
        row = rows.get(slug)
        link = tag("a", slug, href=f"/julkaisu/ohje/{slug}")
        if row is None:
            table_rows.append((link, packaged[slug], "–", T.PUB_STATE_PACKAGED, "", ""))
            continue
        state = T.PUB_STATE_DRAFT if row["draft_pending"] else T.PUB_STATE_PUBLISHED
        table_rows.append((link, row["title"], row["published"] or "–", state, local(row["updated_at"], zone), row["author"]))  # type: ignore[arg-type]
    body = fragment(
        tag("p", T.PUB_INTRO),
        tag("p", tag("a", T.PUB_NEW, href="/julkaisu/uusi", class_="button"), " ", tag("a", T.NAV_NEEDS, href="/julkaisu/tarpeet")),
        table(T.PUB_TITLE, T.PUB_HEADERS, table_rows, empty=T.PUB_EMPTY),
    )
    return Page(T.PUB_TITLE, body)


def _current_text(req: PageRequest, slug: str) -> str:
    try:
        return publishing.get_version(req.ctx.engine, slug, drafts=True).content
    except KnowledgeError:
        pass
    kb = _kb(req)
    article = kb.get(slug) if kb is not None else None
    if article is None:
        raise NotFound()
    return article.text


def _editor(req: PageRequest, *, slug: str | None, text: str, problems: list[Problem], preview: Markup | None) -> Markup:
    action = f"/julkaisu/ohje/{slug}" if slug else "/julkaisu/uusi"
    hint = T.PUB_EDITOR_HINT
    form = post_form(
        action, req.viewer,
        field("markdown", T.PUB_EDITOR_LABEL, textarea("markdown", "markdown", text, rows=24, required=True, maxlength=MAX_TEXT, spellcheck="true"), hint),
        tag("div", button(T.PUB_PREVIEW, name="toiminto", value="esikatsele", secondary=True),
            button(T.PUB_SAVE_DRAFT, name="toiminto", value="luonnos", secondary=True),
            button(T.PUB_PUBLISH, name="toiminto", value="julkaise"), class_="actions"),
        class_="editor-form", data_preview_url="/julkaisu/esikatselu", label=T.PUB_EDITOR_FORM,
    )  # fmt: skip
    shown = preview if preview is not None else tag("p", T.PUB_PREVIEW_EMPTY, class_="empty")
    preview_box = tag(
        "section", tag("h2", T.PUB_PREVIEW_HEADING, id="esikatselu-otsikko"),
        tag("div", shown, id="esikatselu-sisalto", class_="preview", aria_live="polite"),
        aria_labelledby="esikatselu-otsikko",
    )  # fmt: skip
    return fragment(_problems(problems), tag("div", form, preview_box, class_="editor"))


def _history(req: PageRequest, slug: str) -> Markup:
    try:
        versions = publishing.history(req.ctx.engine, slug)
    except KnowledgeError:
        return Markup("")
    zone = _zone(req)
    states = {"published": T.PUB_STATE_PUBLISHED, "draft": T.PUB_DRAFT_BADGE}
    rows = [(v.number, states.get(v.status, v.status), v.title, v.author, local(v.created_at, zone)) for v in versions]
    announce = post_form(
        f"/julkaisu/ohje/{slug}/tiedota", req.viewer,
        field("tiedote", T.PUB_ANNOUNCE_LABEL, textarea("message", "tiedote", rows=3, maxlength=announcements.MAX_MESSAGE)),
        button(T.PUB_ANNOUNCE_BUTTON), class_="stacked",
    )  # fmt: skip
    return fragment(
        tag("h2", T.PUB_HISTORY), table(T.PUB_HISTORY, T.PUB_HISTORY_HEADERS, rows, numeric=(0,)),
        tag("h2", T.PUB_ANNOUNCE), announce,
    )  # fmt: skip


@view(Role.COMMUNICATIONS, current=HOME)
def edit(req: PageRequest) -> Page:
    slug = req.match.get("slug")
    if slug is None:
        text = T.PUB_TEMPLATE.format(today=req.ctx.clock().date().isoformat())
        return Page(T.PUB_NEW_TITLE, _editor(req, slug=None, text=text, problems=[], preview=None))
    text = _current_text(req, slug)
    preview, _ = render_preview(text)
    links = tag("p", tag("a", T.PUB_VIEW, href=f"/ohjeet/{slug}"))
    body = fragment(links, _editor(req, slug=slug, text=text, problems=[], preview=preview), _history(req, slug))
    return Page(T.PUB_EDIT_TITLE.format(slug=slug), body)


@view(Role.COMMUNICATIONS, current=HOME)
def save(req: PageRequest) -> Page | Redirect:
    """Preview, save a draft or publish; on a problem the text stays in the editor with the errors listed."""
    slug = req.match.get("slug")
    text = req.form.get("markdown", "").replace("\r\n", "\n")
    action = req.form.get("toiminto", "esikatsele")
    preview, problems = render_preview(text)
    title = T.PUB_EDIT_TITLE.format(slug=slug) if slug else T.PUB_NEW_TITLE
    if action == "esikatsele" or problems:
        return Page(title, _editor(req, slug=slug, text=text, problems=problems, preview=preview), status=400 if problems else 200)
    try:
        result = publishing.publish_text(
            req.ctx.engine, text, author=req.viewer.name, now=req.ctx.clock(), draft=action == "luonnos", slug=slug
        )
    except ArticleError as error:
        return Page(title, _editor(req, slug=slug, text=text, problems=error.problems, preview=preview), status=400)
    except KnowledgeError as error:
        problem = Problem("esikatselu", 1, str(error))
        return Page(title, _editor(req, slug=slug, text=text, problems=[problem], preview=preview), status=400)
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
    """The preview alone, for the editor's script."""
    preview, problems = render_preview(req.form.get("markdown", "")[:MAX_TEXT])
    return Fragment(fragment(_problems(problems), preview))


@view(Role.COMMUNICATIONS)
def announce(req: PageRequest) -> Redirect:
    slug = req.match.get("slug", "")
    message = (req.form.get("message") or "").strip() or None
    try:
        announcements.announce(req.ctx.engine, slug, author=req.viewer.name, now=req.ctx.clock(), message=message)
    except KnowledgeError as error:
        return Redirect(f"/julkaisu/ohje/{slug}", ("error", T.PUB_KNOWLEDGE_ERROR.format(message=error)))
    return Redirect(f"/julkaisu/ohje/{slug}", ("ok", T.PUB_ANNOUNCED_OK))

