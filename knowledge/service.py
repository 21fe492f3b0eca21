"""``KnowledgeBase``: the one object the bot and the web pages call.

It answers questions (and logs them without personal data), records feedback,
and renders articles as cards or HTML. Its articles come from the database's
published versions (``open`` first publishes the packaged ones the database
lacks), or from a folder of markdown files (tests, ``kb match --articles``); a database-backed instance notices new publications by itself
(when answering, and on article look-ups too when it was given a ``clock``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from archiving.clock import Clock
from archiving.hetu import bounded
from knowledge import cards, chat_answer, messages, rendering
from knowledge.articles import Article
from knowledge.checks import check_directory
from knowledge.matcher import Match, Matcher, MatcherConfig
from knowledge.neighbours import Neighbours
from knowledge.packaged import ARTICLES_DIR, publish_packaged
from knowledge.problems import ArticleError, KnowledgeError, refusal
from knowledge.publishing import published_articles, published_signature
from knowledge.questionlog import QuestionLog, record_feedback
from knowledge.redaction import MAX_TEXT, redact
from knowledge.synonyms import Synonyms

DATABASE, DIRECTORY = "database", "directory"


@dataclass(frozen=True)
class Choice:
    slug: str
    title: str
    score: float


@dataclass(frozen=True)
class Answer:
    """The outcome of a question: the article (or None), near alternatives, the log row's id."""

    question: str  # as logged: personal data removed
    slug: str | None
    score: float
    kind: str  # answer | none | general | near | greeting | thanks | farewell | empty
    alternatives: tuple[Choice, ...]
    article: Article | None
    log_id: int | None
    subject: str | None = None  # kind "near": the neighbouring subject the question was about
    follow_up: bool = False  # answered as a follow-up to the previous answer

    @property
    def ambiguous(self) -> bool:
        """A near tie: offer ``alternatives`` beside the answer ("Tarkoititko…")."""
        return self.slug is not None and bool(self.alternatives)


