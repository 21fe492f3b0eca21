"""The questions a worker asked in this conversation: the only logged questions their buttons may name.

The question log holds no worker id (``knowledge.questionlog``), and its ids are
sequential, so a ``log_id`` in a card submit proves nothing. The bot keeps, in
the conversation's state and under the asking worker's id, the ids of the last
questions each worker asked; a button naming any other id (someone else's
question, one never logged, or no number at all) gets exactly what a missing
question gets, without the log being read.
"""

from __future__ import annotations

from typing import Any

from archiving.ids import is_id
from bot.turns.types import Turn

ASKED_KEY = "asked"  # conversation state: {"<worker id>": [log ids, oldest first]}
MAX_REMEMBERED = 20


def _mine(turn: Turn) -> list[int]:
    by_worker = turn.state.get(ASKED_KEY)
    ids = by_worker.get(str(turn.worker_id)) if isinstance(by_worker, dict) else None
    return [i for i in ids if is_id(i)] if isinstance(ids, list) else []


def remember(turn: Turn, log_id: int | None) -> None:
    """Record that this worker asked the logged question ``log_id`` here (the latest last)."""
    if not is_id(log_id):
        return
    by_worker = turn.state.get(ASKED_KEY)
    by_worker = dict(by_worker) if isinstance(by_worker, dict) else {}
    kept = [i for i in _mine(turn) if i != log_id][-(MAX_REMEMBERED - 1) :]
    by_worker[str(turn.worker_id)] = [*kept, log_id]
    turn.state[ASKED_KEY] = by_worker


def owned(turn: Turn, raw: Any) -> int | None:
    """``raw`` if it is the id of a question this worker asked in this conversation, else None."""
    return raw if is_id(raw) and raw in _mine(turn) else None


def logged_question(turn: Turn, raw: Any) -> tuple[str | None, list[dict[str, object]]]:
    """The worker's own logged question named by ``raw`` and the matcher's candidates; (None, []) otherwise."""
    log_id = owned(turn, raw)
    if log_id is None:
        return None, []
    try:
        from knowledge.questionlog import asked_question
    except ModuleNotFoundError:  # pragma: no cover - the knowledge package is part of the product
        return None, []
    asked = asked_question(turn.services.engine, log_id)
    if asked is None:
        return None, []
    return asked.question, [{"slug": slug, "score": score} for slug, score in asked.candidates]
