"""The search index over articles: weighted features per field, BM25-style saturation and idf.

Built once per set of published articles (milliseconds for the 25 real ones,
about a second for a thousand); matching only reads it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.analysis import Features, text_features
from knowledge.articles import Article
from knowledge.normalise import content_words, phrasing_words, stem
from knowledge.synonyms import Synonyms
from knowledge.vocabulary import Vocabulary

# How much one occurrence in each field says about the article's topic, and the
# most occurrences that still add up (a long body must not outweigh the title).
FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.0, "questions": 1.2, "summary": 1.2, "body": 0.35}
FIELD_CAPS = {"title": 1.5, "keywords": 2.0, "questions": 4.0, "summary": 2.0, "body": 6.0}
# k in tf / (tf + k). With k = 1.5 a term an article is about (title, keywords, questions) stands out
# from a passing mention in another article's keywords; k = 1 let both saturate alike. Fitted with
# the thresholds (knowledge.calibration); MatcherConfig.saturation carries it to the index.
SATURATION = 1.5
DF_FULL = 3.0  # weighted frequency at which an article counts fully in document frequency

_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>]+>")
# "[Neuvontadeski](deski.md)": the words of a link to another instruction name that instruction, not this one
_ARTICLE_LINK = re.compile(r"\[[^\]]*\]\([^)\s]*\.md(?:#[^)]*)?\)")


def plain_body(markdown_text: str) -> str:
    """Body text without links to other instructions, link targets, URLs and tags: not words a user asks this article with."""
    return _LINK_TARGET.sub(" ", _ARTICLE_LINK.sub(" ", markdown_text))


def _fields(article: Article) -> dict[str, list[str]]:
    return {
        "title": [article.title],
        "keywords": list(article.keywords),
        "questions": list(article.questions),
        "summary": [article.summary],
        "body": [plain_body(article.body)],
    }


@dataclass(frozen=True)
class IndexedQuestion:
    """An example question in normalised form, for fuzzy comparison with a user's question."""

    doc: int
    text: str


class Index:
    """Postings from feature to (article number, weight), idf and the example questions."""

    def __init__(self, articles: Sequence[Article], synonyms: Synonyms, saturation: float = SATURATION) -> None:
        self.articles = list(articles)
        self.synonyms = synonyms
        surfaces: set[str] = set()
        for article in self.articles:
            for texts in _fields(article).values():
                for text in texts:
                    surfaces.update(content_words(text))
        self.vocabulary = Vocabulary(surfaces)
        term_freqs = [self._term_frequencies(a) for a in self.articles]
        count = max(len(self.articles), 1)
        # A passing mention in a body counts as a fraction of a document, so that
        # words every article's help section repeats ("deski") keep their weight.
        doc_freq: dict[str, float] = defaultdict(float)
        for tf in term_freqs:
            for feature, freq in tf.items():
                doc_freq[feature] += min(1.0, freq / DF_FULL)
        self.idf = {f: _idf(count, n) for f, n in doc_freq.items()}
        self.doc_share = {f: n / count for f, n in doc_freq.items()}  # how much of the knowledge base a feature spans
        self.unknown_idf = _idf(count, 1)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for doc, tf in enumerate(term_freqs):
            for feature, freq in tf.items():
                postings[feature].append((doc, self.idf[feature] * freq / (freq + saturation)))
        self.postings = dict(postings)
        # what the articles are about: the stems and synonym groups of their titles, keywords, questions and summaries
        self.topic_features: frozenset[str] = frozenset(
            feature
            for article in self.articles
            for name, texts in _fields(article).items()
            if name != "body"
            for text in texts
            for features in text_features(text, self.vocabulary, self.synonyms)
            for feature in features
            if feature[:2] in ("s:", "g:")
        )
        self.questions = [
            IndexedQuestion(doc, normalised_question(q))
            for doc, article in enumerate(self.articles)
            for q in (*article.questions, article.title)
        ]
        self.questions_of: dict[int, list[str]] = defaultdict(list)
        for question in self.questions:
            self.questions_of[question.doc].append(question.text)

    def _term_frequencies(self, article: Article) -> dict[str, float]:
        total: dict[str, float] = defaultdict(float)
        for field, texts in _fields(article).items():
            per_field: dict[str, float] = defaultdict(float)
            for text in texts:
                # in a list field (keywords, questions) each item counts a feature once
                seen: Features = {}
                for features in text_features(text, self.vocabulary, self.synonyms):
                    for feature, weight in features.items():
                        if field == "body":
                            per_field[feature] += weight
                        elif weight > seen.get(feature, 0.0):
                            seen[feature] = weight
                for feature, weight in seen.items():
                    per_field[feature] += weight
            for feature, freq in per_field.items():
                total[feature] += FIELD_WEIGHTS[field] * min(freq, FIELD_CAPS[field])
        return total

    def __len__(self) -> int:
        return len(self.articles)


def _idf(count: int, doc_freq: float) -> float:
    return math.log(1.0 + (count - doc_freq + 0.5) / (doc_freq + 0.5))


def normalised_question(text: str | list[str]) -> str:
    """A question (a text or its ``normalise.words``) as the space-separated stems of its words, question words included."""
    return " ".join(stem(w) for w in phrasing_words(text))
