"""Publishing over HTTP: the list, the editor, the server-rendered preview, publishing, announcing, needs."""

from __future__ import annotations

import html
import re

from sqlmodel import select

from archiving.db import read_only
from bot.desk.models import InstructionNeed
from knowledge.models import KbAnnouncement, KbArticleVersion
from knowledge.publishing import publish_path
from knowledge.service import ARTICLES_DIR

from bot.web.context import WEB

from .conftest import Site
from .test_desk_console import csrf_of

SLUG = "deski"


async def _editor_text(client, site: Site, slug: str = SLUG) -> tuple[str, str]:
    page = await (await client.get(f"{site.url}/julkaisu/ohje/{slug}")).text()
    raw = re.search(r'<textarea[^>]*name="markdown"[^>]*>(.*?)</textarea>', page, re.S).group(1)  # type: ignore[union-attr]
    return html.unescape(raw), csrf_of(page)


async def test_list_shows_every_instruction(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        page = await (await client.get(f"{site.url}/julkaisu")).text()
    assert page.count('href="/julkaisu/ohje/') >= 25
    assert "vain pakettiversio" in page


async def test_preview_publish_and_the_instruction_page(site: Site) -> None:
    publish_path(site.engine, ARTICLES_DIR, author="seed", now=site.clock())  # what `kb publish` did at installation
    async with await site.client(site.people.viivi) as client:
        text, csrf = await _editor_text(client, site)
        assert text.startswith("---\nslug: deski\n")
        with_script = text.replace("\n# ", "\nUusi kappale: <script>alert(1)</script> deski on auki.\n\n# ", 1)
        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}", data={"csrf": csrf, "markdown": with_script, "toiminto": "esikatsele"}) as r:
            preview = await r.text()
            assert r.status == 200
        assert "deski on auki" in preview
        assert "<script>alert(1)</script>" not in preview  # sanitised in the preview, escaped in the textarea
        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}", data={"csrf": csrf, "markdown": with_script, "toiminto": "julkaise"}) as r:
            refused = await r.text()
            assert r.status == 400 and "&lt;script&gt; is not allowed" in refused  # unsafe HTML is never published
        changed = text.replace("\n# ", "\nUusi kappale: deski on auki myös pyynnöstä.\n\n# ", 1)
        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}", data={"csrf": csrf, "markdown": changed, "toiminto": "julkaise"}) as r:
            done = await r.text()
        assert f"Ohje {SLUG} julkaistu (versio 2)" in done and "Versiohistoria" in done
        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}", data={"csrf": csrf, "markdown": changed, "toiminto": "julkaise"}) as r:
            assert "ei muuttunut" in await r.text()
        async with client.get(f"{site.url}/ohjeet/{SLUG}") as r:
            page = await r.text()
        assert "deski on auki myös pyynnöstä" in page  # the bot's knowledge base was refreshed

        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}/tiedota", data={"csrf": csrf, "message": "Deskin ohje päivittyi."}) as r:
            assert "Tiedote kirjattu" in await r.text()
        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}/tiedota", data={"csrf": csrf, "message": ""}) as r:
            assert "Julkaisu ei onnistunut" in await r.text()  # that version was already announced
    with read_only(site.engine) as session:
        assert [a.message for a in session.exec(select(KbAnnouncement))] == ["Deskin ohje päivittyi."]


async def test_invalid_article_keeps_the_text_and_lists_problems(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        text, csrf = await _editor_text(client, site)
        broken = text.replace("title:", "otsikko:", 1)
        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}", data={"csrf": csrf, "markdown": broken, "toiminto": "julkaise"}) as r:
            page = await r.text()
            assert r.status == 400
    assert "Ohjeessa on korjattavaa" in page and "Rivi " in page and "otsikko:" in page
    with read_only(site.engine) as session:
        assert session.exec(select(KbArticleVersion)).all() == []


