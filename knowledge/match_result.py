"""What matching returns, and the knobs it is tuned with (``knowledge.matcher`` uses both)."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.index import SATURATION

ANSWER, NONE, GENERAL, NEAR = "answer", "none", "general", "near"


@dataclass(frozen=True)
class MatcherConfig:
    """The tuning knobs, in one place; defaults were chosen on the dev, held-out and tuning phrasings.

    ``saturation``, ``threshold`` and ``short_threshold`` were fitted together by
    ``python -m knowledge.calibration`` (the most answerable questions answered right
    while at most 2 % of all are answered wrong) on the tuning sets, and checked on a blind set kept apart.
    """

    threshold: float = 0.209  # below this the bot says it does not know
    saturation: float = SATURATION  # BM25's k: how soon more mentions of a term in one article stop adding up
    # A short question of words the articles know ("deskin aikataulu", "lokitiedot") scores low
    # in absolute terms; it is still answered when its best article stands clearly apart.
    short_words: int = 2  # at most this many topic words (weak words and phrases not counted)
    short_threshold: float = 0.1615
    short_ratio: float = 1.5  # best score at least this times the runner-up's
    tie_margin: float = 0.06  # runner-ups this close to the best are offered too
    example_weight: float = 0.5  # share of the score from the closest example question
    example_floor: float = 50.0  # rapidfuzz similarity that earns no bonus yet
    unknown_weight: float = 1.2  # a word no article knows weighs this times the rarest known word
    doubt_weight: float = 1.0  # a guessed word's doubt counts against all articles like this share of an unknown word
    candidates: int = 8  # articles compared against their example questions
    max_alternatives: int = 3
    spread_margin: float = 0.03  # the best and max_alternatives runner-ups this close: the question is too general
    long_words: int = 3  # a question of more topic words than this is judged against a lower threshold
    long_alpha: float = 0.6  # the threshold falls as (long_words / topic words) ** long_alpha
    story_weight: float = 0.35  # a word of the story around the asking sentence weighs this much
    foreign_threshold: float = 1.3  # with a word of a neighbouring subject, the confidence needed is this times higher
    foreign_weight: float = 2.0  # a word of a neighbouring subject counts against all articles as this many unknown words
    general_share: float = 0.4  # a one-word question whose word spans this share of the articles gets choices ("arkistointi")
    context_bonus: float = 0.2  # a follow-up's head start for the article just answered
    object_weight: float = 0.5  # a document type ("päätös", "palvelutarpeen arvio") beside another topic word weighs this much
    body_credit: float = 0.6  # a word that only articles' bodies use (no title, keyword, question or summary) earns this share


@dataclass(frozen=True)
class Candidate:
    slug: str
    score: float


@dataclass(frozen=True)
class Match:
    """The outcome: ``slug`` is None when the matcher is not confident (or it was small talk)."""

    slug: str | None
    score: float
    alternatives: tuple[Candidate, ...] = ()
    kind: str = ANSWER  # answer | none | general (too general to pick) | near (a neighbouring subject) | greeting | thanks | farewell | empty
    unknown_words: tuple[str, ...] = field(default=())
    subject: str | None = None  # with kind "near": the neighbouring subject the question was about
    follow_up: bool = False  # answered as a follow-up to the previous answer (its context)

    @property
    def ambiguous(self) -> bool:
        """A near tie: the bot should offer the alternatives ("Tarkoititko…")."""
        return self.slug is not None and bool(self.alternatives)

    def as_dict(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "score": round(self.score, 4),
            "alternatives": [{"slug": c.slug, "score": round(c.score, 4)} for c in self.alternatives],
        }
