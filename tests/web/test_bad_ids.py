"""Path and form ids that can name nothing answer like missing ones, never 500 (issue 9, finding 5).

``/deski/tiketit/99999999999999999999`` and the POST forms gave 500 (the number reached
the database), and an assignee of ``²`` did too (``str.isdigit`` accepts it, ``int`` does not).
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from archiving.db import read_only
from bot.desk.models import Ticket
from logcheck import LogRecords

from .conftest import Site
from .test_sessions import csrf_of

HUGE = ["99999999999999999999", "2147483648", "9223372036854775808", "0", "٣"]


@pytest.mark.parametrize("number", HUGE)
async def test_desk_pages_and_forms_with_impossible_ids_are_404(site: Site, number: str, server_log: LogRecords) -> None:
    async with await site.client(site.people.aino) as client:
        csrf = await csrf_of(client, site)
        async with client.get(f"{site.url}/deski/tiketit/{number}") as response:
            assert response.status == 404
        posts = [f"/deski/tiketit/{number}/{verb}" for verb in ("ota", "vastaa", "ratkaise", "sulje", "ohjetarve")]
        posts += [f"/deski/jono/{number}/{verb}" for verb in ("valmis", "poissa", "muistiinpano")]
        posts += [f"/deski/istunto/{number}/seuraava"]
        for path in posts:
            async with client.post(site.url + path, data={"csrf": csrf, "message": "x", "note": "x"}, allow_redirects=False) as response:
                assert response.status == 404, path
    async with await site.client(site.people.viivi) as client:
        page = await (await client.get(f"{site.url}/julkaisu/tarpeet")).text()
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        for verb in ("tehty", "hylatty"):
            async with client.post(f"{site.url}/julkaisu/tarpeet/{number}/{verb}", data={"csrf": csrf}, allow_redirects=False) as response:
                assert response.status == 404
    assert server_log.failures() == []


async def test_an_assignee_that_is_no_id_is_refused_and_changes_nothing(site: Site, server_log: LogRecords) -> None:
    with read_only(site.engine) as session:
        ticket = session.exec(select(Ticket)).one()
    async with await site.client(site.people.aino) as client:
        csrf = await csrf_of(client, site)
        for assignee in ("²", "99999999999999999999", "abc", "-1", "1e3"):
            async with client.post(f"{site.url}/deski/tiketit/{ticket.id}/ota", data={"csrf": csrf, "assignee": assignee}) as response:
                assert response.status == 200  # back on the ticket's page (after the 303) with the refusal
                assert "ei ole deskin henkilöstöä" in await response.text(), assignee
    with read_only(site.engine) as session:
        after = session.get(Ticket, ticket.id)
        assert after is not None and after.assignee_id is None and after.state == "new"
    assert server_log.failures() == []


async def test_followup_query_values_that_are_no_numbers(site: Site, server_log: LogRecords) -> None:
    async with await site.client(site.people.yrjo) as client:
        for query in ("viikot=²", "viikot=99999999999999999999", "viikot=٣", "alkaen=2026-99-01"):
            async with client.get(f"{site.url}/seuranta?{query}") as response:
                assert response.status == 200, query
        for unit in ("99999999999999999999", "²", "-1", str(site.people.other_unit_id), "12345"):
            async with client.get(f"{site.url}/seuranta", params={"yksikko": unit}) as response:
                assert response.status == 404, unit  # another unit, one that does not exist, or no number: the same
        async with client.get(f"{site.url}/seuranta", params={"yksikko": str(site.people.unit_id)}) as response:
            assert response.status == 200
    assert server_log.failures() == []
