"""Sessions end on the server: sign-out, a role change and deactivation close them at once (issue 9, finding 7).

Before, the session cookie was self-contained: after signing out the old cookie still
opened ``/deski`` until it expired. Two app instances share one database here (SQLite
and PostgreSQL), as production instances do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import delete, select
from yarl import URL

from archiving.db import read_only, transaction
from archiving.enums import Role
from archiving.models import Worker, WorkerRole
from bot.desk.models import WebSession
from bot.web.auth import COOKIE_NAME
from bot.web.sessions import end_worker_sessions
from logcheck import LogRecords

from .conftest import Site, running_site


@pytest.fixture
async def two_sites(db_url: str, tmp_path: Path) -> AsyncIterator[tuple[Site, Site]]:
    async with running_site(db_url, tmp_path) as first:
        async with running_site(db_url, tmp_path, clock=first.clock, seed=False) as second:
            yield first, dataclasses.replace(second, people=first.people)


def cookie_of(client: aiohttp.ClientSession) -> str:
    return next(c.value for c in client.cookie_jar if c.key == COOKIE_NAME)


async def status(site: Site, cookie: str, path: str = "/deski") -> int:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        client.cookie_jar.update_cookies({COOKIE_NAME: cookie}, response_url=URL(site.url))
        async with client.get(site.url + path) as response:
            return response.status


async def csrf_of(client: aiohttp.ClientSession, site: Site) -> str:
    page = await (await client.get(f"{site.url}/deski")).text()
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]


async def test_sign_out_ends_the_session_on_every_instance(two_sites: tuple[Site, Site]) -> None:
    first, second = two_sites
    async with await first.client(first.people.aino) as client:
        cookie = cookie_of(client)
        assert await status(first, cookie) == await status(second, cookie) == 200
        async with client.post(f"{first.url}/kirjaudu-ulos", data={"csrf": await csrf_of(client, first)}) as response:
            assert response.status == 200
    assert await status(first, cookie) == 401  # the very cookie the browser had
    assert await status(second, cookie) == 401
    with read_only(first.engine) as session:
        assert session.exec(select(WebSession.end_reason)).all() == ["sign-out"]


async def test_a_role_change_ends_the_session(two_sites: tuple[Site, Site]) -> None:
    first, second = two_sites
    people = first.people
    async with await first.client(people.aino) as aino, await first.client(people.kalle) as kalle:
        taken, given = cookie_of(aino), cookie_of(kalle)
        with transaction(first.engine) as session:  # as an administrator (or provisioning) would, directly
            session.execute(delete(WorkerRole).where(WorkerRole.worker_id == people.aino))
            session.add(WorkerRole(worker_id=people.kalle, role=Role.DESK.value))
        assert await status(second, taken) == 401  # not 403: the session itself is over
        assert await status(second, given, "/etusivu") == 401  # a new role needs a new sign-in too
        with transaction(first.engine) as session:  # the old roles back do not revive it
            session.add(WorkerRole(worker_id=people.aino, role=Role.DESK.value))
        assert await status(first, taken) == 401
    async with await first.client(people.aino) as again:
        assert await status(first, cookie_of(again)) == 200


async def test_deactivation_ends_every_session_of_the_worker(two_sites: tuple[Site, Site]) -> None:
    first, second = two_sites
    people = first.people
    async with await first.client(people.eero) as one, await second.client(people.eero) as other:
        cookies = [cookie_of(one), cookie_of(other)]
        with transaction(first.engine) as session:
            session.get(Worker, people.eero).active = False  # type: ignore[union-attr]
        assert [await status(second, c) for c in cookies] == [401, 401]
        with transaction(first.engine) as session:
            session.get(Worker, people.eero).active = True  # type: ignore[union-attr]
        assert [await status(first, c) for c in cookies] == [401, 401]  # reactivation does not revive them
    async with await first.client(people.helmi) as helmi:
        cookie = cookie_of(helmi)
        with transaction(first.engine) as session:  # what deactivation or provisioning code calls
            assert end_worker_sessions(session, people.helmi, now=first.clock()) == 1
        assert await status(second, cookie) == 401


async def test_sessions_expire_and_rows_are_not_kept_forever(site: Site) -> None:
    async with await site.client(site.people.aino) as client:
        cookie = cookie_of(client)
    site.clock.advance(hours=site.settings.web_session_hours, seconds=1)
    assert await status(site, cookie) == 401
    site.clock.advance(days=2)
    async with await site.client(site.people.aino):
        pass
    with read_only(site.engine) as session:
        assert len(session.exec(select(WebSession)).all()) == 1  # the expired one went when the new one began


async def test_non_ascii_tokens_and_cookies_are_refused_not_failed(site: Site, server_log: LogRecords) -> None:
    """A non-ASCII login token or session cookie gave a 500 before authentication."""
    async with aiohttp.ClientSession() as client:
        for token in ("ä", "äbc.def", "x" * 5000, "\u0000", "abc.dé"):
            async with client.post(f"{site.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
                assert response.status == 400, token
            async with client.get(f"{site.url}/kirjaudu", params={"t": token}) as response:
                assert response.status == 400, token
        for raw in ("arkistobotti_session=ä".encode(), b"arkistobotti_session=\xff\xfe", b"arkistobotti_flash=\xc3\xa4.x; arkistobotti_session=y"):
            for path in ("/deski", "/etusivu"):
                async with client.get(site.url + path, headers={"Cookie": raw.decode("latin-1")}) as response:
                    assert response.status == 401, raw
            async with client.post(f"{site.url}/kirjaudu-ulos", headers={"Cookie": raw.decode("latin-1")}, data={"csrf": "ä"}) as response:
                assert response.status == 200, raw
    async with await site.client(site.people.aino) as client:
        async with client.post(f"{site.url}/kirjaudu-ulos", data={"csrf": "äö"}) as response:
            assert response.status == 403
    assert server_log.failures() == []
