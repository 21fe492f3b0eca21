"""Bad input to the pages answers 4xx, never 500 (issue 9, finding 5, and what the fuzz test found).

``/deski/tiketit/99999999999999999999`` and the POST forms gave 500 (the number reached
the database), and an assignee of ``²`` did too (``str.isdigit`` accepts it, ``int`` does not).
Bodies that are no valid form, a control character in a path that is redirected to, and a
long name under ``/static/`` gave 500 as well.
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
        for query in ("viikot=²", "viikot=99999999999999999999", "viikot=٣"):
            async with client.get(f"{site.url}/seuranta?{query}") as response:
                assert response.status == 200, query
        async with client.get(f"{site.url}/seuranta?alkaen=2026-99-01") as response:  # no date: said so, the default period shown
            assert response.status == 400 and "Päivämäärä 2026-99-01 ei kelpaa" in await response.text()
        for unit in ("99999999999999999999", "²", "-1", str(site.people.other_unit_id), "12345"):
            async with client.get(f"{site.url}/seuranta", params={"yksikko": unit}) as response:
                assert response.status == 404, unit  # another unit, one that does not exist, or no number: the same
        async with client.get(f"{site.url}/seuranta", params={"yksikko": str(site.people.unit_id)}) as response:
            assert response.status == 200
    assert server_log.failures() == []


async def test_a_body_that_is_no_valid_form_is_a_400(site: Site, server_log: LogRecords) -> None:
    async with await site.client(site.people.aino) as client:
        csrf = await csrf_of(client, site)
        for body, content_type in (
            (f"csrf={csrf}&note=".encode() + b"\xff\xfe", "application/x-www-form-urlencoded"),
            (f"csrf={csrf}&note=a%00b".encode(), "application/x-www-form-urlencoded"),
            (b"--x\r\n", "multipart/form-data; boundary=x"),
            (f"csrf={csrf}".encode(), "application/x-www-form-urlencoded; charset=no-such-charset"),
        ):
            async with client.post(f"{site.url}/deski/jono/1/muistiinpano", data=body, headers={"Content-Type": content_type}) as response:
                assert response.status == 400 and "Lomaketta ei voitu lukea" in await response.text()
        async with client.post(f"{site.url}/kirjaudu", data=b"t=\xff", headers={"Content-Type": "application/x-www-form-urlencoded"}) as response:
            assert response.status == 400
    assert server_log.failures() == []


async def test_a_control_character_in_a_path_never_reaches_a_header(site: Site, server_log: LogRecords) -> None:
    async with await site.client(site.people.viivi) as client:
        page = await (await client.get(f"{site.url}/julkaisu")).text()
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        for slug, location in (("a%0D%0ASet-Cookie:%20x=1", "/julkaisu/ohje/a%0D%0ASet-Cookie:%20x=1"), ("a%00b", "/julkaisu/ohje/a%00b"), ("%C3%A4", "/julkaisu/ohje/%C3%A4")):
            async with client.post(f"{site.url}/julkaisu/ohje/{slug}/tiedota", data={"csrf": csrf}, allow_redirects=False) as response:
                assert response.status == 303 and response.headers["Location"] == location
                assert "x=1" not in str(response.headers.getall("Set-Cookie", []))
    assert server_log.failures() == []


async def test_static_files_are_served_by_name_only(site: Site, server_log: LogRecords) -> None:
    async with await site.client() as client:
        for name, status in (("web.css", 200), ("web.js", 200), ("a" * 300, 404), ("..%2F..%2Fapp.py", 404), ("nothing.css", 404)):
            async with client.get(f"{site.url}/static/arkistobotti/{name}") as response:
                assert response.status == status, name
    assert server_log.failures() == []
