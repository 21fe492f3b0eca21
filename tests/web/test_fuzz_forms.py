"""Property-based fuzzing of the web pages (hypothesis): every route, every form, whatever is sent -
no 5xx, no traceback, and nothing changes that the sender has no right to change.

People of every role (and nobody) post arbitrary values to every form of every page, with
path ids from a pool holding the real ids of other people's tickets, queue entries,
sessions and items, numbers no id column can hold and arbitrary text, with the right
CSRF token or another; raw bodies that are no valid form are sent too. The rows the
sender may not change are compared before and after. Derandomised, a fixed number of
examples, so it runs in seconds and the same way in CI.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from logcheck import LogRecords

from .conftest import Site, running_site

EXAMPLES = 200  # per property (a request takes a few milliseconds)
SPECIALS = ["\ud800", "\x00", "\r", "\n", "²", "٣", "１", "ä", "/", "%", "#", "?", "&", "=", "<", "\u200b"]
PIECES = ["\r\n", "..", "<script>", "javascript:", "9" * 25, "x" * 2000]
characters = st.sampled_from(SPECIALS) | st.characters(exclude_categories=())
texts = st.text(alphabet=characters, max_size=30) | st.builds("{}{}".format, st.sampled_from(SPECIALS + PIECES), st.text(max_size=10))
form_texts = texts.map(lambda s: s.encode("utf-8", "replace").decode("utf-8"))  # what a browser can put in a form

POSTS = [
    "/deski/istunto/{id}/seuraava", "/deski/jono/{id}/valmis", "/deski/jono/{id}/poissa", "/deski/jono/{id}/muistiinpano",
    "/deski/tiketit/{id}/ota", "/deski/tiketit/{id}/vastaa", "/deski/tiketit/{id}/ratkaise", "/deski/tiketit/{id}/sulje",
    "/deski/tiketit/{id}/ohjetarve", "/julkaisu/uusi", "/julkaisu/esikatselu", "/julkaisu/ohje/{slug}", "/julkaisu/ohje/{slug}/tiedota",
    "/julkaisu/tarpeet/{id}/tehty", "/julkaisu/tarpeet/{id}/hylatty", "/kirjaudu",
]  # fmt: skip
GETS = [
    "/etusivu", "/deski", "/deski/tiketit/{id}", "/julkaisu", "/julkaisu/uusi", "/julkaisu/ohje/{slug}", "/julkaisu/tarpeet",
    "/seuranta", "/seuranta/asiakirjat", "/ohjeet/{slug}", "/kirjaudu", "/kirjaudu-ulos", "/static/arkistobotti/{slug}", "/{slug}",
]  # fmt: skip
FIELDS = [
    "message", "note", "assignee", "needs_instruction", "toiminto", "t", "csrf", "kaikki", "viikot", "alkaen", "yksikko",
    "otsikko", "tunniste", "tiivistelma", "kenelle-worker", "avainsanat", "kysymykset", "liittyvat-deski", "teksti", "chat", "paivitetty", "ohje",
    "tila", "sarja", "viikko", "tyontekija",
]  # fmt: skip
RAW_BODIES = [
    (b"csrf={csrf}&message=\xff\xfe", "application/x-www-form-urlencoded"),
    (b"\xff=\xff", "application/x-www-form-urlencoded"),
    (b"csrf={csrf}&note=%00", "application/x-www-form-urlencoded"),
    (b"--x\r\n", "multipart/form-data; boundary=x"),
    (b'--x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n--x\r\nContent-Disposition: form-data; name="note"\r\n\r\n\xff\r\n--x--\r\n',
     "multipart/form-data; boundary=x"),
    (b"csrf={csrf}", "application/x-www-form-urlencoded; charset=no-such-charset"),
    (b"csrf={csrf}", "text/plain"),
    (b'{"csrf": "{csrf}"}', "application/json"),
]  # fmt: skip


def protected_rows(site: Site, *, desk: bool) -> dict[str, list[tuple[Any, ...]]]:
    """What the fuzzing roles may not change: people and roles, documents, other people's sessions; desk data too unless ``desk``."""
    queries = {
        "worker": "SELECT * FROM worker ORDER BY id",
        "worker_role": "SELECT * FROM worker_role ORDER BY 1, 2",
        "document": "SELECT * FROM document ORDER BY id",
        "web_session": "SELECT worker_id, ended_at FROM web_session ORDER BY id",
    }
    if not desk:
        queries |= {
            "desk_ticket": "SELECT * FROM desk_ticket ORDER BY id",
            "desk_ticket_message": "SELECT * FROM desk_ticket_message ORDER BY id",
            "desk_queue_entry": "SELECT * FROM desk_queue_entry ORDER BY id",
            "desk_session": "SELECT * FROM desk_session ORDER BY id",
        }
    with site.engine.connect() as connection:
        return {name: [tuple(row) for row in connection.execute(text(sql))] for name, sql in queries.items()}


