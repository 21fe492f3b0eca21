"""Publishing over HTTP: the list, the Finnish form editor, the server-rendered preview, publishing, announcing."""

from __future__ import annotations

import re

from sqlmodel import select

from archiving.db import read_only
from knowledge.models import KbAnnouncement, KbArticleVersion
from knowledge.packaged import PACKAGE_AUTHOR

from .conftest import Site
from .formkit import checked, form_fields, labels, replace, value
from .test_desk_console import csrf_of

SLUG = "deski"
EDIT = f"/julkaisu/ohje/{SLUG}"


async def _editor(client, site: Site, path: str = EDIT) -> tuple[str, list[tuple[str, str]]]:
    page = await (await client.get(f"{site.url}{path}")).text()
    return page, form_fields(page, path)


def _with_button(fields: list[tuple[str, str]], action: str) -> list[tuple[str, str]]:
    return [*fields, ("toiminto", action)]


def versions_of(site: Site, slug: str) -> list[tuple[int, str]]:
    with read_only(site.engine) as session:
        rows = session.exec(select(KbArticleVersion.number, KbArticleVersion.author).order_by(KbArticleVersion.id)).all()
        return [(n, a) for n, a in rows]


async def test_a_fresh_install_lists_the_packaged_instructions_as_published(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        page = await (await client.get(f"{site.url}/julkaisu")).text()
    assert page.count('href="/julkaisu/ohje/') == 25
    assert "vain pakettiversio" not in page
    assert page.count(f"<td>{PACKAGE_AUTHOR}</td>") == 25 and page.count("16.3.2026 klo") == 25
    assert "<td>Neuvontadeski</td>" in page


async def test_the_editor_is_a_finnish_form_with_the_title_as_heading(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        page, fields = await _editor(client, site)
    assert "<h1>Muokkaa ohjetta: Neuvontadeski</h1>" in page
    for english in ("audience:", "status:", "slug:", "[worker]", "keywords:", "related:"):
        assert english not in page
    assert value(fields, "otsikko") == "Neuvontadeski"
    assert checked(fields, "kenelle") == ["worker"]
    assert "deskin aika" in value(fields, "avainsanat").splitlines()
    assert value(fields, "kysymykset").splitlines()[0] == "Mihin aikaan neuvontadeski on?"
    assert sorted(checked(fields, "liittyvat")) == ["arkistoinnin-seuranta", "arkistointivirhe", "arkistointiyhteyshenkilo"]
    assert value(fields, "teksti").startswith("# Neuvontadeski\n")
    names = labels(page)
    assert names["otsikko"] == "Otsikko" and names["teksti"].startswith("Ohjeen teksti")
    assert names["kenelle-worker"] == "Työntekijät"
    assert names["liittyvat-arkistointiyhteyshenkilo"] == "Arkistointiyhteyshenkilö"  # the picker shows titles
    assert 'aria-live="polite"' in page


async def test_changing_one_sentence_publishes_on_a_fresh_install(site: Site) -> None:
    """The reported case: the linked instructions were only in the package, so publishing failed."""
    async with await site.client(site.people.viivi) as client:
        _, fields = await _editor(client, site)
        body = value(fields, "teksti").replace("Deskiin osallistuminen on **vapaaehtoista**.", "Deskiin osallistuminen on aina **vapaaehtoista**.")
        changed = _with_button(replace(fields, "teksti", body), "julkaise")
        async with client.post(f"{site.url}{EDIT}", data=changed) as r:
            done = await r.text()
        assert "Ohje deski julkaistu (versio 2)." in done and "Versiohistoria" in done
        async with client.post(f"{site.url}{EDIT}", data=changed) as r:
            assert "ei muuttunut" in await r.text()
        async with client.get(f"{site.url}/ohjeet/{SLUG}") as r:
            page = await r.text()
        assert "aina <strong>vapaaehtoista</strong>" in page  # the bot's knowledge base was refreshed
        assert re.search(r'<a href="/ohjeet/arkistointiyhteyshenkilo">Arkistointiyhteyshenkilö</a>', page)
    assert versions_of(site, SLUG)[-1] == (2, "Viivi Viestijä")


async def test_preview_sanitises_and_unsafe_html_is_refused_in_finnish(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        _, fields = await _editor(client, site)
        body = value(fields, "teksti") + "\nUusi kappale: <script>alert(1)</script> deski on auki.\n"
        async with client.post(f"{site.url}{EDIT}", data=_with_button(replace(fields, "teksti", body), "esikatsele")) as r:
            preview = await r.text()
            assert r.status == 200
        assert "deski on auki" in preview and "<script>alert(1)</script>" not in preview
        async with client.post(f"{site.url}{EDIT}", data=_with_button(replace(fields, "teksti", body), "julkaise")) as r:
            refused = await r.text()
            assert r.status == 400
        assert "HTML-elementti &lt;script&gt; ei ole sallittu" in refused and "not allowed" not in refused


async def test_validation_messages_are_finnish_and_tied_to_their_fields(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        _, fields = await _editor(client, site)
        broken = replace(replace(replace(fields, "otsikko", " "), "kenelle-worker"), "teksti", "# Otsikko\n\n[linkki](javascript:alert(1))\n")
        before = versions_of(site, SLUG)
        async with client.post(f"{site.url}{EDIT}", data=_with_button(broken, "julkaise")) as r:
            page = await r.text()
            assert r.status == 400
    assert "Ohjeessa on korjattavaa" in page
    assert '<a href="#otsikko">Otsikko puuttuu.</a>' in page
    assert "Valitse vähintään yksi kohderyhmä." in page
    assert "Ohjeen teksti, rivi 3:" in page
    assert re.search(r'<input[^>]*id="otsikko"[^>]*aria-invalid="true"', page)
    for english in (" is required", " must ", "not allowed", "unsafe", "Line "):
        assert english not in page
    assert versions_of(site, SLUG) == before  # nothing was stored


async def test_a_new_instruction_from_the_form_as_a_draft(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        page, fields = await _editor(client, site, "/julkaisu/uusi")
        assert "<h1>Uusi ohje</h1>" in page and checked(fields, "kenelle") == ["worker"]
        filled = [("csrf", csrf_of(page)), ("otsikko", "Tulostaminen ja arkistointi"), ("tunniste", ""),
                  ("tiivistelma", "Tulostettu asiakirja ei ole arkistoitu."), ("kenelle-worker", "1"), ("kenelle-desk", "1"),
                  ("avainsanat", "tulostaminen\npaperi"), ("kysymykset", "Voinko tulostaa asiakirjan?\nPitääkö paperi säilyttää?"),
                  ("liittyvat-deski", "1"), ("teksti", "# Tulostaminen\n\nÄlä tulosta turhaan.\n"), ("toiminto", "luonnos")]  # fmt: skip
        async with client.post(f"{site.url}/julkaisu/uusi", data=filled) as r:
            saved = await r.text()
        assert "Luonnos tulostaminen-ja-arkistointi tallennettu (versio 1)." in saved  # the slug comes from the title
        assert "<h1>Muokkaa ohjetta: Tulostaminen ja arkistointi</h1>" in saved
        async with client.get(f"{site.url}/ohjeet/tulostaminen-ja-arkistointi") as r:
            assert r.status == 404  # drafts never reach users
        async with client.post(f"{site.url}/julkaisu/esikatselu", data=[*filled[:-1]]) as r:
            fragment = await r.text()
        assert "<h1>Tulostaminen</h1>" in fragment and "<html" not in fragment


async def test_announce_in_finnish(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        page, _ = await _editor(client, site)
        csrf = csrf_of(page)
        async with client.post(f"{site.url}{EDIT}/tiedota", data={"csrf": csrf, "message": "Deskin ohje päivittyi."}) as r:
            assert "Tiedote kirjattu" in await r.text()
        async with client.post(f"{site.url}{EDIT}/tiedota", data={"csrf": csrf, "message": ""}) as r:
            text = await r.text()
        assert "Tämän ohjeen versio 1 on jo tiedotettu." in text and "already" not in text
    with read_only(site.engine) as session:
        assert [a.message for a in session.exec(select(KbAnnouncement))] == ["Deskin ohje päivittyi."]


async def test_the_chat_version_is_a_field_and_the_preview_shows_the_chat_answer(site: Site) -> None:
    path = "/julkaisu/ohje/asiakirjan-lukitseminen"
    async with await site.client(site.people.viivi) as client:
        page, fields = await _editor(client, site, path)
        assert labels(page)["chat"] == "Chat-versio (vapaaehtoinen)"
        assert value(fields, "chat").startswith("Valmis asiakirja pitää lukita") and "\n1. Avaa asiakirja" in value(fields, "chat")
        async with client.post(f"{site.url}/julkaisu/esikatselu", data=fields) as r:
            both = await r.text()
        web_page, _, chat = both.partition("Chatissa (Teams)")  # the web page first, the chat answer beside it
        assert "Mistä saat apua" in web_page and "Mistä saat apua" not in chat
        assert "<ol>" in chat and "Apua saat tiimisi arkistointiyhteyshenkilöltä" in chat and "/ohjeet/asiakirjan-lukitseminen" in chat
        shorter = replace(fields, "chat", "Lukitse valmis asiakirja.\n\n1. Avaa asiakirja.\n2. Lukitse se.")
        async with client.post(f"{site.url}{path}", data=_with_button(shorter, "julkaise")) as r:
            assert "Ohje asiakirjan-lukitseminen julkaistu (versio 2)." in await r.text()
        _, again = await _editor(client, site, path)
    assert value(again, "chat") == "Lukitse valmis asiakirja.\n\n1. Avaa asiakirja.\n2. Lukitse se."
    assert value(again, "teksti") == value(fields, "teksti")  # the rest as it was


async def test_a_link_split_by_code_marks_is_refused_on_its_line_and_nothing_is_published(site: Site) -> None:
    async with await site.client(site.people.viivi) as client:
        _, fields = await _editor(client, site)
        lines = value(fields, "teksti").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 1
        lines.insert(at, 'Katso `[ohje]`(javascript:alert(1)) ja <abbr title="x">[toinen]</abbr>(javascript:alert(2)).')
        before = versions_of(site, SLUG)
        async with client.post(f"{site.url}{EDIT}", data=_with_button(replace(fields, "teksti", "\n".join(lines)), "julkaise")) as r:
            page = await r.text()
            assert r.status == 400
    assert "javascript:alert(1)" in page and "javascript:alert(2)" in page
    assert 'href="javascript' not in page.lower()
    assert versions_of(site, SLUG) == before  # nothing was published
