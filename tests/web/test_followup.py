"""Follow-up over HTTP: weekly counts per unit, the chart and table, and who may see which unit."""

from __future__ import annotations

import datetime as dt
import html
import random
import re

from sqlmodel import select

from archiving import hetu
from archiving.db import read_only, transaction
from archiving.enums import DocumentKind, DocumentStatus
from archiving.models import AuditEvent, Client, Document, WorkerRole

from .conftest import Site

UTC = dt.UTC


def add_documents(site: Site) -> None:
    """Synthetic documents of the contact person's unit spread over the last weeks (and one of the other unit)."""
    now = site.clock()
    rng = random.Random(3)
    week = dt.timedelta(weeks=1)
    with transaction(site.engine) as session:
        client = Client(hetu=hetu.synthetic(rng, dt.date(1980, 1, 2)), name="Testi Asiakas")
        session.add(client)
        session.flush()

        def doc(unit: int, status: DocumentStatus, completed: dt.datetime, locked=None, archived=None, updated=None, **extra) -> None:
            session.add(Document(
                kind=DocumentKind.CLIENT, document_type_system="1.2.246.537.6.1506", document_type_code="11053",
                title="Päätös", author_id=site.people.kalle, client_id=client.id, service_unit_id=unit, status=status,
                content_hash="0" * 64, created_at=completed, updated_at=updated or archived or locked or completed,
                completed_at=completed, locked_at=locked, archived_at=archived, **extra,
            ))  # fmt: skip

        unit = site.people.unit_id
        this_week = now - dt.timedelta(hours=1)  # Monday morning, this week
        doc(unit, DocumentStatus.ARCHIVED, this_week - 2 * week, this_week - 2 * week, this_week - week)
        doc(unit, DocumentStatus.ARCHIVED, this_week - week, this_week - week, this_week - week)
        doc(unit, DocumentStatus.LOCKED, this_week, this_week)
        doc(unit, DocumentStatus.FAILED, this_week - week, this_week - week, updated=this_week,
            last_error="Palveluyksikkö ei ole arkiston rekisterissä.", last_error_code="UNKNOWN_SERVICE_UNIT", error_retryable=False)
        doc(unit, DocumentStatus.COMPLETED, this_week - 20 * week)  # before the period: not counted
        doc(site.people.other_unit_id, DocumentStatus.COMPLETED, this_week)


def cells(page: str, label_start: str) -> list[str]:
    """The text of a table row's cells after its label cell (links and markup removed)."""
    match = re.search(rf"<tr><td>{label_start}.*?</tr>", page)
    assert match, f"no row {label_start!r}"
    return [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(0))[1:]]


def row(page: str, label_start: str) -> list[int]:
    """The four weekly counts of a row: completed, locked, archived, failed."""
    return [int(n) for n in cells(page, label_start)[:4]]


async def test_contact_person_sees_own_unit_by_week(site: Site) -> None:
    add_documents(site)
    async with await site.client(site.people.yrjo) as client:
        page = await (await client.get(f"{site.url}/seuranta")).text()
    assert "Lastensuojelu, testiyksikkö" in page and "Vammaispalvelut" not in page
    assert "(12 viikkoa)" in page
    weeks = [int(w) for w in re.findall(r"<tr><td>vk (\d+) \(", page)]
    assert len(weeks) == 12 and weeks[-1] == 12  # ISO week 12 of 2026 is 16–22 March
    assert row(page, "vk 12 ") == [1, 1, 0, 1]  # completed, locked, archived, failed this week
    assert row(page, "vk 11 ") == [2, 2, 2, 0]
    assert row(page, "vk 10 ") == [1, 1, 0, 0]
    totals = re.search(r"<strong>Yhteensä</strong>.*?</tr>", page).group(0)  # type: ignore[union-attr]
    assert [int(n) for n in re.findall(r"<strong>(\d+)</strong>", totals)] == [4, 4, 2, 1]
    svg = re.search(r'<svg[^>]*id="seurantakaavio".*?</svg>', page, re.S).group(0)  # type: ignore[union-attr]
    assert 'role="img"' in svg and 'aria-labelledby="seurantakaavio-title seurantakaavio-desc"' in svg
    assert "valmistuneita 4, lukittuja 4, arkistoituja 2, epäonnistuneita 1" in svg
    assert svg.count("<rect") == 12 * 4


