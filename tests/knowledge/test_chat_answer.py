"""Instructions sized for chat: the chat field, the version made from summary and steps, the line budget, no cut sentences."""

from __future__ import annotations

from knowledge.articles import parse_article
from knowledge.chat_answer import MAX_LINES, first_sentence, lines_before_link, render_chat_card
from knowledge.service import KnowledgeBase

BASE = "https://b.example"
ARTICLE = """---
slug: kortti
title: Kortti
audience: [worker]
summary: Kirjaudu varmennekortilla.
keywords: [kortti]
questions: [a, b, c, d, e, f]
updated: 2026-11-25
{chat}---
# Kortti

Johdanto, joka toistaa yhteenvedon.

## Näin toimit

1. Laita kortti lukijaan (esim. näppäimistön vieressä). Tämä toinen lause jää pois.
2. Anna PIN-koodi.

## Mistä saat apua

- Deski.
"""


def _article(chat: str = ""):  # type: ignore[no-untyped-def]
    parsed, problems = parse_article(ARTICLE.format(chat=chat), "kortti.md")
    assert parsed is not None, problems
    return parsed.article


def _texts(card: dict) -> list[str]:  # type: ignore[type-arg]
    return [str(b.get("text", "")) for b in card["body"] if b.get("type") == "TextBlock"]


def test_made_from_the_summary_and_the_first_sentence_of_each_step() -> None:
    card = render_chat_card(_article(), BASE)
    texts = _texts(card)
    assert texts[:3] == ["Kortti", "Kirjaudu varmennekortilla.", "1. Laita kortti lukijaan (esim. näppäimistön vieressä).\n2. Anna PIN-koodi."]
    assert "Apua saat" in texts[3] and not any("Johdanto" in t or "Mistä saat apua" in t for t in texts)
    link = card["body"][-1]
    assert link["type"] == "ActionSet" and link["actions"][0]["url"] == f"{BASE}/ohjeet/kortti"


def test_the_communications_teams_chat_field_wins() -> None:
    article = _article("chat: |\n  Kortti lukijaan ja *PIN*.\n\n  1. Ensin tämä.\n  2. Sitten tuo.\n")
    assert article.chat == "Kortti lukijaan ja *PIN*.\n\n1. Ensin tämä.\n2. Sitten tuo."
    assert _texts(render_chat_card(article, BASE))[1:3] == ["Kortti lukijaan ja _PIN_.", "1. Ensin tämä.\n2. Sitten tuo."]


def test_a_long_chat_version_drops_whole_steps_never_half_a_sentence() -> None:
    steps = "\n".join(f"  {i}. Vaihe numero {i}, jossa on aika monta sanaa, jotta rivi täyttyy kunnolla." for i in range(1, 15))
    card = render_chat_card(_article(f"chat: |\n  Lyhyt vastaus.\n\n{steps}\n"), BASE)
    assert lines_before_link(card) <= MAX_LINES
    kept = _texts(card)[2].split("\n")
    assert all(line.endswith("täyttyy kunnolla.") for line in kept) and "Loput vaiheet" in _texts(card)[3]


def test_first_sentence_keeps_abbreviations_and_brackets() -> None:
    assert first_sentence("Avaa (esim. Effica). Sitten muuta.") == "Avaa (esim. Effica)."
    assert first_sentence("Katso ks. ohje. Toinen.") == "Katso ks. ohje."


def test_every_packaged_instruction_fits_a_chat_bubble() -> None:
    kb = KnowledgeBase.from_directory()
    for slug in kb.articles:
        card = kb.render_chat_card(slug, BASE)
        assert lines_before_link(card) <= MAX_LINES, slug
        assert any("Apua saat" in t for t in _texts(card)), slug


def test_kb_check_warns_about_a_chat_version_too_long_for_a_bubble() -> None:
    steps = "\n".join(f"  {i}. Vaihe numero {i}, jossa on aika monta sanaa, jotta rivi täyttyy kunnolla." for i in range(1, 15))
    text = ARTICLE.format(chat=f"chat: |\n  Lyhyt vastaus.\n\n{steps}\n")
    parsed, problems = parse_article(text, "kortti.md")
    assert parsed is not None and [p.severity for p in problems] == ["warning"]
    assert "leaves out the last steps" in problems[0].message and problems[0].line == 9


def test_the_preview_shows_what_teams_shows() -> None:
    from knowledge.chat_answer import preview_html

    html = preview_html(_article("chat: |\n  Kortti <script>x</script> lukijaan.\n\n  1. Ensin tämä.\n"), BASE)
    assert "<ol>" in html and "Ensin tämä." in html and "Apua saat" in html
    assert f'href="{BASE}/ohjeet/kortti"' in html and "<script>" not in html
