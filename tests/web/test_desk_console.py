"""The desk console over HTTP: today's sessions and queue, calling, notes, tickets with replies."""

from __future__ import annotations

import json
import re

from sqlmodel import select

from archiving.db import read_only
from bot.desk.models import DeskQueueEntry, InstructionNeed, Ticket
from bot.models import OutboxMessage

from .conftest import Site


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def outbox(site: Site, worker_id: int) -> list[OutboxMessage]:
    with read_only(site.engine) as session:
        rows = list(session.exec(select(OutboxMessage).where(OutboxMessage.worker_id == worker_id).order_by(OutboxMessage.id)))
        session.expunge_all()
        return rows


async def test_console_shows_sessions_queue_and_tickets_escaped(site: Site) -> None:
    async with await site.client(site.people.aino) as client:
        page = await (await client.get(f"{site.url}/deski")).text()
    assert "Tämän päivän deskit" in page and "Deski klo 9.00–9.30" in page and "Deski klo 13.00–13.30" in page
    assert "Isäntä: Aino Neuvoja" in page
    kalle, liisa = page.index("Kalle Sosiaalityöntekijä"), page.index("Liisa Ohjaaja")
    assert kalle < liisa  # queue order: who joined first
    assert "Lukitseminen &lt;b&gt;ei&lt;/b&gt; onnistu" in page and "<b>ei</b>" not in page
    assert "Miten korjaan palvelutehtävän arkistoidusta asiakirjasta?" in page
    assert '<a href="#sisalto" class="skip-link">Siirry sisältöön</a>' in page
    assert '<label for="muistiinpano-' in page  # every note field has a label


async def test_call_next_mark_done_and_note_to_communications(site: Site) -> None:
    p = site.people
    async with await site.client(p.aino) as client:
        page = await (await client.get(f"{site.url}/deski")).text()
        session_id = re.search(r'/deski/istunto/(\d+)/seuraava', page).group(1)  # type: ignore[union-attr]
        async with client.post(f"{site.url}/deski/istunto/{session_id}/seuraava", data={"csrf": csrf_of(page)}) as response:
            after = await response.text()
        assert "Kutsuttu: Kalle Sosiaalityöntekijä" in after and 'role="status"' in after
        assert any(m.text.startswith("Nyt on vuorosi") for m in outbox(site, p.kalle))
        with read_only(site.engine) as session:
            entry = session.exec(select(DeskQueueEntry).where(DeskQueueEntry.worker_id == p.kalle)).one()
            session.expunge_all()
        assert entry.state == "called"
        data = {"csrf": csrf_of(after), "note": "Sosiaalipalvelun valinnasta puuttuu esimerkki", "needs_instruction": "1"}
        async with client.post(f"{site.url}/deski/jono/{entry.id}/muistiinpano", data=data) as response:
            assert "Muistiinpano tallennettu" in await response.text()
        async with client.post(f"{site.url}/deski/jono/{entry.id}/valmis", data={"csrf": csrf_of(after)}) as response:
            assert "Jonopaikka merkitty käsitellyksi" in await response.text()
        async with client.post(f"{site.url}/deski/jono/{entry.id}/valmis", data={"csrf": csrf_of(after)}) as response:
            text = await response.text()
        assert 'role="alert"' in text and "on jo käsitelty" in text  # a second click is a clear error
    with read_only(site.engine) as session:
        need = session.exec(select(InstructionNeed)).one()
        session.expunge_all()
    assert need.source == "desk_note" and "esimerkki" in need.summary


async def test_ticket_reply_and_resolve_reach_the_worker_through_the_outbox(site: Site) -> None:
    p = site.people
    with read_only(site.engine) as session:
        ticket_id = session.exec(select(Ticket.id)).one()
    async with await site.client(p.eero) as client:
        page = await (await client.get(f"{site.url}/deski/tiketit/{ticket_id}")).text()
        assert 'href="/ohjeet/metatietojen-korjaaminen"' in page and "(0.58)" in page
        csrf = csrf_of(page)
        await client.post(f"{site.url}/deski/tiketit/{ticket_id}/ota", data={"csrf": csrf})
        async with client.post(f"{site.url}/deski/tiketit/{ticket_id}/vastaa", data={"csrf": csrf, "message": "Avaa asiakirja ja valitse <korjaa>."}) as r:
            page = await r.text()
        assert "Vastaus lähetetty työntekijälle" in page and "valitse &lt;korjaa&gt;." in page
        async with client.post(f"{site.url}/deski/tiketit/{ticket_id}/ratkaise", data={"csrf": csrf, "note": ""}) as r:
            assert "merkitty ratkaistuksi" in await r.text()
        async with client.get(f"{site.url}/deski/tiketit/999999") as r:
            assert r.status == 404
    messages = outbox(site, p.liisa)
    assert "Avaa asiakirja ja valitse <korjaa>." in messages[0].text
    card = json.loads(messages[-1].card_json)
    assert card["actions"][4]["data"] == {"action": "ticket.rate", "ticket": ticket_id, "rating": 5}
    with read_only(site.engine) as session:
        assert session.get(Ticket, ticket_id).assignee_id == p.eero


async def test_calling_an_empty_queue_shows_the_refusal(site: Site) -> None:
    async with await site.client(site.people.aino) as client:
        page = await (await client.get(f"{site.url}/deski")).text()
        afternoon = re.findall(r'/deski/istunto/(\d+)/seuraava', page)[1]
        async with client.post(f"{site.url}/deski/istunto/{afternoon}/seuraava", data={"csrf": csrf_of(page)}) as response:
            text = await response.text()
    assert "Jonossa ei ole ketään odottamassa." in text and 'role="alert"' in text