async def test_other_units_are_hidden_from_a_contact_person_but_open_to_an_archivist(site: Site) -> None:
    add_documents(site)
    other = site.people.other_unit_id
    async with await site.client(site.people.yrjo) as client:
        async with client.get(f"{site.url}/seuranta?yksikko={other}") as response:
            assert response.status == 404
    with transaction(site.engine) as session:
        session.add(WorkerRole(worker_id=site.people.eero, role="archivist"))
    async with await site.client(site.people.eero) as client:
        page = await (await client.get(f"{site.url}/seuranta?yksikko={other}&viikot=8")).text()
    assert "Vammaispalvelut, testiyksikkö: " in page and "(8 viikkoa)" in page
    assert '<select name="yksikko" id="yksikko">' in page  # an archivist can choose the unit
    assert row(page, "vk 12 ") == [1, 0, 0, 0]


async def test_period_from_a_joining_date_written_the_finnish_way(site: Site) -> None:
    async with await site.client(site.people.yrjo) as client:
        page = await (await client.get(f"{site.url}/seuranta?alkaen=7.1.2026&viikot=10")).text()
        assert ": 5.1.2026–15.3.2026 (10 viikkoa)" in page
        assert re.search(r'<input type="text" name="alkaen" id="alkaen"[^>]* value="7.1.2026"', page)  # not the browser's locale
        assert 'type="date"' not in page
        async with client.get(f"{site.url}/seuranta?alkaen=31.2.2026") as response:
            bad = await response.text()
            assert response.status == 400
    assert 'role="alert"' in bad and "Päivämäärä 31.2.2026 ei kelpaa" in bad and "(12 viikkoa)" in bad


def add_rollout(site: Site) -> None:
    """130 documents completed each week of the period; 10, 20, ... 120 of each week's archived in the same week."""
    rng = random.Random(5)
    first_monday = dt.datetime(2025, 12, 29, 8, 0, tzinfo=UTC)  # the Monday of ISO week 1, twelve weeks back
    with transaction(site.engine) as session:
        client = Client(hetu=hetu.synthetic(rng, dt.date(1975, 5, 6)), name="Testi Asiakas")
        session.add(client)
        session.flush()
        rows = []
        for i in range(12):
            completed = first_monday + dt.timedelta(weeks=i, days=1)
            for n in range(130):
                archived = completed + dt.timedelta(days=1) if n < 10 * (i + 1) else None
                rows.append(Document(
                    kind=DocumentKind.CLIENT, document_type_system="1.2.246.537.6.1506", document_type_code="11053",
                    title="Päätös", author_id=site.people.kalle, client_id=client.id, service_unit_id=site.people.unit_id,
                    status=DocumentStatus.ARCHIVED if archived else DocumentStatus.COMPLETED, content_hash="0" * 64,
                    created_at=completed, updated_at=archived or completed, completed_at=completed,
                    locked_at=archived, archived_at=archived,
                ))  # fmt: skip
        session.add_all(rows)


