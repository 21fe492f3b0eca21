"""Fitting the matcher's confidence knobs on labelled questions, by a stated objective.

The saturation of term frequency and the two answer thresholds decide together
how many questions are answered and how many of those answers are wrong. They
are chosen here, not by hand: over a grid, keep the settings whose share of
confidently wrong answers stays within a cap, and take the one that answers the
most answerable questions right (ties: the most off-topic questions declined).
Fit on tuning sets, then check the chosen setting on a blind set kept apart::

    python -m knowledge.calibration tuning1.jsonl tuning2.jsonl ... [--check blind.jsonl]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from knowledge.articles import Article
from knowledge.evaluation import EvalReport, LabelledQuestion, evaluate, load_labelled
from knowledge.match_result import MatcherConfig
from knowledge.matcher import Matcher
from knowledge.neighbours import Neighbours
from knowledge.synonyms import Synonyms

SATURATIONS = (1.0, 1.5, 2.0, 2.5, 3.0)
THRESHOLD_FACTORS = (0.7, 0.8, 0.85, 0.9, 0.95, 1.0)  # times the base thresholds below
BASE_THRESHOLD, BASE_SHORT_THRESHOLD = 0.22, 0.17
MAX_WRONG = 0.02


@dataclass(frozen=True)
class Trial:
    config: MatcherConfig
    report: EvalReport

    def summary(self) -> dict[str, object]:
        r = self.report
        return {
            "saturation": self.config.saturation,
            "threshold": round(self.config.threshold, 4),
            "short_threshold": round(self.config.short_threshold, 4),
            "top1_accuracy": r.accuracy,
            "declined_off_topic": r.declined_off_topic,
            "confidently_wrong_rate": r.confidently_wrong_rate,
        }


def configs(base: MatcherConfig, saturations: Iterable[float] = SATURATIONS, factors: Iterable[float] = THRESHOLD_FACTORS) -> list[MatcherConfig]:
    """The grid: every saturation with every scaling of the two thresholds."""
    return [
        replace(base, saturation=k, threshold=BASE_THRESHOLD * f, short_threshold=BASE_SHORT_THRESHOLD * f)
        for k in saturations
        for f in factors
    ]


def trials(articles: Sequence[Article], items: Sequence[LabelledQuestion], grid: Iterable[MatcherConfig]) -> list[Trial]:
    synonyms, neighbours = Synonyms.load(), Neighbours.load()
    slugs = {a.slug for a in articles}
    return [Trial(c, evaluate(Matcher(articles, synonyms, c, neighbours).match, items, slugs)) for c in grid]


def best(found: Sequence[Trial], max_wrong: float = MAX_WRONG) -> Trial:
    """The most right answers among the trials within the wrong-answer cap (the fewest wrong if none is)."""
    allowed = [t for t in found if (t.report.confidently_wrong_rate or 0.0) <= max_wrong]
    if not allowed:
        return min(found, key=lambda t: t.report.confidently_wrong_rate or 0.0)
    return max(allowed, key=lambda t: (t.report.accuracy or 0.0, t.report.declined_off_topic or 0.0))


def main(argv: Sequence[str] | None = None) -> None:
    from knowledge.service import ARTICLES_DIR
    from knowledge.checks import check_directory

    parser = argparse.ArgumentParser(prog="python -m knowledge.calibration", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="labelled JSONL sets to fit on")
    parser.add_argument("--check", type=Path, action="append", default=[], help="a set kept apart, evaluated with the chosen setting only")
    parser.add_argument("--articles", type=Path, default=ARTICLES_DIR)
    parser.add_argument("--max-wrong", type=float, default=MAX_WRONG)
    args = parser.parse_args(argv)
    articles = check_directory(args.articles).articles
    items = [item for path in args.files for item in load_labelled(path)]
    found = trials(articles, items, configs(MatcherConfig()))
    chosen = best(found, args.max_wrong)
    result: dict[str, object] = {"grid": [t.summary() for t in found], "chosen": chosen.summary()}
    for path in args.check:
        (check,) = trials(articles, load_labelled(path), [chosen.config])
        result[f"check:{path.name}"] = check.summary()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
