"""Benchmark: keeping "instruction needed" items up to date when /julkaisu/tarpeet is opened.

Prints JSON for question logs of several sizes (all of them gaps, the worst case):
the time to regroup the gaps and store them (what a page view costs after a new
gap was logged), and the time of a view when nothing new was logged (only the
gap signature and the open tickets are looked at). SQLite file in a temporary folder.

    python bench/needs_refresh.py [--sizes 1000,5000,10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from archiving.db import make_engine, transaction
from bot.database import upgrade
from bot.desk import needs
from bot.desk.gaps import gaps_from_question_log
from knowledge.gaps import gap_signature
from knowledge.models import KbQuestionLog

WORDS = (
    "tulostin kahvinkeitin näyttö hiiri palkka loma sairausloma auto parkki ovikoodi avain tietokone salasana verkko wifi "
    "puhelin kalenteri sähköposti teams ruokala kokous huone projektori lasku matka kilometri korvaus työterveys lääkäri"
).split()
NOW = dt.datetime(2026, 3, 16, 8, 0, tzinfo=dt.UTC)


def run(size: int, rng: random.Random, folder: Path) -> dict[str, object]:
    engine = make_engine(f"sqlite:///{folder / f'needs-{size}.db'}")
    upgrade(engine)
    rows = [
        {"asked_at": NOW - dt.timedelta(minutes=i), "question": " ".join(rng.sample(WORDS, 3)) + " ei toimi", "slug": None,
         "score": 0.1, "abstained": True, "kind": "none", "alternatives": "[]", "source": "chat"}
        for i in range(size)
    ]  # fmt: skip
    with transaction(engine) as session:
        session.execute(insert(KbQuestionLog), rows)
    started = time.perf_counter()
    gaps = gaps_from_question_log(engine)
    needs.refresh(engine, gaps, now=NOW)
    regroup = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(20):
        gap_signature(engine)
        needs.refresh(engine, None, now=NOW)
    unchanged = (time.perf_counter() - started) / 20
    engine.dispose()
    return {"questions": size, "groups": len(gaps), "regroup_and_store_s": round(regroup, 3), "view_without_new_gaps_ms": round(unchanged * 1000, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        results = [run(int(size), rng, Path(folder)) for size in args.sizes.split(",")]
    print(json.dumps({"benchmark": "needs_refresh", "python": platform.python_version(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
