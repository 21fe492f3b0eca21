"""Login links, sessions, roles and CSRF over real HTTP against the running app."""

from __future__ import annotations

from sqlmodel import select
from yarl import URL

from archiving.db import read_only, transaction
from archiving.models import Worker
from bot.desk.models import DeskQueueEntry, WebLogin
from bot.web.auth import COOKIE_NAME

from .conftest import Site


async def test_pages_need_a_login(site: Site) -> None:
    async with await site.client() as client:
        for path in ("/etusivu", "/deski", "/julkaisu", "/seuranta", "/ohjeet/deski"):
            async with client.get(site.url + path) as response:
                assert response.status == 401, path
                assert "Kirjautuminen vaaditaan" in await response.text()
                assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
                assert response.headers["X-Frame-Options"] == "DENY"


async def test_login_link_is_single_use_and_sets_a_safe_cookie(site: Site) -> None:
    link = site.login_link(site.people.aino)
    token = link.split("t=", 1)[1]
    async with await site.client() as client:
        async with client.get(link) as response:  # a link previewer fetching the URL spends nothing
            assert response.status == 200 and "Kirjaudu sisään" in await response.text()
        with read_only(site.engine) as session:
            assert session.exec(select(WebLogin)).one().used_at is None
        async with client.post(f"{site.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
            assert response.status == 303 and response.headers["Location"] == "/etusivu"
            cookie = next(c for c in response.headers.getall("Set-Cookie") if c.startswith(f"{COOKIE_NAME}="))
            assert f"{COOKIE_NAME}=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        async with client.get(f"{site.url}/deski") as response:
            assert response.status == 200
    async with await site.client() as other:
        async with other.post(f"{site.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
            assert response.status == 400 and "vanhentunut, jo käytetty" in await response.text()


async def test_expired_and_forged_links_are_refused(site: Site) -> None:
    token = site.login_link(site.people.aino).split("t=", 1)[1]
    body, mac = token.split(".")
    forged = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + mac
    async with await site.client() as client:
        async with client.post(f"{site.url}/kirjaudu", data={"t": forged}, allow_redirects=False) as response:
            assert response.status == 400
        site.clock.advance(minutes=11)
        async with client.post(f"{site.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
            assert response.status == 400
        async with client.get(f"{site.url}/kirjaudu?t={token}") as response:
            assert response.status == 400


async def test_roles_decide_which_pages_open(site: Site) -> None:
    p = site.people
    expected = {
        p.kalle: {"/etusivu": 200, "/ohjeet/deski": 200, "/deski": 403, "/julkaisu": 403, "/julkaisu/tarpeet": 403, "/seuranta": 403},
        p.aino: {"/deski": 200, "/julkaisu/tarpeet": 200, "/julkaisu": 403, "/seuranta": 403},
        p.viivi: {"/julkaisu": 200, "/julkaisu/tarpeet": 200, "/julkaisu/uusi": 200, "/deski": 403, "/seuranta": 403},
        p.yrjo: {"/seuranta": 200, "/deski": 403, "/julkaisu": 403},
    }
    for worker, pages in expected.items():
        async with await site.client(worker) as client:
            for path, status in pages.items():
                async with client.get(site.url + path) as response:
                    assert response.status == status, (worker, path)
                    if status == 403:
                        assert "Ei käyttöoikeutta" in await response.text()


async def test_a_worker_cannot_post_to_the_desk_console(site: Site) -> None:
    entry_id = _first_entry(site)
    async with await site.client(site.people.kalle) as client:
        async with client.post(f"{site.url}/deski/jono/{entry_id}/valmis", data={"csrf": "x"}, allow_redirects=False) as response:
            assert response.status == 403
    assert _entry_state(site, entry_id) == "waiting"


async def test_post_without_or_with_a_wrong_csrf_token_is_refused(site: Site) -> None:
    entry_id = _first_entry(site)
    async with await site.client(site.people.aino) as client:
        for data in ({}, {"csrf": "vaara"}):
            async with client.post(f"{site.url}/deski/jono/{entry_id}/valmis", data=data, allow_redirects=False) as response:
                assert response.status == 403
                assert "Lomake vanhentui" in await response.text()
    assert _entry_state(site, entry_id) == "waiting"


async def test_tampered_cookie_deactivated_worker_and_logout(site: Site) -> None:
    async with await site.client(site.people.aino) as client:
        cookie = next(c for c in client.cookie_jar if c.key == COOKIE_NAME)
        tampered = cookie.value[:-3] + "xyz"
        client.cookie_jar.clear()
        client.cookie_jar.update_cookies({COOKIE_NAME: tampered}, response_url=URL(site.url))
        async with client.get(f"{site.url}/deski") as response:
            assert response.status == 401
    async with await site.client(site.people.eero) as client:
        with transaction(site.engine) as session:
            session.get(Worker, site.people.eero).active = False
        async with client.get(f"{site.url}/deski") as response:
            assert response.status == 401
    async with await site.client(site.people.aino) as client:
        page = await (await client.get(f"{site.url}/deski")).text()
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        async with client.post(f"{site.url}/kirjaudu-ulos", data={"csrf": csrf}) as response:
            assert response.status == 200 and "kirjautunut ulos" in await response.text()
        async with client.get(f"{site.url}/deski") as response:
            assert response.status == 401


async def test_static_files_are_served(site: Site) -> None:
    async with await site.client() as client:
        async with client.get(f"{site.url}/static/arkistobotti/web.css") as response:
            assert response.status == 200 and ":focus-visible" in await response.text()


def _first_entry(site: Site) -> int:
    with read_only(site.engine) as session:
        return int(session.exec(select(DeskQueueEntry.id).order_by(DeskQueueEntry.id)).first())


def _entry_state(site: Site, entry_id: int) -> str:
    with read_only(site.engine) as session:
        return session.get(DeskQueueEntry, entry_id).state



async def test_after_login_the_worker_lands_on_the_page_they_wanted(site: Site) -> None:
    async with await site.client() as client:
        async with client.get(f"{site.url}/ohjeet/deski") as response:
            assert response.status == 401 and "kirjautumislinkki" in await response.text()
        token = site.login_link(site.people.kalle).split("t=", 1)[1]
        async with client.post(f"{site.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
            assert response.headers["Location"] == "/ohjeet/deski"
    async with await site.client() as client:
        client.cookie_jar.update_cookies({"arkistobotti_next": "//evil.example/"}, response_url=URL(site.url))
        token = site.login_link(site.people.kalle).split("t=", 1)[1]
        async with client.post(f"{site.url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
            assert response.headers["Location"] == "/etusivu"  # never off-site
