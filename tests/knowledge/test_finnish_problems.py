"""Every validation problem and refusal of the knowledge core carries a Finnish message for the web pages."""

from __future__ import annotations

import re

import pytest
from kbkit import NOW, article_text
from sqlalchemy.engine import Engine

from knowledge.articles import parse_article
from knowledge.checks import check_set
from knowledge.problems import KnowledgeError, Problem
from knowledge.publishing import publish_articles, publish_text

ENGLISH = re.compile(r"\b(the|must|is|not|does|exist|required|unknown|allowed|item|field|line)\b", re.I)

BROKEN = {
    "no front matter": "# Otsikko\n",
    "front matter not closed": "---\nslug: a\n",
    "bad yaml": "---\nslug: [a\n---\nteksti\n",
    "not a mapping": "---\n- a\n- b\n---\nteksti\n",
    "twice": article_text().replace("title: Esimerkki\n", "title: Esimerkki\ntitle: Toinen\n"),
    "unknown key and missing title": article_text().replace("title: Esimerkki", "otsikko: Esimerkki"),
    "bad slug": article_text(slug="Iso Kirjain"),
    "bad audience and status": article_text(status="valmis").replace("[worker]", "[kaikille]"),
    "bad list": article_text().replace("keywords: [avain, sana]", "keywords: avain"),
    "empty item": article_text().replace("keywords: [avain, sana]", "keywords: [avain, '']"),
    "long title": article_text(title="x" * 300),
    "not text": article_text().replace("summary: Lyhyt vastaus.", "summary: [a, b]"),
    "bad date": article_text().replace("updated: 2026-11-20", "updated: eilen"),
    "bad related": article_text().replace("related: []", "related: [Ei Kelpaa, esimerkki]"),
    "no body": article_text(body=""),
    "few questions": article_text().replace("  - Kysymys kuusi?\n", "").replace("  - Kysymys viisi?\n", ""),
    "unsafe": article_text(body="# O\n\n<script>x</script> [a](javascript:alert(1)) [b](/ohjeet/puuttuu) ![k](x.png) <b onclick='x'>c</b>\n"),
}


def finnish(problem: Problem) -> str:
    assert problem.message_fi, f"no Finnish message for {problem.message!r}"
    assert not ENGLISH.search(problem.message_fi), problem.message_fi
    return problem.message_fi


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_every_problem_has_a_finnish_message(name: str) -> None:
    parsed, problems = parse_article(BROKEN[name], "esikatselu")
    if parsed is not None:
        problems += check_set([parsed], set())
    assert problems, name
    for problem in problems:
        finnish(problem)


def test_problems_name_their_field_in_finnish() -> None:
    _, problems = parse_article(article_text().replace("title: Esimerkki", "otsikko: Esimerkki"), "esikatselu")
    by_field = {p.field: p.message_fi for p in problems}
    assert by_field["title"] == "Otsikko puuttuu."
    related = check_set([parse_article(article_text().replace("related: []", "related: [puuttuva-ohje]"), "e")[0]], set())  # type: ignore[list-item]
    assert [(p.field, p.message_fi) for p in related] == [("related", "Liittyvää ohjetta ”puuttuva-ohje” ei ole.")]


def test_refusals_carry_finnish_too(engine: Engine) -> None:
    with pytest.raises(KnowledgeError) as raised:
        publish_text(engine, article_text(slug="toinen"), author="a", now=NOW, slug="esimerkki")
    assert raised.value.message_fi and not ENGLISH.search(raised.value.message_fi)
    with pytest.raises(KnowledgeError) as raised:
        publish_articles(engine, [], author="  ", now=NOW)
    assert raised.value.message_fi and not ENGLISH.search(raised.value.message_fi)
