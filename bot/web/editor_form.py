"""The instruction editor as a Finnish form: title, audience, keywords, example questions, related instructions, text.

The form never shows YAML: :mod:`knowledge.compose` turns the fields into the
article text and back. Every control has a label; a problem is listed at the top
(with a link to its field) and beside the field it concerns, which is marked
``aria-invalid``. Checkboxes have names of their own (``kenelle-worker``), so a
plain POST carries them without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.web import texts as T
from bot.web.context import PageRequest
from bot.web.forms import button, described, field, field_error, post_form, text_input, textarea
from bot.web.html import Markup, fragment, tag
from knowledge.articles import AUDIENCES, MAX_CHAT, MAX_SUMMARY, MAX_TITLE
from knowledge.compose import ArticleFields, slug_from_title
from knowledge.messages import AUDIENCE_NAMES, FIELD_NAMES
from knowledge.problems import Problem

MAX_TEXT = 100_000
MAX_LIST = 10_000
# front matter key → the id of the control a problem about it points at
CONTROL_IDS = {
    "slug": "tunniste", "title": "otsikko", "summary": "tiivistelma", "audience": "kenelle", "keywords": "avainsanat",
    "questions": "kysymykset", "related": "liittyvat", "body": "teksti", "chat": "chat",
}  # fmt: skip


def _lines(text: str) -> tuple[str, ...]:
    return tuple(" ".join(line.split()) for line in text[:MAX_LIST].splitlines() if line.strip())


def read_fields(req: PageRequest, slug: str | None, choices: Sequence[str], today: dt.date) -> ArticleFields:
    """The fields as posted; a new instruction's slug comes from the form or its title, a missing date is today."""
    form = req.form
    title = form.get("otsikko", "")[: MAX_TITLE * 2]
    if slug is None:
        slug = form.get("tunniste", "").strip()[:100] or slug_from_title(title)
    try:
        updated = dt.date.fromisoformat(form.get("paivitetty", ""))
    except ValueError:
        updated = today
    return ArticleFields(
        slug=slug, title=title, audience=tuple(a for a in AUDIENCES if form.get(f"kenelle-{a}") == "1"),
        summary=form.get("tiivistelma", "")[: MAX_SUMMARY * 2], keywords=_lines(form.get("avainsanat", "")),
        questions=_lines(form.get("kysymykset", "")), related=tuple(s for s in choices if form.get(f"liittyvat-{s}") == "1"),
        updated=updated, body=form.get("teksti", "")[:MAX_TEXT].replace("\r\n", "\n"), chat=form.get("chat", "")[: MAX_CHAT * 2],
    )  # fmt: skip


def problem_text(problem: Problem, body_line: int) -> str:
    """The Finnish message; a problem in the text names its line within the text."""
    message = problem.message_fi or T.PUB_GENERIC_ERROR
    if problem.field == "body" and problem.line >= body_line:
        return T.PUB_BODY_PROBLEM.format(field=FIELD_NAMES["body"], line=problem.line - body_line + 1, message=message)
    return message


def problems_by_control(problems: Sequence[Problem], body_line: int) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for p in problems:
        grouped.setdefault(CONTROL_IDS.get(p.field, "otsikko"), []).append(problem_text(p, body_line))
    return grouped


def problem_summary(grouped: dict[str, list[str]], *, live: bool = False) -> Markup:
    """The list at the top of the form: each problem links to its field (an alert after a submit, quiet while typing)."""
    if not grouped:
        return Markup("")
    items = [tag("li", tag("a", text, href=f"#{control}")) for control, texts in grouped.items() for text in texts]
    heading = tag("h2", T.PUB_PROBLEMS, id=None if live else "ongelmat")
    return tag("div", heading, tag("ul", items), class_="flash flash-error", role=None if live else "alert")


def _checkboxes(name: str, legend: str, options: Sequence[tuple[str, str]], chosen: Sequence[str], errors: list[str] | None,
                hint: str | None = None, class_: str = "choices") -> Markup:  # fmt: skip
    boxes = []
    for value, label in options:
        control_id = f"{name}-{value}"
        box = tag("input", type="checkbox", name=control_id, id=control_id, value="1", checked=value in chosen)
        boxes.append(tag("div", box, " ", tag("label", label, for_=control_id, class_="inline-label"), class_="check"))
    hint_id = f"{name}-ohje" if hint else None
    error_id = f"{name}-virhe" if errors else None
    group = tag(
        "fieldset", tag("legend", legend), tag("p", hint, id=hint_id, class_="hint") if hint else None,
        field_error(name, errors), tag("div", boxes, class_=class_), id=name, class_="field field-invalid" if errors else "field",
    )  # fmt: skip
    return described(group, name, hint_id, error_id)


