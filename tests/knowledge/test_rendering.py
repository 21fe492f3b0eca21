"""Rendering: safe HTML for web pages and Adaptive Cards for Teams, against an XSS payload corpus."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

import pytest
from kbkit import FIXTURES, article_text

from knowledge.articles import Article, parse_article
from knowledge.cards import CARD_VERSION, render_card
from knowledge.rendering import render_html, render_summary_text
from knowledge.safety import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from knowledge.service import KnowledgeBase

BASE = "https://botti.example.fi"
SAFE_HREF = re.compile(r"^(https?://[^\s/]+|mailto:|#|/ohjeet/)", re.IGNORECASE)


def payloads() -> list[str]:
    lines = (FIXTURES / "xss.txt").read_text(encoding="utf-8").splitlines()
    return [line.removeprefix("ok: ").replace("\\n", "\n") for line in lines if line and not line.startswith("#")]


def article_with(body: str) -> Article:
    parsed, _ = parse_article(article_text("esimerkki", "# Esimerkki\n\nEnsin kappale.\n\n" + body + "\n"), "esimerkki")
    assert parsed is not None
    return parsed.article


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_safe_html(output: str) -> None:
    collector = TagCollector()
    collector.feed(output)
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, output
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, output
            if name == "href":
                assert SAFE_HREF.match(value or ""), output
    assert not re.search(r"<\s*/?\s*(script|iframe|svg|math|style|object|embed|img)", output, re.IGNORECASE), output


def walk(node: Any) -> list[dict[str, Any]]:
    """Every JSON object in a card."""
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(walk(value))
    return found


def assert_safe_card(card: dict[str, Any]) -> None:
    assert json.loads(json.dumps(card)) == card  # plain JSON, nothing else
    for node in walk(card):
        assert node.get("type") in {"AdaptiveCard", "TextBlock", "FactSet", "Action.OpenUrl", None}, node
        if "url" in node:
            assert re.match(r"^https?://", node["url"]), node
        for key in ("text", "title", "value"):
            text = node.get(key)
            if isinstance(text, str):
                assert "<" not in text and ">" not in text, text
                for target in re.findall(r"\]\(([^)]*)\)", text):
                    assert re.match(r"^https?://[^\s]+$", target), text
    assert "selectAction" not in json.dumps(card)


@pytest.mark.parametrize("payload", payloads())
def test_html_is_safe_for_every_payload(payload: str) -> None:
    assert_safe_html(render_html(article_with(payload), BASE))


@pytest.mark.parametrize("payload", payloads())
def test_card_is_safe_for_every_payload(payload: str) -> None:
    assert_safe_card(render_card(article_with(payload), BASE))


@pytest.mark.parametrize("payload", payloads())
def test_payloads_in_title_and_summary_are_neutralised(payload: str) -> None:
    article = replace(article_with("Teksti."), title="Otsikko " + payload, summary="Vastaus " + payload)
    assert_safe_card(render_card(article, BASE, related=[article]))
    text = render_summary_text(article, f"{BASE}/ohjeet/esimerkki")
    assert "<" not in text and "](" not in text.replace(f"]({BASE}", "")


def test_article_links_point_to_the_instruction_page() -> None:
    article = article_with("Katso [PIN-ohje](pin.md#puk) ja [ulkoinen](https://example.org/a?b=1&c=2).")
    output = render_html(article, BASE)
    assert f'href="{BASE}/ohjeet/pin#puk"' in output
    assert 'href="https://example.org/a?b=1&amp;c=2"' in output
    assert 'rel="noopener noreferrer"' in output
    assert '<a href="/ohjeet/pin#puk"' in render_html(article, "")


def test_title_heading_can_be_left_out_for_the_page_template() -> None:
    article = article_with("Teksti.")
    assert render_html(article, BASE).startswith("<h1>Esimerkki</h1>")
    assert "<h1>" not in render_html(article, BASE, with_title=False)


def test_card_structure(fixture_kb: KnowledgeBase) -> None:
    card = fixture_kb.render_card("kortti", BASE)
    assert card["type"] == "AdaptiveCard" and card["version"] == CARD_VERSION == "1.5"
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Avaa koko ohje", "url": f"{BASE}/ohjeet/kortti"}]
    texts = [b["text"] for b in card["body"] if b["type"] == "TextBlock"]
    assert texts[0] == "Kirjautuminen ammattikortilla"
    assert texts[1].startswith("Asiakastietojärjestelmään kirjaudutaan")
    assert f"[PIN-koodi]({BASE}/ohjeet/pin)" in " ".join(texts)
    assert "[ulkoinen ohje](https://example.org/kortit)" in " ".join(texts)
    assert texts[-1] == f"Katso myös: [PIN-koodi on lukossa]({BASE}/ohjeet/pin)"
    facts = [b for b in card["body"] if b["type"] == "FactSet"][-1]["facts"]
    assert facts == [{"title": "Päivitetty", "value": "1.11.2026"}, {"title": "Kenelle", "value": "työntekijät"}]
    assert_safe_card(card)


def test_a_two_column_table_becomes_a_fact_set(fixture_kb: KnowledgeBase) -> None:
    card = fixture_kb.render_card("deski", BASE)
    fact_sets = [b["facts"] for b in card["body"] if b["type"] == "FactSet"]
    assert [{"title": "Aika", "value": "Paikka"}, {"title": "9.00", "value": "Teams"}, {"title": "13.00", "value": "Teams"}] in fact_sets


def test_lists_keep_their_markers() -> None:
    card = render_card(article_with("1. Ensin **tämä**\n2. Sitten _tuo_\n\n- yksi\n- kaksi"), BASE)
    texts = [b["text"] for b in card["body"] if b["type"] == "TextBlock"]
    assert "1. Ensin **tämä**\n2. Sitten _tuo_" in texts and "- yksi\n- kaksi" in texts


def test_a_long_body_is_cut_with_a_pointer_to_the_page() -> None:
    card = render_card(article_with("\n\n".join(f"Kappale {i}. " + "sana " * 60 for i in range(40))), BASE)
    assert card["body"][-2]["text"] == "Ohje jatkuu koko ohjeen sivulla."
    assert len(json.dumps(card)) < 6000


def test_without_an_http_base_there_is_no_link_in_the_card() -> None:
    card = render_card(article_with("Katso [PIN](pin.md)."), "")
    assert "actions" not in card and "](/ohjeet" not in json.dumps(card)
    assert html.unescape("PIN") in json.dumps(card)
