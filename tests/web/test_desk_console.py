"""The desk console over HTTP: today's sessions and queue, calling, notes, tickets with replies."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlmodel import select

from archiving.db import read_only
from bot.desk import queue, sessions
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
    assert "Tämän päivän deskit" in page and "Maanantai 16.3.2026 klo 9.00–9.30" in page and "Maanantai 16.3.2026 klo 13.00–13.30" in page
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
        assert '<a href="/ohjeet/metatietojen-korjaaminen">Metatietojen korjaaminen</a>' in page
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
    site.clock.advance(hours=4)  # 12:55, the afternoon session is about to start
    async with await site.client(site.people.aino) as client:
        page = await (await client.get(f"{site.url}/deski")).text()
        (afternoon,) = re.findall(r'/deski/istunto/(\d+)/seuraava', page)  # the morning's is over: no button
        async with client.post(f"{site.url}/deski/istunto/{afternoon}/seuraava", data={"csrf": csrf_of(page)}) as response:
            text = await response.text()
    assert "Jonossa ei ole ketään odottamassa." in text and 'role="alert"' in text


def _session_ids(page: str) -> list[str]:
    return re.findall(r'/deski/istunto/(\d+)/seuraava', page)


async def test_the_next_session_on_another_day_shows_its_date_and_cannot_be_called_yet(site: Site) -> None:
    """The reported case: "Tänään ei ole deskejä" above "Deski klo 9.00–9.30", with an active call button."""
    sessions.generate(site.engine, site.config, now=site.clock(), first=dt.date(2026, 3, 23), weeks=1)
    site.clock.now = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)  # Friday 14:00, after the last session of the week
    queue.join_queue(site.engine, site.people.actor(site.people.yrjo), "Lukitseminen", now=site.clock(), config=site.config)
    async with await site.client(site.people.aino) as client:
        page = await (await client.get(f"{site.url}/deski")).text()
        assert "Tänään ei ole enää deskejä." in page
        assert "Maanantai 23.3.2026 klo 9.00–9.30" in page
        button = re.search(r'<button[^>]*>Kutsu seuraava</button>', page).group(0)  # type: ignore[union-attr]
        assert "disabled" in button
        assert "Kutsuminen avautuu maanantaina 23.3. klo 8.50." in page
        (session_id,) = _session_ids(page)
        async with client.post(f"{site.url}/deski/istunto/{session_id}/seuraava", data={"csrf": csrf_of(page)}) as response:
            refused = await response.text()
    assert 'role="alert"' in refused and "Jonosta voi kutsua vasta deskin aikana" in refused
    with read_only(site.engine) as session:
        assert [e.state for e in session.exec(select(DeskQueueEntry).where(DeskQueueEntry.worker_id == site.people.yrjo))] == ["waiting"]
    assert not any(m.text.startswith("Nyt on vuorosi") for m in outbox(site, site.people.yrjo))


async def test_calling_opens_shortly_before_the_start_and_closes_after_the_end(site: Site) -> None:
    async with await site.client(site.people.aino) as client:
        site.clock.now = dt.datetime(2026, 3, 16, 6, 45, tzinfo=dt.UTC)  # 8:45, fifteen minutes before
        page = await (await client.get(f"{site.url}/deski")).text()
        morning = _session_ids(page)[0]
        async with client.post(f"{site.url}/deski/istunto/{morning}/seuraava", data={"csrf": csrf_of(page)}) as response:
            assert "Jonosta voi kutsua vasta deskin aikana" in await response.text()
        site.clock.now = dt.datetime(2026, 3, 16, 7, 25, tzinfo=dt.UTC)  # 9:25, during the session
        async with client.post(f"{site.url}/deski/istunto/{morning}/seuraava", data={"csrf": csrf_of(page)}) as response:
            assert "Kutsuttu: Kalle Sosiaalityöntekijä" in await response.text()
        site.clock.now = dt.datetime(2026, 3, 16, 7, 41, tzinfo=dt.UTC)  # 9:41, the session and its margin are over
        page = await (await client.get(f"{site.url}/deski")).text()
        assert re.search(r'<button[^>]*disabled[^>]*>Kutsu seuraava</button>', page)
        async with client.post(f"{site.url}/deski/istunto/{morning}/seuraava", data={"csrf": csrf_of(page)}) as response:
            assert "Deski on jo päättynyt" in await response.text()


async def test_a_ticket_shows_instruction_titles_and_the_workers_unit(site: Site) -> None:
    with read_only(site.engine) as session:
        ticket_id = session.exec(select(Ticket.id)).one()
    async with await site.client(site.people.aino) as client:
        page = await (await client.get(f"{site.url}/deski/tiketit/{ticket_id}")).text()
        console = await (await client.get(f"{site.url}/deski")).text()
    assert '<a href="/ohjeet/metatietojen-korjaaminen">Metatietojen korjaaminen</a>' in page
    assert '<a href="/ohjeet/palvelutehtavan-valinta">Palvelutehtävän valinta</a>' in page
    assert "0.58" not in page and "0.41" not in page and ">metatietojen-korjaaminen<" not in page
    assert "<dt>Yksikkö</dt><dd>Lastensuojelu, testiyksikkö</dd>" in page
    assert "<td>Lastensuojelu, testiyksikkö</td>" in console
