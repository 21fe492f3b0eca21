"""The pages in headless Chromium: keyboard use, focus, the live preview, and screenshots as artefacts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.desk import sessions
from bot.web.context import WEB

from .conftest import Site
from .test_followup import add_documents, add_rollout

pytestmark = pytest.mark.browser


async def login(browser, site: Site, worker_id: int, **context_options):  # type: ignore[no-untyped-def]
    """A fresh browser context logged in through the single-use link, as a person clicking it in Teams."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI", **context_options)
    page = await context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    await page.goto(site.login_link(worker_id))
    await page.get_by_role("button", name="Kirjaudu sisään").click()
    await page.wait_for_url("**/etusivu")
    return context, page, problems


async def focused(page) -> dict:  # type: ignore[no-untyped-def]
    return await page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
                   return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').trim(),
                           outline: s.outlineStyle, outlineWidth: s.outlineWidth}; }"""
    )


async def test_desk_console_by_keyboard_only(site: Site, browser, artifacts_dir: Path) -> None:
    context, page, problems = await login(browser, site, site.people.aino)
    await page.goto(f"{site.url}/deski")
    await page.keyboard.press("Tab")
    first = await focused(page)
    assert first["text"] == "Siirry sisältöön" and first["outline"] != "none"
    await page.screenshot(path=str(artifacts_dir / "desk-console-skip-link.png"))
    await page.keyboard.press("Enter")
    assert (await focused(page))["id"] == "sisalto"

    for _ in range(40):  # Tab forward to the first "Kutsu seuraava" button
        await page.keyboard.press("Tab")
        now = await focused(page)
        if now["tag"] == "BUTTON" and now["text"] == "Kutsu seuraava":
            break
    else:
        pytest.fail("the call-next button is not reachable with Tab")
    assert now["outline"] != "none" and now["outlineWidth"] != "0px"  # a visible focus ring
    await page.screenshot(path=str(artifacts_dir / "desk-console-focus.png"))
    await page.keyboard.press("Enter")
    await page.wait_for_selector("text=Kutsuttu: Kalle Sosiaalityöntekijä")
    assert await page.get_by_role("status").count() == 1
    row = page.get_by_role("row").filter(has_text="Kalle Sosiaalityöntekijä")
    assert "vuorossa" in await row.inner_text()

    await page.get_by_role("link", name="#1").click()
    await page.get_by_label("Vastaus työntekijälle (lähtee botin kautta)").fill("Katso ohje metatietojen korjaamisesta.")
    await page.get_by_role("button", name="Lähetä vastaus").click()
    await page.wait_for_selector("text=Vastaus lähetetty työntekijälle.")
    await page.screenshot(path=str(artifacts_dir / "desk-ticket.png"), full_page=True)
    assert problems == []
    await context.close()


async def test_the_next_session_on_another_day_in_the_console(site: Site, browser, artifacts_dir: Path) -> None:
    site.clock.now = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)  # Friday 14:00: today's sessions are over
    sessions.generate(site.engine, site.config, now=site.clock(), first=dt.date(2026, 3, 23), weeks=1)
    context, page, problems = await login(browser, site, site.people.aino)
    await page.goto(f"{site.url}/deski")
    await page.get_by_text("Tänään ei ole enää deskejä.").wait_for()
    section = page.get_by_role("region", name="Maanantai 23.3.2026 klo 9.00–9.30")
    assert await section.get_by_role("button", name="Kutsu seuraava").is_disabled()
    assert await section.get_by_text("Kutsuminen avautuu maanantaina 23.3. klo 8.50.").count() == 1
    await page.screenshot(path=str(artifacts_dir / "desk-console-next-session.png"), full_page=True)
    assert problems == []
    await context.close()


async def test_publishing_form_live_preview_keyboard_and_no_javascript(site: Site, browser, artifacts_dir: Path) -> None:
    context, page, problems = await login(browser, site, site.people.viivi)
    await page.goto(f"{site.url}/julkaisu")
    await page.screenshot(path=str(artifacts_dir / "publishing-list.png"), full_page=True)
    await page.get_by_role("link", name="deski", exact=True).click()
    await page.get_by_role("heading", name="Muokkaa ohjetta: Neuvontadeski").wait_for()
    assert await page.get_by_label("Otsikko", exact=True).input_value() == "Neuvontadeski"
    assert await page.get_by_role("checkbox", name="Työntekijät").is_checked()
    picker = page.get_by_role("group", name="Liittyvät ohjeet")
    assert await picker.get_by_role("checkbox", name="Arkistointiyhteyshenkilö").is_checked()
    await picker.get_by_role("checkbox", name="PIN-koodi unohtui tai lukittui").focus()  # the picker by keyboard: Space ticks a box
    await page.keyboard.press("Space")
    assert (await focused(page))["outline"] != "none"
    body = page.get_by_label("Ohjeen teksti (markdown)")
    await body.press("Control+End")
    await body.type("\n\n## Elävä esikatselu toimii\n")
    preview = page.locator("#esikatselu-sisalto")
    await preview.locator("h2", has_text="Elävä esikatselu toimii").wait_for(timeout=5000)
    await page.screenshot(path=str(artifacts_dir / "publishing-editor-form.png"), full_page=True)
    await page.get_by_label("Otsikko", exact=True).fill("")
    await page.get_by_role("button", name="Julkaise").click()  # the browser stops an empty required field: say it ourselves
    assert await page.get_by_label("Otsikko", exact=True).evaluate("e => !e.validity.valid")
    await page.get_by_label("Otsikko", exact=True).fill("Neuvontadeski")
    await page.get_by_role("button", name="Julkaise").click()
    await page.wait_for_selector("text=Ohje deski julkaistu (versio 2).")
    await page.goto(f"{site.url}/ohjeet/deski")
    related = page.get_by_role("region", name="Katso myös")
    assert await related.get_by_role("link", name="PIN-koodi unohtui tai lukittui").count() == 1  # ticked by keyboard above
    assert problems == []
    await context.close()

    context, page, _ = await login(browser, site, site.people.viivi, java_script_enabled=False)
    await page.goto(f"{site.url}/julkaisu/ohje/deski")
    body = page.get_by_label("Ohjeen teksti (markdown)")
    await body.fill(await body.input_value() + "\n\n## Ilman JavaScriptiä\n\n<script>alert(1)</script>\n")
    await page.get_by_label("Esimerkkikysymykset").fill("")
    await page.get_by_role("button", name="Julkaise").click()
    await page.get_by_role("alert").get_by_text("Kirjoita vähintään yksi esimerkkikysymys.").wait_for()
    assert await page.get_by_role("alert").get_by_text("HTML-elementti <script> ei ole sallittu", exact=False).count() == 1
    await page.locator("#esikatselu-sisalto h2", has_text="Ilman JavaScriptiä").wait_for(timeout=5000)
    await page.screenshot(path=str(artifacts_dir / "publishing-validation-no-js.png"), full_page=True)
    await context.close()


async def test_instruction_needs_without_an_import(site: Site, browser, artifacts_dir: Path) -> None:
    site.app[WEB].services.knowledge.answer("Miten saan kahvinkeittimen korjattua toimistolla?", now=site.clock())
    context, page, problems = await login(browser, site, site.people.viivi)
    await page.goto(f"{site.url}/julkaisu/tarpeet")
    await page.get_by_text("Miten korjaan palvelutehtävän arkistoidusta asiakirjasta?").wait_for()
    await page.get_by_text("kahvinkeittimen", exact=False).wait_for()
    await page.screenshot(path=str(artifacts_dir / "instruction-needs.png"), full_page=True)
    assert problems == []
    await context.close()


async def test_follow_up_chart_drill_down_and_a_refused_page(site: Site, browser, artifacts_dir: Path) -> None:
    add_documents(site)
    add_rollout(site)
    context, page, problems = await login(browser, site, site.people.yrjo)
    await page.goto(f"{site.url}/seuranta")
    await page.get_by_role("img", name="Arkistoitujen osuus valmiista asiakirjoista viikon lopussa, Lastensuojelu, testiyksikkö", exact=False).wait_for()
    await page.get_by_role("img", name="Asiakirjat viikoittain, Lastensuojelu, testiyksikkö", exact=False).wait_for()
    assert await page.get_by_role("table").count() == 3
    start = page.get_by_label("Alkaen (esim. liittymispäivä)")
    assert await start.get_attribute("type") == "text"
    await page.screenshot(path=str(artifacts_dir / "follow-up.png"), full_page=True)
    await start.fill("29.12.2025")
    await page.get_by_role("button", name="Näytä").click()
    await page.get_by_role("heading", name="Lastensuojelu, testiyksikkö: 29.12.2025–22.3.2026 (12 viikkoa)").wait_for()
    assert await page.get_by_label("Alkaen (esim. liittymispäivä)").input_value() == "29.12.2025"
    await page.get_by_role("link", name="Kalle Sosiaalityöntekijä: epäonnistunut, vaatii korjauksen, 1").click()
    await page.get_by_role("heading", name="Asiakirjat: Lastensuojelu, testiyksikkö").wait_for()
    await page.screenshot(path=str(artifacts_dir / "follow-up-documents.png"), full_page=True)
    response = await page.goto(f"{site.url}/deski")
    assert response is not None and response.status == 403
    assert await page.get_by_role("heading", name="Ei käyttöoikeutta").count() == 1
    await page.screenshot(path=str(artifacts_dir / "forbidden-for-contact-person.png"))
    assert all("403" in p for p in problems)  # only the refused page itself
    await context.close()
