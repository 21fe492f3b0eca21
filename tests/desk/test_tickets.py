"""Tickets: the life cycle, who may do what, replies through the outbox, the rating, and refusals."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from archiving.db import read_only
from bot.desk import ticket_views, tickets
from bot.desk.errors import DeskError
from bot.desk.models import Ticket, TicketMessage
from bot.models import OutboxMessage

from .support import count


def outbox_for(engine, worker_id: int) -> list[tuple[str, dict | None]]:
    with read_only(engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.worker_id == worker_id).order_by(OutboxMessage.id))
        return [(m.text, json.loads(m.card_json) if m.card_json else None) for m in rows]


def snapshot(engine) -> tuple:
    with read_only(engine) as session:
        rows = session.exec(select(Ticket).order_by(Ticket.id)).all()
        return tuple((t.id, t.state, t.assignee_id, t.rating) for t in rows), count(engine, TicketMessage), count(engine, OutboxMessage)


def test_full_life_cycle(engine, people, clock) -> None:
    kalle, aino = people.actor(people.kalle), people.actor(people.aino)
    ticket = tickets.open_ticket(
        engine, kalle, "Miten arkistoin asiakkaan 131052-308T päätöksen, kun palvelutehtävä puuttuu?", now=clock(),
        guesses=[{"slug": "palvelutehtavan-valinta", "score": 0.61, "client": "Matti"}, ticket_views.Guess("arkistointivirhe", 0.4)],
    )  # fmt: skip
    assert ticket.state == "new" and ticket.worker_id == people.kalle
    assert "131052-308T" not in ticket.question and "[henkilötunnus]" in ticket.question
    assert [(g.slug, g.score) for g in ticket.guesses] == [("palvelutehtavan-valinta", 0.61), ("arkistointivirhe", 0.4)]
    with read_only(engine) as session:
        assert "client" not in session.get(Ticket, ticket.id).guesses_json

    assert tickets.assign(engine, aino, ticket.id, now=clock()).state == "assigned"
    clock.advance(minutes=3)
    waiting = tickets.reply(engine, aino, ticket.id, "Valitse ensin palvelutehtävä arkistointinäytöllä.", now=clock())
    assert waiting.state == "waiting" and waiting.assignee_id == people.aino
    (text, _), = outbox_for(engine, people.kalle)
    assert f"#{ticket.id}" in text and "Valitse ensin palvelutehtävä" in text

    back = tickets.reply(engine, kalle, ticket.id, "Kiitos, nyt onnistui!", now=clock())
    assert back.state == "assigned" and [m[1] for m in back.messages] == [True, False]

    resolved = tickets.resolve(engine, aino, ticket.id, now=clock(), note="Ohjattu valitsemaan palvelutehtävä.")
    assert resolved.state == "resolved"
    text, card = outbox_for(engine, people.kalle)[-1]
    assert "ratkaistu" in text
    assert [a["data"] for a in card["actions"]] == [{"action": "ticket.rate", "ticket": ticket.id, "rating": n} for n in range(1, 6)]

    with pytest.raises(DeskError) as err:
        tickets.rate(engine, kalle, ticket.id, "6", now=clock())
    assert err.value.code == "bad_rating"
    rated = tickets.rate(engine, kalle, ticket.id, 4, now=clock())
    assert (rated.state, rated.rating) == ("closed", 4)
    with pytest.raises(DeskError) as err:
        tickets.rate(engine, kalle, ticket.id, 5, now=clock())
    assert err.value.code == "already_rated"


def test_only_desk_staff_assign_resolve_and_close(engine, people, clock) -> None:
    kalle = people.actor(people.kalle)
    ticket = tickets.open_ticket(engine, kalle, "Haluan puhua ihmiselle", now=clock(), source="person")
    before = snapshot(engine)
    for action in (tickets.assign, tickets.resolve, tickets.close):
        with pytest.raises(DeskError) as err:
            action(engine, kalle, ticket.id, now=clock())
        assert err.value.code == "not_desk_staff"
    assert snapshot(engine) == before


def test_someone_elses_ticket_looks_missing_and_nothing_changes(engine, people, clock) -> None:
    kalle, liisa = people.actor(people.kalle), people.actor(people.liisa)
    ticket = tickets.open_ticket(engine, kalle, "Oma kysymys", now=clock())
    tickets.assign(engine, people.actor(people.aino), ticket.id, now=clock())
    tickets.resolve(engine, people.actor(people.aino), ticket.id, now=clock())
    before = snapshot(engine)
    for attempt in (
        lambda: ticket_views.get_ticket(engine, liisa, ticket.id),
        lambda: tickets.reply(engine, liisa, ticket.id, "kurkistan", now=clock()),
        lambda: tickets.rate(engine, liisa, ticket.id, 1, now=clock()),
        lambda: ticket_views.get_ticket(engine, liisa, 999_999),
    ):
        with pytest.raises(DeskError) as err:
            attempt()
        assert err.value.code == "ticket_not_found"
        assert "ei löydy, tai se ei ole sinun" in err.value.message_fi
    assert snapshot(engine) == before
    assert [t.id for t in ticket_views.list_tickets(engine, liisa)] == []
    assert [t.id for t in ticket_views.list_tickets(engine, kalle)] == [ticket.id]
    assert [t.id for t in ticket_views.list_tickets(engine, people.actor(people.eero))] == [ticket.id]


def test_transitions_that_do_not_exist_are_refused(engine, people, clock) -> None:
    kalle, aino = people.actor(people.kalle), people.actor(people.aino)
    ticket = tickets.open_ticket(engine, kalle, "Kysymys", now=clock())
    with pytest.raises(DeskError) as err:
        tickets.resolve(engine, aino, ticket.id, now=clock())  # new -> resolved skips taking it
    assert err.value.code == "ticket_transition" and "uusi" in err.value.message_fi
    with pytest.raises(DeskError) as err:
        tickets.rate(engine, kalle, ticket.id, 5, now=clock())
    assert err.value.code == "not_resolved"
    tickets.close(engine, aino, ticket.id, now=clock())
    with pytest.raises(DeskError) as err:
        tickets.reply(engine, aino, ticket.id, "myöhässä", now=clock())
    assert err.value.code == "ticket_transition"
    with pytest.raises(DeskError) as err:
        tickets.assign(engine, aino, ticket.id, now=clock(), assignee_id=people.kalle)
    assert err.value.code == "ticket_transition"


def test_assigning_to_a_non_desk_worker_is_refused(engine, people, clock) -> None:
    ticket = tickets.open_ticket(engine, people.actor(people.kalle), "Kysymys", now=clock())
    before = snapshot(engine)
    with pytest.raises(DeskError) as err:
        tickets.assign(engine, people.actor(people.aino), ticket.id, now=clock(), assignee_id=people.liisa)
    assert err.value.code == "unknown_host"
    assert snapshot(engine) == before


def test_empty_question_and_reply_are_refused(engine, people, clock) -> None:
    with pytest.raises(DeskError) as err:
        tickets.open_ticket(engine, people.actor(people.kalle), "  ", now=clock())
    assert err.value.code == "question_missing"
    assert count(engine, Ticket) == 0
    ticket = tickets.open_ticket(engine, people.actor(people.kalle), "Kysymys", now=clock())
    with pytest.raises(DeskError) as err:
        tickets.reply(engine, people.actor(people.aino), ticket.id, "", now=clock())
    assert err.value.code == "message_missing"


def test_worker_reply_after_resolution_reopens(engine, people, clock) -> None:
    kalle, aino = people.actor(people.kalle), people.actor(people.aino)
    ticket = tickets.open_ticket(engine, kalle, "Kysymys", now=clock())
    tickets.assign(engine, aino, ticket.id, now=clock())
    tickets.resolve(engine, aino, ticket.id, now=clock())
    assert tickets.reply(engine, kalle, ticket.id, "Ei sittenkään toimi", now=clock()).state == "assigned"