async def test_the_chart_scales_to_the_weekly_values_and_draws_the_archived_share(site: Site) -> None:
    add_rollout(site)
    async with await site.client(site.people.yrjo) as client:
        page = await (await client.get(f"{site.url}/seuranta")).text()
    bars = re.search(r'<svg[^>]*id="seurantakaavio".*?</svg>', page, re.S).group(0)  # type: ignore[union-attr]
    axis = [int(n) for n in re.findall(r'<text[^>]*text-anchor="end"[^>]*>(\d+)</text>', bars)]
    assert max(axis) >= 130 and max(axis) <= 150  # weekly values are 130 at most: the axis ends just above
    line = re.search(r'<svg[^>]*id="osuuskaavio".*?</svg>', page, re.S).group(0)  # type: ignore[union-attr]
    assert 'role="img"' in line and "Arkistoitujen osuus" in line
    points = re.search(r'<polyline[^>]*points="([^"]+)"', line).group(1).split()  # type: ignore[union-attr]
    heights = [float(p.split(",")[1]) for p in points]
    assert len(points) == 12 and heights == sorted(heights, reverse=True)  # rising week by week (y grows downwards)
    assert "100 %" in line and "0 %" in line
    assert row_share(page, "vk 1 ") == "8 %" and row_share(page, "vk 12 ") == "50 %"


def row_share(page: str, label_start: str) -> str:
    return cells(page, label_start)[4]


async def test_from_a_figure_to_the_workers_and_documents_behind_it(site: Site) -> None:
    add_documents(site)
    async with await site.client(site.people.yrjo) as client:
        page = await (await client.get(f"{site.url}/seuranta")).text()
        assert "Keskeneräiset asiakirjat työntekijöittäin" in page
        worker_row = re.search(r"<tr><td>Kalle Sosiaalityöntekijä</td>.*?</tr>", page).group(0)  # type: ignore[union-attr]
        failed_link = html.unescape(re.findall(r'href="(/seuranta/asiakirjat\?[^"]+)"', worker_row)[-1])
        async with client.get(f"{site.url}{failed_link}") as response:
            listing = await response.text()
            assert response.status == 200
        assert "Kalle Sosiaalityöntekijä" in listing and "epäonnistunut" in listing
        assert "Arkiston vastaus: Palveluyksikkö ei ole arkiston rekisterissä." in listing  # why it failed, in Finnish
        week_link = html.unescape(re.search(r'<a href="(/seuranta/asiakirjat\?[^"]*sarja=archived[^"]*)"[^>]*>2</a>', page).group(1))  # type: ignore[union-attr]
        async with client.get(f"{site.url}{week_link}") as response:
            archived = await response.text()
        assert archived.count("<tr>") == 3  # the header and the two documents archived in week 11
        other = f"{site.url}/seuranta/asiakirjat?yksikko={site.people.other_unit_id}&tila=completed"
        async with client.get(other) as response:
            assert response.status == 404
    with read_only(site.engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.actor_id == site.people.yrjo)).all()
        codes = session.exec(select(Client.hetu)).all()
    assert len(events) == 3 and {e.action for e in events} == {"document.list"} and {e.channel for e in events} == {"web"}
    for text in (listing, archived):
        assert not any(code in text for code in codes)


async def test_strange_parameters_get_a_clear_answer(site: Site) -> None:
    with transaction(site.engine) as session:
        session.add(WorkerRole(worker_id=site.people.eero, role="archivist"))
    base = f"{site.url}/seuranta/asiakirjat"
    async with await site.client(site.people.eero) as client:
        for query, status in (
            (f"yksikko={10**30}&tila=completed", 404), (f"yksikko={2**31}&tila=completed", 404),
            (f"yksikko={site.people.unit_id}&tila=olematon", 400), (f"yksikko={site.people.unit_id}", 400),
            (f"yksikko={site.people.unit_id}&sarja=archived&viikko=9999-12-31", 400),
            (f"yksikko={site.people.unit_id}&tila=completed&tyontekija={10**30}", 200),
        ):
            async with client.get(f"{base}?{query}") as response:
                assert response.status == status, query
        for start in ("31.12.9999", "1.1.0001", "x" * 2_000, "29.2.2026"):
            async with client.get(f"{site.url}/seuranta", params={"alkaen": start}) as response:
                assert response.status == 400 and "ei kelpaa" in await response.text()
