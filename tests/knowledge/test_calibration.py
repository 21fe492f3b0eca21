"""``knowledge.calibration``: the thresholds are chosen by the stated objective, on real matching runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kbkit import FIXTURE_KB

from knowledge.articles import Article
from knowledge.calibration import Trial, best, configs, main, trials
from knowledge.evaluation import EvalReport, LabelledQuestion
from knowledge.match_result import MatcherConfig

ITEMS = [
    LabelledQuestion("miten lukitsen asiakirjan", "lukitus"),
    LabelledQuestion("pin lukossa", "pin"),
    LabelledQuestion("miten mitätöin asiakirjan", "mitatointi"),
    LabelledQuestion("neuvontasessio", "deski"),
    LabelledQuestion("mitä ruokalassa on tänään", None),
    LabelledQuestion("kerro vitsi", None),
]


def _trial(accuracy: float, declined: float, wrong: int, total: int = 100) -> Trial:
    report = EvalReport(total=total, answerable=100, correct=round(accuracy * 100), off_topic=100,
                        abstained_correctly=round(declined * 100), confidently_wrong=wrong)  # fmt: skip
    return Trial(MatcherConfig(), report)


def test_the_most_right_answers_within_the_wrong_answer_cap_win() -> None:
    loose, careful, timid = _trial(0.99, 0.80, wrong=5), _trial(0.95, 0.90, wrong=2), _trial(0.90, 0.99, wrong=0)
    assert best([loose, careful, timid], max_wrong=0.02) is careful
    tie = _trial(0.95, 0.95, wrong=1)
    assert best([careful, tie], max_wrong=0.02) is tie  # equal top-1: more off-topic declined
    assert best([loose], max_wrong=0.02) is loose  # nothing within the cap: the fewest wrong


def test_the_grid_scales_both_thresholds_for_every_saturation() -> None:
    grid = configs(MatcherConfig(), saturations=(1.0, 2.0), factors=(0.5, 1.0))
    assert [(c.saturation, c.threshold, c.short_threshold) for c in grid] == [
        (1.0, 0.11, 0.085), (1.0, 0.22, 0.17), (2.0, 0.11, 0.085), (2.0, 0.22, 0.17)]  # fmt: skip


def test_trials_match_for_real(fixture_articles: list[Article]) -> None:
    strict, lenient = trials(fixture_articles, ITEMS, configs(MatcherConfig(), saturations=(2.0,), factors=(5.0, 0.5)))
    assert strict.report.accuracy == 0.0 and strict.report.declined_off_topic == 1.0  # nothing clears a threshold of 1.1
    assert lenient.report.accuracy == 1.0 and lenient.report.total == len(ITEMS)


def test_the_command_prints_the_grid_the_choice_and_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tuning, check = tmp_path / "tuning.jsonl", tmp_path / "check.jsonl"
    tuning.write_text("".join(json.dumps({"q": i.question, "slug": i.slug}) + "\n" for i in ITEMS), encoding="utf-8")
    check.write_text(json.dumps({"q": "onkohan pin lukossa", "slug": "pin"}) + "\n", encoding="utf-8")
    main([str(tuning), "--check", str(check), "--articles", str(FIXTURE_KB)])
    result = json.loads(capsys.readouterr().out)
    assert len(result["grid"]) == 30 and result["chosen"]["confidently_wrong_rate"] <= 0.02
    assert result["check:check.jsonl"]["top1_accuracy"] == 1.0