class KnowledgeBase:
    """Matching, logging and rendering over one set of articles."""

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        engine: Engine | None = None,
        source: str = DIRECTORY,
        synonyms: Synonyms | None = None,
        neighbours: Neighbours | None = None,
        config: MatcherConfig | None = None,
        refresh_seconds: float = 30.0,
        clock: Clock | None = None,
    ) -> None:
        self.engine, self.source, self.clock = engine, source, clock
        self._question_log: QuestionLog | None = None
        self.synonyms = synonyms if synonyms is not None else Synonyms.load()
        self.neighbours = neighbours if neighbours is not None else Neighbours.load()
        self.config = config
        self.refresh_seconds = refresh_seconds
        self._signature: tuple[int, int] | None = None
        self._checked_at: dt.datetime | None = None
        self._use(articles)

    def _use(self, articles: Sequence[Article]) -> None:
        self.articles = {a.slug: a for a in articles}
        self.matcher = Matcher(list(self.articles.values()), self.synonyms, self.config, self.neighbours)

    @classmethod
    def from_directory(cls, directory: Path = ARTICLES_DIR, *, engine: Engine | None = None, **options: Any) -> KnowledgeBase:
        """Articles from markdown files; refuses a folder with validation errors."""
        result = check_directory(directory)
        if not result.ok:
            raise ArticleError(result.problems)
        return cls([a for a in result.articles if a.status != "draft"], engine=engine, source=DIRECTORY, **options)

    @classmethod
    def load(cls, engine: Engine | None, directory: Path | None = None, **options: Any) -> KnowledgeBase:
        """Published database versions when there are any, else the folder (default: packaged articles)."""
        if engine is not None and published_signature(engine)[0] > 0:
            kb = cls(published_articles(engine), engine=engine, source=DATABASE, **options)
            kb._signature = published_signature(engine)
            return kb
        return cls.from_directory(directory or ARTICLES_DIR, engine=engine, **options)

    @classmethod
    def open(cls, engine: Engine, directory: Path | None = None, *, now: dt.datetime, **options: Any) -> KnowledgeBase:
        """For the bot: bring the packaged instructions into the database (``publish_packaged``), then load the published ones."""
        publish_packaged(engine, directory, now=now)
        return cls.load(engine, directory, **options)

    def refresh(self, now: dt.datetime, *, force: bool = False) -> bool:
        """Reload when something new was published (checked at most every ``refresh_seconds``)."""
        if self.engine is None:
            return False
        if not force and self._checked_at is not None and (now - self._checked_at).total_seconds() < self.refresh_seconds:
            return False
        self._checked_at = now
        signature = published_signature(self.engine)
        if signature == self._signature or signature[0] == 0:
            return False
        self._signature = signature
        self.source = DATABASE
        self._use(published_articles(self.engine))
        return True

    # --- questions ----------------------------------------------------------------

    def match(self, question: str, context: str | None = None) -> Match:
        """Match without logging (evaluation, the CLI); ``context``: the slug just answered, for a follow-up.

        A question is read up to ``redaction.MAX_TEXT`` characters.
        """
        return self.matcher.match(bounded(question, MAX_TEXT), context)

    def answer(
        self, question: str, *, now: dt.datetime, store: bool = True, source: str = "chat", context: str | None = None
    ) -> Answer:
        """Match ``question`` (a follow-up to ``context``, the slug just answered) and, with ``store``, log it (redacted) in one transaction."""
        self.refresh(now)
        question = bounded(question, MAX_TEXT)  # before any pattern or the matcher sees it
        match = self.matcher.match(question, context)
        logged = self.redact(question)
        log_id = None
        if store:
            if self.engine is None:
                raise KnowledgeError("no database: cannot log the question (pass store=False)")
            if self._question_log is None or self._question_log.engine is not self.engine:
                self._question_log = QuestionLog(self.engine)
            log_id = self._question_log.write(logged, match, now=now, source=source)
        choices = tuple(Choice(c.slug, self.articles[c.slug].title, c.score) for c in match.alternatives)
        article = self.articles.get(match.slug) if match.slug else None
        return Answer(logged, match.slug, match.score, match.kind, choices, article, log_id, match.subject, match.follow_up)

    def redact(self, text: str) -> str:
        """``text`` without personal data, as the question log keeps it (words the articles use are kept)."""
        return redact(text, self.matcher.index.vocabulary.knows)

    def record_feedback(self, log_id: int, helpful: bool, *, now: dt.datetime) -> None:
        if self.engine is None:
            raise KnowledgeError("no database: cannot record feedback")
        record_feedback(self.engine, log_id, helpful, now=now)

    # --- articles -----------------------------------------------------------------

    def _current(self) -> None:
        """With a clock, article look-ups also notice new publications (as answers do)."""
        if self.clock is not None:
            self.refresh(self.clock())

    def get(self, slug: str) -> Article | None:
        self._current()
        return self.articles.get(slug)

    def _require(self, slug: str) -> Article:
        self._current()
        article = self.articles.get(slug)
        if article is None:
            raise refusal(messages.E_NO_PUBLISHED_ARTICLE, slug=slug)
        return article

    def render_card(self, slug: str, base_url: str) -> dict[str, Any]:
        """An Adaptive Card of the article; ``base_url`` is the bot's public address."""
        article = self._require(slug)
        related = [self.articles[s] for s in article.related if s in self.articles]
        return cards.render_card(article, base_url, related)

    def render_chat_card(self, slug: str, base_url: str) -> dict[str, Any]:
        """The instruction sized for chat: short answer, steps, where to get help, link to the whole."""
        return chat_answer.render_chat_card(self._require(slug), base_url)

    def render_html(self, slug: str, base_url: str = "", *, with_title: bool = True) -> str:
        """Sanitised HTML of the article body for the instruction page."""
        return rendering.render_html(self._require(slug), base_url, with_title=with_title)

    def render_text(self, slug: str, base_url: str) -> str:
        """Title, summary and link as markdown text, for a plain message."""
        return rendering.render_summary_text(self._require(slug), rendering.instruction_url(slug, base_url))
