"""The pages in headless Chromium: keyboard use, focus, the live preview, and screenshots as artefacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.publishing import publish_path
from knowledge.service import ARTICLES_DIR

from .conftest import Site
from .test_followup import add_documents

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


async def test_publishing_live_preview_and_no_javascript_fallback(site: Site, browser, artifacts_dir: Path) -> None:
    publish_path(site.engine, ARTICLES_DIR, author="seed", now=site.clock())
    context, page, problems = await login(browser, site, site.people.viivi)
    await page.goto(f"{site.url}/julkaisu")
    await page.screenshot(path=str(artifacts_dir / "publishing-list.png"), full_page=True)
    await page.get_by_role("link", name="deski", exact=True).click()
    editor = page.get_by_label("Ohjeen teksti (markdown ja alussa YAML-etutiedot)")
    await editor.press("End")
    await editor.press("Control+End")
    await editor.type("\n\n## Elävä esikatselu toimii\n")
    preview = page.locator("#esikatselu-sisalto")
    await preview.locator("h2", has_text="Elävä esikatselu toimii").wait_for(timeout=5000)
    await page.screenshot(path=str(artifacts_dir / "publishing-editor-live-preview.png"), full_page=True)
    await page.get_by_role("button", name="Julkaise").click()
    await page.wait_for_selector("text=Ohje deski julkaistu (versio 2).")
    assert problems == []
    await context.close()

    context, page, _ = await login(browser, site, site.people.viivi, java_script_enabled=False)
    await page.goto(f"{site.url}/julkaisu/ohje/deski")
    editor = page.get_by_label("Ohjeen teksti (markdown ja alussa YAML-etutiedot)")
    text = await editor.input_value()
    await editor.fill(text + "\n\n## Ilman JavaScriptiä\n")
    await page.get_by_role("button", name="Esikatsele").click()
    await page.locator("#esikatselu-sisalto h2", has_text="Ilman JavaScriptiä").wait_for(timeout=5000)
    await page.screenshot(path=str(artifacts_dir / "publishing-preview-no-js.png"), full_page=True)
    await context.close()


async def test_follow_up_chart_and_a_refused_page(site: Site, browser, artifacts_dir: Path) -> None:
    add_documents(site)
    context, page, problems = await login(browser, site, site.people.yrjo)
    await page.goto(f"{site.url}/seuranta")
    chart = page.get_by_role("img", name="Asiakirjat viikoittain, Lastensuojelu, testiyksikkö")
    await chart.wait_for()
    assert await page.get_by_role("table").count() == 2
    await page.screenshot(path=str(artifacts_dir / "follow-up.png"), full_page=True)
    response = await page.goto(f"{site.url}/deski")
    assert response is not None and response.status == 403
    assert await page.get_by_role("heading", name="Ei käyttöoikeutta").count() == 1
    await page.screenshot(path=str(artifacts_dir / "forbidden-for-contact-person.png"))
    assert all("403" in p for p in problems)  # only the refused page itself
    await context.close()
