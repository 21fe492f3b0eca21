"""The search index: what of an article's text counts towards matching it."""

from __future__ import annotations

from knowledge.articles import Article
from knowledge.index import Index, plain_body
from knowledge.synonyms import Synonyms


def test_a_link_to_another_instruction_does_not_count_as_this_articles_words() -> None:
    body = "Katso [PIN-koodi](pin.md) ja [deskin ohje](deski.md#aikataulu). Lue [ulkoinen ohje](https://example.org/kortit)."
    text = plain_body(body)
    assert "PIN" not in text and "deskin" not in text and "example.org" not in text
    assert "ulkoinen ohje" in text and "Katso" in text


def test_linked_words_are_left_to_the_linked_article(fixture_articles: list[Article]) -> None:
    index = Index(fixture_articles, Synonyms())
    kortti = next(i for i, a in enumerate(index.articles) if a.slug == "kortti")
    assert "[PIN-koodi](pin.md)" in index.articles[kortti].body
    assert kortti not in {doc for doc, _ in index.postings["s:pin"]}
