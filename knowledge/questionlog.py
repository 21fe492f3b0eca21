"""The question log and the helpful / not helpful feedback on answers.

Only redacted text is written (see ``redaction``); the log holds no worker id,
so a question cannot be traced back to who asked it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving.db import dbapi_transaction, named_params, read_only, transaction
from archiving.types import UTCDateTime
from knowledge.matcher import Match
from knowledge.models import KbFeedback, KbQuestionLog
from knowledge.problems import KnowledgeError

MAX_QUESTION = 2000
_INSERT = (  # every question asked writes one row: the driver's own SQL, no ORM unit of work
    "INSERT INTO kb_question_log (asked_at, question, slug, score, abstained, kind, alternatives, source) "
    "VALUES ({asked_at}, {question}, {slug}, {score}, {abstained}, {kind}, {alternatives}, {source}) RETURNING id"
)


class QuestionLog:
    """Writes question-log rows on one engine; the statement and the timestamp conversion are prepared once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sql = named_params(engine, _INSERT)
        self._timestamp = UTCDateTime().bind_processor(engine.dialect) or (lambda value: value)

    def write(self, question: str, match: Match, *, now: dt.datetime, source: str = "chat") -> int:
        """Store one row in its own transaction and return its id (the feedback buttons carry it).

        ``question`` must already be redacted (``knowledge.redaction``): it is stored as given.
        """
        values = {
            "asked_at": self._timestamp(now),
            "question": question[:MAX_QUESTION],
            "slug": match.slug,
            "score": round(match.score, 4),
            "abstained": match.slug is None,
            "kind": match.kind,
            "alternatives": json.dumps([{"slug": c.slug, "score": round(c.score, 4)} for c in match.alternatives]),
            "source": source[:16],
        }
        with dbapi_transaction(self.engine) as cursor:
            cursor.execute(self._sql, values)
            return int(cursor.fetchone()[0])


def record_feedback(engine: Engine, log_id: int, helpful: bool, *, now: dt.datetime) -> None:
    """Store the user's verdict on an answer; a second click replaces the first."""
    with transaction(engine) as session:
        if session.get(KbQuestionLog, log_id) is None:
            raise KnowledgeError(f"no logged question with id {log_id}")
        row = session.exec(select(KbFeedback).where(KbFeedback.question_log_id == log_id)).first()
        if row is None:
            row = KbFeedback(question_log_id=log_id, helpful=helpful, created_at=now)
        else:
            row.helpful, row.created_at = helpful, now
        session.add(row)


@dataclass(frozen=True)
class AskedQuestion:
    """One logged question as the desk takes it over: the (redacted) text and the matcher's candidates."""

    id: int
    question: str
    candidates: tuple[tuple[str, float], ...]  # (slug, score): the answer given, if any, then the alternatives


def asked_question(engine: Engine, log_id: int) -> AskedQuestion | None:
    """The logged question ``log_id``, or None.

    The log knows nobody, so callers must first establish that the asker is the one
    naming the id (``bot.turns.asked`` keeps that per conversation and worker).
    """
    with read_only(engine) as session:
        row = session.get(KbQuestionLog, log_id)
        if row is None:
            return None
        candidates: dict[str, float] = {row.slug: row.score} if row.slug else {}
        try:
            alternatives = json.loads(row.alternatives or "[]")
        except ValueError:
            alternatives = []
        for alt in alternatives if isinstance(alternatives, list) else []:
            if isinstance(alt, dict) and isinstance(alt.get("slug"), str) and isinstance(alt.get("score"), int | float):
                candidates.setdefault(alt["slug"], float(alt["score"]))
        return AskedQuestion(int(row.id or log_id), row.question, tuple(candidates.items()))


@dataclass(frozen=True)
class LoggedQuestion:
    """A logged question joined with its feedback, for gaps and reports."""

    id: int
    asked_at: dt.datetime
    question: str
    slug: str | None
    score: float
    kind: str
    alternatives: tuple[str, ...]
    helpful: bool | None


def logged_questions(engine: Engine, *, since: dt.datetime | None = None, limit: int = 10_000) -> list[LoggedQuestion]:
    """Logged questions (newest first) with their feedback, if any."""
    query = (
        select(KbQuestionLog, KbFeedback.helpful)
        .join(KbFeedback, col(KbFeedback.question_log_id) == KbQuestionLog.id, isouter=True)
        .order_by(col(KbQuestionLog.asked_at).desc(), col(KbQuestionLog.id).desc())
        .limit(limit)
    )
    if since is not None:
        query = query.where(col(KbQuestionLog.asked_at) >= since)
    with read_only(engine) as session:
        return [
            LoggedQuestion(
                row.id or 0, row.asked_at, row.question, row.slug, row.score, row.kind,
                tuple(a["slug"] for a in json.loads(row.alternatives or "[]")), helpful,
            )  # fmt: skip
            for row, helpful in session.exec(query).all()
        ]
