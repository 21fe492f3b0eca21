"""``kb eval``: how well the matcher does on a labelled question set.

Top-1 accuracy counts the questions that have an article; abstention precision
and recall look at the ones that should get no article (off-topic, small talk).
The headline is three figures: top-1 of the answerable questions, the share of
off-topic questions declined, and the share of all questions answered
*confidently wrong* -- the bot showed one article as the answer and it was the
wrong one, or it answered a question it should have declined. Offering choices
("Tarkoititko…") or the desk is not confidently wrong: the worker sees it is unsure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.matcher import Match
from knowledge.problems import KnowledgeError


@dataclass(frozen=True)
class LabelledQuestion:
    question: str
    slug: str | None
    first: str | None = None  # a follow-up: the question asked just before it, whose answer is its context


@dataclass(frozen=True)
class Confusion:
    question: str
    expected: str | None
    got: str | None
    score: float
    alternatives: tuple[str, ...] = ()


@dataclass
class EvalReport:
    """Counts and the derived rates; rates are None when their denominator is zero."""

    total: int = 0
    answerable: int = 0
    correct: int = 0
    off_topic: int = 0
    abstained: int = 0
    abstained_correctly: int = 0
    confidently_wrong: int = 0
    confusions: list[Confusion] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answerable if self.answerable else None

    @property
    def abstention_precision(self) -> float | None:
        return self.abstained_correctly / self.abstained if self.abstained else None

    @property
    def abstention_recall(self) -> float | None:
        return self.abstained_correctly / self.off_topic if self.off_topic else None

    @property
    def declined_off_topic(self) -> float | None:
        """The share of off-topic questions the bot declined (the same as abstention recall)."""
        return self.abstention_recall

    @property
    def confidently_wrong_rate(self) -> float | None:
        """Wrong single answers, over all questions."""
        return self.confidently_wrong / self.total if self.total else None

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "confidently_wrong": self.confidently_wrong,
            "confidently_wrong_rate": self.confidently_wrong_rate,
            "answerable": self.answerable,
            "correct": self.correct,
            "top1_accuracy": self.accuracy,
            "off_topic": self.off_topic,
            "abstained": self.abstained,
            "abstention_precision": self.abstention_precision,
            "abstention_recall": self.abstention_recall,
            "confusions": [c.__dict__ for c in self.confusions],
        }


def load_labelled(path: Path) -> list[LabelledQuestion]:
    """Read ``{"q": ..., "slug": ... or null}`` lines (or follow-ups, ``{"first": ..., "follow_up": ..., "slug": ...}``); a bad line is an error naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"{path}: {exc.strerror or exc}") from None
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KnowledgeError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if isinstance(data, dict) and isinstance(data.get("first"), str) and isinstance(data.get("follow_up"), str):
            data = {**data, "q": data["follow_up"]}  # {"first", "follow_up", "slug"}: a follow-up after a first question
        if not isinstance(data, dict) or not isinstance(data.get("q"), str) or "slug" not in data:
            raise KnowledgeError(f'{path}:{number}: expected {{"q": "question", "slug": "slug" or null}}')
        if data["slug"] is not None and not isinstance(data["slug"], str):
            raise KnowledgeError(f"{path}:{number}: 'slug' must be text or null")
        items.append(LabelledQuestion(data["q"], data["slug"], data.get("first")))
    if not items:
        raise KnowledgeError(f"{path}: no questions")
    return items


def evaluate(match: Callable[..., Match], items: Iterable[LabelledQuestion], known_slugs: set[str] | None = None) -> EvalReport:
    """Run every question through ``match`` and count; unknown expected slugs are an error."""
    report = EvalReport()
    for item in items:
        if known_slugs is not None and item.slug is not None and item.slug not in known_slugs:
            raise KnowledgeError(f"expected slug {item.slug!r} is not among the articles (question {item.question!r})")
        if item.first is not None:  # a follow-up is matched in the context of the first question's answer
            result = match(item.question, match(item.first).slug)
        else:
            result = match(item.question)
        report.total += 1
        if item.slug is None:
            report.off_topic += 1
        else:
            report.answerable += 1
        if result.slug is None:
            report.abstained += 1
            if item.slug is None:
                report.abstained_correctly += 1
        if result.slug is not None and result.slug != item.slug:
            report.confidently_wrong += 1
        if result.slug == item.slug:
            if item.slug is not None:
                report.correct += 1
        else:
            alternatives = tuple(c.slug for c in result.alternatives)
            report.confusions.append(Confusion(item.question, item.slug, result.slug, round(result.score, 4), alternatives))
    return report


def format_report(report: EvalReport, source: str) -> str:
    """The human-readable report of ``kb eval``."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value * 100:.1f} %"

    lines = [
        f"articles from: {source}",
        f"questions: {report.total} ({report.answerable} with an article, {report.off_topic} off-topic)",
        f"top-1 accuracy: {pct(report.accuracy)} ({report.correct}/{report.answerable})",
        f"off-topic declined: {pct(report.declined_off_topic)} ({report.abstained_correctly}/{report.off_topic})",
        f"confidently wrong: {pct(report.confidently_wrong_rate)} ({report.confidently_wrong}/{report.total})",
        f"abstention precision: {pct(report.abstention_precision)} ({report.abstained_correctly}/{report.abstained})",
        f"abstention recall: {pct(report.abstention_recall)} ({report.abstained_correctly}/{report.off_topic})",
    ]
    if report.confusions:
        lines.append(f"confusions ({len(report.confusions)}):")
        for c in report.confusions:
            alternatives = f" (alternatives: {', '.join(c.alternatives)})" if c.alternatives else ""
            lines.append(f"  {c.question!r}: expected {c.expected or '-'}, got {c.got or '-'} at {c.score:.2f}{alternatives}")
    return "\n".join(lines)
