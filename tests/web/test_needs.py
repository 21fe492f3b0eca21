"""``/julkaisu/tarpeet``: unanswered questions and open tickets appear by themselves; handled ones stay handled."""

from __future__ import annotations

from sqlmodel import select

from archiving.db import read_only
from bot.desk import tickets
from bot.desk.models import InstructionNeed
from bot.web.context import WEB

from .conftest import Site
from .test_desk_console import csrf_of


async def test_needs_appear_without_an_import_and_include_open_tickets(site: Site) -> None:
    knowledge = site.app[WEB].services.knowledge
    for _ in range(2):
        knowledge.answer("Miten saan kahvinkeittimen korjattua toimistolla?", now=site.clock())
    async with await site.client(site.people.viivi) as client:
        page = await (await client.get(f"{site.url}/julkaisu/tarpeet")).text()
    assert "Tuo vastaamattomat" not in page  # nothing to press
    assert "kahvinkeittimen" in page and "vastaamaton kysymys" in page
    assert "Miten korjaan palvelutehtävän arkistoidusta asiakirjasta?" in page  # the open ticket of the desk day
    assert "tiketti" in page
    with read_only(site.engine) as session:
        needs = {n.source: n for n in session.exec(select(InstructionNeed))}
    assert needs["unanswered"].occurrences == 2 and needs["ticket"].source_ref.startswith("ticket:")


async def test_a_handled_need_stays_handled_and_counts_follow_the_log(site: Site) -> None:
    knowledge = site.app[WEB].services.knowledge
    knowledge.answer("Miten saan kahvinkeittimen korjattua toimistolla?", now=site.clock())
    async with await site.client(site.people.aino) as client:  # desk staff see the page too
        page = await (await client.get(f"{site.url}/julkaisu/tarpeet")).text()
        with read_only(site.engine) as session:
            ticket_need = session.exec(select(InstructionNeed).where(InstructionNeed.source == "ticket")).one()
        async with client.post(f"{site.url}/julkaisu/tarpeet/{ticket_need.id}/hylatty", data={"csrf": csrf_of(page)}) as r:
            page = await r.text()
        assert "Miten korjaan palvelutehtävän" not in page  # dismissed, not brought back by the next look
        knowledge.answer("Miten saan kahvinkeittimen korjattua toimistolla?", now=site.clock())
        page = await (await client.get(f"{site.url}/julkaisu/tarpeet")).text()
        assert "Miten korjaan palvelutehtävän" not in page
    with read_only(site.engine) as session:
        unanswered = session.exec(select(InstructionNeed).where(InstructionNeed.source == "unanswered")).all()
    assert [n.occurrences for n in unanswered] == [2]


async def test_a_new_ticket_shows_on_the_next_look(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        await client.get(f"{site.url}/julkaisu/tarpeet")
        tickets.open_ticket(site.engine, site.people.actor(site.people.kalle), "Miten arkistoin ryhmätoiminnan muistiinpanot?", now=site.clock())
        page = await (await client.get(f"{site.url}/julkaisu/tarpeet")).text()
    assert "Miten arkistoin ryhmätoiminnan muistiinpanot?" in page
