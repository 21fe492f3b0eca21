"""``kb gaps``: the questions the bot could not answer or answered unhelpfully, grouped.

The communications team reads groups, not a log: similar questions (compared
by the beginnings of their topic words, fuzzily) are gathered under the most recent phrasing, largest
group first, so that the next instruction to write is at the top.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving.db import read_only
from knowledge.models import KbFeedback, KbQuestionLog

from knowledge.normalise import content_words
from knowledge.questionlog import LoggedQuestion, logged_questions

UNANSWERED, NOT_HELPFUL = "unanswered", "not_helpful"
SIMILARITY = 70.0  # mean rapidfuzz token set/sort ratio of stems that puts two questions together
KEY_LETTERS = 5
SMALL_TALK = frozenset({"greeting", "thanks", "farewell", "empty"})


@dataclass
class GapGroup:
    """Similar questions: the newest phrasing, how many, why, and the bot's guesses."""

    question: str
    key: str
    count: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    guesses: Counter[str] = field(default_factory=Counter)
    last_asked: dt.datetime | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "count": self.count,
            "unanswered": self.reasons[UNANSWERED],
            "not_helpful": self.reasons[NOT_HELPFUL],
            "examples": self.examples,
            "guesses": [slug for slug, _ in self.guesses.most_common(3)],
            "last_asked": self.last_asked.isoformat() if self.last_asked else None,
        }


def gap_reason(item: LoggedQuestion) -> str | None:
    """Why a logged question is a gap, or None when it was answered (or was small talk)."""
    if item.helpful is False:
        return NOT_HELPFUL
    if item.slug is None and item.kind not in SMALL_TALK:
        return UNANSWERED
    return None


def gap_key(question: str) -> str:
    """A question reduced to the first letters of its topic words, so inflections group together."""
    return " ".join(word[:KEY_LETTERS] for word in content_words(question)) or question.casefold()


def group_gaps(items: Iterable[LoggedQuestion], similarity: float = SIMILARITY, max_examples: int = 5) -> list[GapGroup]:
    """Group gap questions (newest first in, so each group shows its newest phrasing)."""
    groups: list[GapGroup] = []
    for item in items:
        reason = gap_reason(item)
        if reason is None:
            continue
        key = gap_key(item.question)
        group = None
        best = similarity
        for candidate in groups:
            score = (fuzz.token_set_ratio(key, candidate.key) + fuzz.token_sort_ratio(key, candidate.key)) / 2
            if score >= best:
                group, best = candidate, score
        if group is None:
            group = GapGroup(question=item.question, key=key, last_asked=item.asked_at)
            groups.append(group)
        group.count += 1
        group.reasons[reason] += 1
        if item.slug:
            group.guesses[item.slug] += 1
        for slug in item.alternatives:
            group.guesses[slug] += 1
        if item.question not in group.examples and len(group.examples) < max_examples:
            group.examples.append(item.question)
    groups.sort(key=lambda g: (-g.count, -(g.last_asked.timestamp() if g.last_asked else 0.0)))
    return groups


def find_gaps(engine: Engine, *, since: dt.datetime | None = None, similarity: float = SIMILARITY) -> list[GapGroup]:
    """Gap groups from the question log (optionally only questions asked since ``since``)."""
    return group_gaps(logged_questions(engine, since=since), similarity)


def gap_signature(engine: Engine) -> tuple[int, int, int]:
    """Changes when a gap question or a 'not helpful' verdict is logged: regroup only then (grouping a long log takes a while)."""
    with read_only(engine) as session:
        unanswered = session.exec(
            select(func.max(KbQuestionLog.id)).where(col(KbQuestionLog.slug).is_(None), col(KbQuestionLog.kind).not_in(SMALL_TALK))
        ).one()
        newest, count = session.exec(select(func.max(KbFeedback.id), func.count()).where(KbFeedback.helpful == False)).one()  # noqa: E712
    return int(unanswered or 0), int(newest or 0), int(count or 0)
