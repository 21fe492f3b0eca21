"""Reading the knowledge base's question log for "instruction needed" items.

Unanswered questions (the matcher abstained) and questions whose answer the
user marked unhelpful are grouped by their folded text, so "Miten lukitsen?"
and "miten lukitsen" count as one gap. The log holds no personal data, and
the text is masked again here in case an old row slipped through.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving.db import read_only
from archiving.hetu import redact
from bot.desk.needs import QuestionGap
from knowledge.models import KbFeedback, KbQuestionLog
from knowledge.normalise import fold


def _key(question: str) -> str:
    return " ".join(fold(question).split()).strip(" ?!.")


def gaps_from_question_log(engine: Engine, *, since: dt.datetime | None = None, min_count: int = 1) -> list[QuestionGap]:
    """Unanswered and unhelpful question groups, most frequent first."""
    unanswered: Counter[str] = Counter()
    unhelpful: Counter[tuple[str, str]] = Counter()
    sample: dict[object, str] = {}
    with read_only(engine) as session:
        query = select(KbQuestionLog.question).where(KbQuestionLog.abstained == True)  # noqa: E712
        if since is not None:
            query = query.where(col(KbQuestionLog.asked_at) >= since)
        for question in session.exec(query):
            key = _key(question)
            if key:
                unanswered[key] += 1
                sample.setdefault(key, question)
        query2 = (
            select(KbQuestionLog.question, KbQuestionLog.slug)
            .join(KbFeedback, col(KbFeedback.question_log_id) == col(KbQuestionLog.id))
            .where(KbFeedback.helpful == False)  # noqa: E712
        )
        if since is not None:
            query2 = query2.where(col(KbQuestionLog.asked_at) >= since)
        for question, slug in session.exec(query2):
            pair = (slug or "", _key(question))
            if pair[1]:
                unhelpful[pair] += 1
                sample.setdefault(pair, question)
    gaps = [QuestionGap("unanswered", k, redact(sample[k]), n) for k, n in unanswered.items() if n >= min_count]
    gaps += [
        QuestionGap("unhelpful", f"{slug}|{k}", redact(sample[(slug, k)]), n, slug or None)
        for (slug, k), n in unhelpful.items()
        if n >= min_count
    ]
    return sorted(gaps, key=lambda g: (-g.count, g.kind, g.key))
