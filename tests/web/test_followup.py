"""Follow-up over HTTP: weekly counts per unit, the chart and table, and who may see which unit."""

from __future__ import annotations

import datetime as dt
import random
import re

from archiving import hetu
from archiving.db import transaction
from archiving.enums import DocumentKind, DocumentStatus
from archiving.models import Client, Document, WorkerRole

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

        def doc(unit: int, status: DocumentStatus, completed: dt.datetime, locked=None, archived=None, updated=None) -> None:
            session.add(Document(
                kind=DocumentKind.CLIENT, document_type_system="1.2.246.537.6.1506", document_type_code="11053",
                title="Päätös", author_id=site.people.kalle, client_id=client.id, service_unit_id=unit, status=status,
                content_hash="0" * 64, created_at=completed, updated_at=updated or archived or locked or completed,
                completed_at=completed, locked_at=locked, archived_at=archived,
            ))  # fmt: skip

        unit = site.people.unit_id
        this_week = now - dt.timedelta(hours=1)  # Monday morning, this week
        doc(unit, DocumentStatus.ARCHIVED, this_week - 2 * week, this_week - 2 * week, this_week - week)
        doc(unit, DocumentStatus.ARCHIVED, this_week - week, this_week - week, this_week - week)
        doc(unit, DocumentStatus.LOCKED, this_week, this_week)
        doc(unit, DocumentStatus.FAILED, this_week - week, this_week - week, updated=this_week)
        doc(unit, DocumentStatus.COMPLETED, this_week - 20 * week)  # before the period: not counted
        doc(site.people.other_unit_id, DocumentStatus.COMPLETED, this_week)


def row(page: str, label_start: str) -> list[int]:
    match = re.search(rf"<tr><td>{label_start}[^<]*</td>((?:<td class=\"num\">\d+</td>)+)</tr>", page)
    assert match, f"no row {label_start!r}"
    return [int(n) for n in re.findall(r">(\d+)<", match.group(1))]


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
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)  # type: ignore[union-attr]
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


async def test_period_from_a_joining_date(site: Site) -> None:
    async with await site.client(site.people.yrjo) as client:
        page = await (await client.get(f"{site.url}/seuranta?alkaen=2026-01-07&viikot=10")).text()
    assert ": 5.1.2026–15.3.2026 (10 viikkoa)" in page