def editor_form(
    req: PageRequest, *, action: str, slug: str | None, fields: ArticleFields, grouped: dict[str, list[str]],
    related_choices: Sequence[tuple[str, str]],
) -> Markup:  # fmt: skip
    """The whole form; ``related_choices`` are (slug, title) of the other instructions, sorted by title."""
    audiences = [(a, AUDIENCE_NAMES[a].capitalize()) for a in AUDIENCES]
    slug_control = (
        field("tunniste", T.PUB_SLUG_LABEL, text_input("tunniste", "tunniste", fields.slug if req.form else "", maxlength=80), T.PUB_SLUG_HINT, grouped.get("tunniste"))
        if slug is None else tag("p", T.PUB_SLUG_FIXED.format(slug=slug), class_="hint")
    )  # fmt: skip
    return post_form(
        action, req.viewer,
        tag("p", T.PUB_EDITOR_HINT, class_="hint"),
        field("otsikko", T.PUB_TITLE_LABEL, text_input("otsikko", "otsikko", fields.title, required=True, maxlength=MAX_TITLE), None, grouped.get("otsikko")),
        slug_control,
        field("tiivistelma", T.PUB_SUMMARY_LABEL, textarea("tiivistelma", "tiivistelma", fields.summary, rows=3, required=True, maxlength=MAX_SUMMARY),
              T.PUB_SUMMARY_HINT, grouped.get("tiivistelma")),
        field("chat", T.PUB_CHAT_LABEL, textarea("chat", "chat", fields.chat, rows=6, maxlength=MAX_CHAT, spellcheck="true"),
              T.PUB_CHAT_HINT, grouped.get("chat")),
        _checkboxes("kenelle", T.PUB_AUDIENCE_LEGEND, audiences, fields.audience, grouped.get("kenelle")),
        field("avainsanat", T.PUB_KEYWORDS_LABEL, textarea("avainsanat", "avainsanat", "\n".join(fields.keywords), rows=6),
              T.PUB_KEYWORDS_HINT, grouped.get("avainsanat")),
        field("kysymykset", T.PUB_QUESTIONS_LABEL, textarea("kysymykset", "kysymykset", "\n".join(fields.questions), rows=8, spellcheck="true"),
              T.PUB_QUESTIONS_HINT, grouped.get("kysymykset")),
        _checkboxes("liittyvat", T.PUB_RELATED_LEGEND, related_choices, fields.related, grouped.get("liittyvat"), T.PUB_RELATED_HINT, "choices picker"),
        field("teksti", T.PUB_BODY_LABEL, textarea("teksti", "teksti", fields.body, rows=20, required=True, maxlength=MAX_TEXT, spellcheck="true"),
              T.PUB_BODY_HINT, grouped.get("teksti")),
        tag("input", type="hidden", name="paivitetty", value=fields.updated.isoformat() if fields.updated else ""),
        tag("input", type="hidden", name="ohje", value=slug) if slug else None,
        tag("div", button(T.PUB_PREVIEW, name="toiminto", value="esikatsele", secondary=True),
            button(T.PUB_SAVE_DRAFT, name="toiminto", value="luonnos", secondary=True),
            button(T.PUB_PUBLISH, name="toiminto", value="julkaise"), class_="actions"),
        class_="editor-form", data_preview_url="/julkaisu/esikatselu", label=T.PUB_EDITOR_FORM,
    )  # fmt: skip


def preview_box(preview: Markup | None) -> Markup:
    shown = preview if preview is not None else tag("p", T.PUB_PREVIEW_EMPTY, class_="empty")
    return tag(
        "section", tag("h2", T.PUB_PREVIEW_HEADING, id="esikatselu-otsikko"),
        tag("div", shown, id="esikatselu-sisalto", class_="preview", aria_live="polite"),
        aria_labelledby="esikatselu-otsikko",
    )  # fmt: skip


def editor(form: Markup, grouped: dict[str, list[str]], preview: Markup | None) -> Markup:
    return fragment(problem_summary(grouped), tag("div", form, preview_box(preview), class_="editor"))
