"""The knowledge base's question gaps (``kb gaps``) as "instruction needed" items.

The grouping is the knowledge base's own (similar questions compared as
Finnish stems). Questions are fed oldest first, so each group is named by its
oldest phrasing: the key stays the same as the log grows, and importing again
updates an item's count instead of adding a twin.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from archiving.hetu import redact
from bot.desk.needs import QuestionGap
from knowledge.gaps import NOT_HELPFUL, UNANSWERED, group_gaps
from knowledge.questionlog import logged_questions


def gaps_from_question_log(engine: Engine, *, since: dt.datetime | None = None, min_count: int = 1) -> list[QuestionGap]:
    """Unanswered and unhelpful question groups, most frequent first."""
    oldest_first = list(reversed(logged_questions(engine, since=since)))
    out = []
    for group in group_gaps(oldest_first):
        if group.count < min_count:
            continue
        unhelpful = group.reasons[NOT_HELPFUL] > group.reasons[UNANSWERED]
        slug = group.guesses.most_common(1)[0][0] if unhelpful and group.guesses else None
        kind = "unhelpful" if unhelpful else "unanswered"
        out.append(QuestionGap(kind, group.key, redact(group.question), group.count, slug))
    return out
