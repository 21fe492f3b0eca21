"""Instruction needs kept up to date without an import: open tickets and question gaps, once each, by any number at once."""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving.clock import FixedClock
from archiving.db import make_engine, read_only
from bot.desk import needs, tickets
from bot.desk.models import InstructionNeed
from bot.desk.needs import QuestionGap

from .support import People


def _needs(engine: Engine) -> list[tuple[str, str, int, str]]:
    with read_only(engine) as session:
        rows = session.exec(select(InstructionNeed).order_by(InstructionNeed.id)).all()
        return [(n.source, n.source_ref, n.occurrences, n.state) for n in rows]


def test_open_tickets_and_gaps_become_items_once(engine: Engine, people: People, clock: FixedClock) -> None:
    first = tickets.open_ticket(engine, people.actor(people.kalle), "Miten arkistoin ryhmän muistiinpanot?", now=clock())
    closed = tickets.open_ticket(engine, people.actor(people.liisa), "Tulostin ei toimi", now=clock())
    tickets.close(engine, people.actor(people.aino), closed.id, now=clock())
    gap = QuestionGap("unanswered", "kahvi keitt", "Miten korjaan kahvinkeittimen?", 2)
    needs.refresh(engine, [gap], now=clock())
    needs.refresh(engine, None, now=clock())  # nothing new: nothing changes
    items = _needs(engine)
    assert [(s, r) for s, r, _, _ in items][0] == ("ticket", f"ticket:{first.id}")
    assert len(items) == 2 and items[1][0] == "unanswered" and items[1][2] == 2
    needs.add_from_ticket(engine, people.actor(people.aino), first.id, now=clock())  # flagging it later adds no twin
    assert len(_needs(engine)) == 2


def test_simultaneous_refreshes_store_each_item_once(db_url: str, people: People, clock: FixedClock) -> None:
    engines = [make_engine(db_url) for _ in range(4)]
    for n in range(5):
        tickets.open_ticket(engines[0], people.actor(people.kalle), f"Kysymys numero {n} arkistoinnista", now=clock())
    gaps = [QuestionGap("unanswered", f"avain {n}", f"Kysymys {n}", 1) for n in range(5)]
    barrier, failures = threading.Barrier(len(engines)), []

    def look(engine: Engine) -> None:
        barrier.wait()
        try:
            needs.refresh(engine, gaps, now=clock())
        except Exception as exc:  # noqa: BLE001 - any failure of a page view is reported
            failures.append(exc)

    threads = [threading.Thread(target=look, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert failures == []
        assert len(_needs(engines[0])) == 10
    finally:
        for engine in engines:
            engine.dispose()