def ids_in(site: Site) -> list[str]:
    with site.engine.connect() as connection:
        found = [row[0] for table in ("desk_ticket", "desk_queue_entry", "desk_session", "desk_instruction_need")
                 for row in connection.execute(text(f"SELECT id FROM {table}"))]  # fmt: skip
    return [str(i) for i in found]


async def csrf_token(client: aiohttp.ClientSession, site: Site) -> str:
    page = await (await client.get(f"{site.url}/etusivu")).text()
    return page.split('name="csrf" value="', 1)[1].split('"', 1)[0] if 'name="csrf"' in page else ""


@pytest.fixture
async def any_site(db_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The site on SQLite and on PostgreSQL (which, unlike SQLite, refuses a NUL character or an overlong value)."""
    async with running_site(db_url, tmp_path) as running:
        yield running


async def test_fuzzed_pages_and_forms_never_fail_and_change_nothing_they_may_not(any_site: Site, server_log: LogRecords) -> None:
    site = any_site
    people = site.people
    clients: dict[str, aiohttp.ClientSession] = {}
    tokens: dict[str, str] = {}
    try:
        for name, worker in (("aino", people.aino), ("viivi", people.viivi), ("kalle", people.kalle), ("yrjo", people.yrjo), ("nobody", None)):
            clients[name] = await site.client(worker)
            tokens[name] = await csrf_token(clients[name], site)
        await fuzz(site, server_log, clients, tokens)
    finally:
        for client in clients.values():
            await client.close()


async def fuzz(site: Site, server_log: LogRecords, clients: dict[str, aiohttp.ClientSession], tokens: dict[str, str]) -> None:
    loop = asyncio.get_running_loop()
    ids = st.sampled_from([*ids_in(site), "99999999999999999999", "2147483648", "0", "²", "٣", "-1"]) | texts
    slugs = st.sampled_from(["deski", "asiakirjan-lukitseminen", "..", "%2e%2e", "a" * 300]) | texts
    forms = st.dictionaries(st.sampled_from(FIELDS), form_texts, max_size=5)
    statuses: dict[int, int] = {}

    def request(method: str, who: str, path: str, **kwargs: Any) -> None:
        async def send() -> int:
            async with clients[who].request(method, site.url + path, allow_redirects=False, **kwargs) as response:
                await response.read()
                return response.status

        server_log.clear()
        status = asyncio.run_coroutine_threadsafe(send(), loop).result(timeout=60)
        statuses[status] = statuses.get(status, 0) + 1
        assert status < 500, (method, who, path, kwargs)
        assert server_log.failures() == [], (method, who, path, kwargs)

    def path_of(template: str, id_: str, slug: str) -> str:
        raw = lambda value: quote(value.encode("utf-8", "surrogatepass"), safe="")  # noqa: E731 - a lone surrogate becomes bad UTF-8
        return template.format(id=raw(id_), slug=raw(slug))

    common = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))

    def post_as(roles: list[str]) -> Any:
        @common
        @given(st.sampled_from(roles), st.sampled_from(POSTS), ids, slugs, forms, st.booleans())
        def run(who: str, template: str, id_: str, slug: str, form: dict[str, str], right_token: bool) -> None:
            data = dict(form)
            if right_token or "csrf" not in data:
                data["csrf"] = tokens[who]
            request("POST", who, path_of(template, id_, slug), data=data)

        return run

    @common
    @given(st.sampled_from(list(clients)), st.sampled_from(GETS), ids, slugs, st.dictionaries(st.sampled_from(FIELDS), form_texts, max_size=3))
    def gets(who: str, template: str, id_: str, slug: str, query: dict[str, str]) -> None:
        request("GET", who, path_of(template, id_, slug), params=query)

    @common
    @given(st.sampled_from(list(clients)), st.sampled_from(POSTS), st.sampled_from(RAW_BODIES), ids)
    def raw_bodies(who: str, template: str, raw: tuple[bytes, str], id_: str) -> None:
        body, content_type = raw
        request("POST", who, path_of(template, id_, "deski"), data=body.replace(b"{csrf}", tokens[who].encode()),
                headers={"Content-Type": content_type})  # fmt: skip

    before = protected_rows(site, desk=False)
    for run in (post_as(["viivi", "kalle", "yrjo", "nobody"]), gets, raw_bodies):
        await asyncio.to_thread(run)
    assert protected_rows(site, desk=False) == before  # nobody without the desk role changed desk data
    before = protected_rows(site, desk=True)
    await asyncio.to_thread(post_as(["aino"]))
    assert protected_rows(site, desk=True) == before
    assert statuses.get(303, 0) and statuses.get(403, 0) and statuses.get(404, 0) and statuses.get(400, 0), statuses
