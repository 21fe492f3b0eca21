"""Benchmark: what one long chat message costs, and the henkilötunnus detector on its own.

Prints JSON. For a realistic 28 KB and 1 MB Finnish message (with codes, phone
numbers and e-mail addresses in it) and for a set of adversarial texts (digits,
dots and @ runs, nested brackets, one long word, combining and zero-width
characters, tags, entities, escapes, look-alike letters, near-miss codes…):

* ``message``: the text work of a chat turn without the database — the channel
  edge's cut (``Incoming``), every free-text intent of the router, the knowledge
  base's match and question redaction, and the reply/storage redaction;
* ``detector``: ``archiving.hetu.redact`` on the whole, uncut text.

Each figure is the best of ``--repeat`` runs, wall and process CPU time in ms.
Goals: a 28 KB message ≤ 5 ms and a 1 MB message ≤ 100 ms. ``engine`` compares the
question redaction's old e-mail pattern under ``re`` with the same pattern under
RE2 on a run of digits (the run that stalled the server).

    python bench/redaction.py [--repeat 5]
    taskset -c 1 python bench/redaction.py     # pinned to one CPU
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import time
from collections.abc import Callable

import re2

from archiving import hetu
from bot.desk import chat as desk_chat
from bot.turns import phrases
from bot.turns.types import Incoming
from knowledge.service import KnowledgeBase

KB_28 = 28_000
MB_1 = 1_000_000
FINNISH = (
    "Hei, arkistoin eilen asiakkaan 131052-308T asiakirjan väärälle palvelutehtävälle ja nyt se on jonossa. "
    "Soitin numeroon 040 123 4567 mutta kukaan ei vastannut, laitoin myös viestin matti.meikalainen@hyvinvointialue.fi. "
    "Miten korjaan tämän ennen kuin se arkistoituu? Asiakirjan päivämäärä on 23.11.2026 ja tilausnumero 20240808-1234. "
)
ADVERSARIAL: dict[str, str] = {
    "digits": "1",
    "digits and dashes": "0101010-",
    "near-miss codes (wrong check character)": "010101 0001 ",
    "codes (all redacted)": "010101-0001 ",
    "dots and @": "a.",
    "@ runs": "a@",
    "dotted e-mail-like": "a.b@c.",
    "nested brackets": "[(",
    "one long word": "a",
    "combining marks": "1\u0301",
    "zero-width between digits": "0\u200b",
    "tags": "<b>1</b>",
    "entities": "&#48;",
    "percent escapes": "%31",
    "backslash escapes": "\\u0031",
    "look-alike letters": "Оз1б ",
    "whitespace": " \t",
    "ticket words": "tiketti ",
    "leave words": "poistu ",
    "emoji": "\U0001f600",
    "bidi and format": "\u202e1\u2066",
}


def _best(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return {"wall_ms": round(min(wall) * 1000, 3), "cpu_ms": round(min(cpu) * 1000, 3)}


def message_pipeline(kb: KnowledgeBase) -> Callable[[str], object]:
    """The text work one chat message causes (no database, no HTTP)."""
    intents = [
        phrases.announcement_intent, phrases.is_help_request, phrases.pending_intent,
        lambda t: desk_chat._TICKET_REPLY.match(t), desk_chat._wants_join,
        *(desk_chat._folded(p) for p in (desk_chat._LEAVE, desk_chat._POSITION, desk_chat._NEXT, desk_chat._PERSON, desk_chat._MY_TICKETS, desk_chat._CONSOLE)),
    ]  # fmt: skip

    def run(text: str) -> object:
        phrases.fold.cache_clear()  # a new message: nothing remembered from the previous run
        phrases.words.cache_clear()
        incoming = Incoming(channel_user_id="bench", conversation_id="bench", text=text.strip())
        for intent in intents:
            intent(incoming.text)
        kb.match(incoming.text)
        logged = kb.redact(incoming.text)
        return hetu.redact(incoming.text), logged

    return run


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    kb = KnowledgeBase.load(None)
    pipeline = message_pipeline(kb)
    pipeline("lämmittely 131052-308T")  # first use builds the detector's tables
    out: dict[str, object] = {
        "python": platform.python_version(),
        "cpu_affinity": sorted(os.sched_getaffinity(0)),
        "goals_ms": {"message_28KB": 5, "message_1MB": 100},
        "realistic": {},
        "adversarial": {},
    }
    for label, size in (("28KB", KB_28), ("1MB", MB_1)):
        text = fill(FINNISH, size)
        out["realistic"][label] = {  # type: ignore[index]
            "message": _best(lambda: pipeline(text), args.repeat),
            "detector": _best(lambda: hetu.redact(text), args.repeat),
        }
    worst: dict[str, dict[str, object]] = {}
    for name, unit in ADVERSARIAL.items():
        row = {}
        for label, size in (("28KB", KB_28), ("1MB", MB_1)):
            text = fill(unit, size)
            row[label] = {"message": _best(lambda: pipeline(text), args.repeat), "detector": _best(lambda: hetu.redact(text), args.repeat)}
            for part in ("message", "detector"):
                key = f"{part}_{label}"
                if key not in worst or row[label][part]["wall_ms"] > worst[key]["wall_ms"]:  # type: ignore[index]
                    worst[key] = {"case": name, **row[label][part]}  # type: ignore[dict-item]
        out["adversarial"][name] = row  # type: ignore[index]
    out["adversarial_worst"] = worst
    old_email = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
    new_email = re2.compile(r"[\pL\pN_.+-]+@[\pL\pN_-]+(?:\.[\pL\pN_-]+)+")
    digits_5k, digits_1m = "1" * 5_000, "1" * MB_1
    out["engine"] = {
        "re_email_5000_digits": _best(lambda: old_email.search(digits_5k), 1),
        "re2_email_5000_digits": _best(lambda: new_email.search(digits_5k), args.repeat),
        "re2_email_1MB_digits": _best(lambda: new_email.search(digits_1m), args.repeat),
        "note": "re is quadratic here (28,000 digits took 3.6 s in the server); RE2 is linear",
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