async def test_live_preview_fragment_and_new_article_draft(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        page = await (await client.get(f"{site.url}/julkaisu/uusi")).text()
        csrf = csrf_of(page)
        async with client.post(f"{site.url}/julkaisu/esikatselu", data={"csrf": csrf, "markdown": "# Otsikko\n\n[x](javascript:alert(1))"}) as r:
            fragment = await r.text()
        assert "<h1>Otsikko</h1>" in fragment and "<html" not in fragment and "javascript:" not in fragment
        article = (ARTICLES_DIR / "asiakirjan-lukitseminen.md").read_text(encoding="utf-8")
        async with client.post(f"{site.url}/julkaisu/esikatselu", data={"csrf": csrf, "markdown": article}) as r:
            both = await r.text()
        page, _, chat = both.partition("Chatissa (Teams)")  # the web page first, the chat answer beside it
        assert "Mistä saat apua" in page and "Mistä saat apua" not in chat
        assert "<ol>" in chat and "Apua saat tiimisi arkistointiyhteyshenkilöltä" in chat and "/ohjeet/asiakirjan-lukitseminen" in chat
        draft = (
            "---\nslug: uusi-testiohje\ntitle: Testiohje\naudience: [worker]\nsummary: Lyhyt tiivistelmä.\n"
            "keywords: [testi]\nquestions:\n  - Miten testataan?\nrelated: []\nupdated: 2026-03-16\nstatus: draft\n---\n"
            "# Testiohje\n\nTämä on luonnos.\n"
        )
        async with client.post(f"{site.url}/julkaisu/uusi", data={"csrf": csrf, "markdown": draft, "toiminto": "luonnos"}) as r:
            assert "Luonnos uusi-testiohje tallennettu (versio 1)" in await r.text()
        async with client.get(f"{site.url}/ohjeet/uusi-testiohje") as r:
            assert r.status == 404  # drafts never reach users


async def test_needs_from_unanswered_questions_and_desk_notes(site: Site) -> None:
    knowledge = site.app[WEB].services.knowledge
    for _ in range(2):
        knowledge.answer("Miten saan kahvinkeittimen korjattua toimistolla?", now=site.clock())
    async with await site.client(site.people.viivi) as client:
        page = await (await client.get(f"{site.url}/julkaisu/tarpeet")).text()
        assert "Avoimia ohjetarpeita ei ole." in page
        async with client.post(f"{site.url}/julkaisu/tarpeet/tuo", data={"csrf": csrf_of(page)}) as r:
            page = await r.text()
        assert "Tuotu. Uusia: 1, jo tiedossa olleita: 0." in page and "kahvinkeittimen" in page
        async with client.post(f"{site.url}/julkaisu/tarpeet/tuo", data={"csrf": csrf_of(page)}) as r:
            assert "Tuotu. Uusia: 0, jo tiedossa olleita: 1." in await r.text()
        with read_only(site.engine) as session:
            need = session.exec(select(InstructionNeed)).one()
            assert (need.source, need.occurrences) == ("unanswered", 2)
            need_id = need.id
        async with client.post(f"{site.url}/julkaisu/tarpeet/{need_id}/tehty", data={"csrf": csrf_of(page)}) as r:
            assert "Avoimia ohjetarpeita ei ole." in await r.text()


async def test_a_link_split_by_code_marks_is_refused_on_its_line_and_nothing_is_published(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        text, csrf = await _editor_text(client, site)
        lines = text.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 1
        lines.insert(at, 'Katso `[ohje]`(javascript:alert(1)) ja <abbr title="x">[toinen]</abbr>(javascript:alert(2)).')
        async with client.post(f"{site.url}/julkaisu/ohje/{SLUG}", data={"csrf": csrf, "markdown": "\n".join(lines), "toiminto": "julkaise"}) as r:
            page = await r.text()
            assert r.status == 400
    assert f"Rivi {at + 1}" in page and "javascript:alert(1)" in page and "javascript:alert(2)" in page
    assert 'href="javascript' not in page.lower()
    with read_only(site.engine) as session:
        assert session.exec(select(KbArticleVersion)).all() == []
