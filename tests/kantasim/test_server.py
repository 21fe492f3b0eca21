"""kanta-sim over real HTTP: the gateway client against the aiohttp service, faults included."""

from __future__ import annotations

import asyncio
import datetime as dt
import http.client
import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from aiohttp import web
from sqlmodel import Session, col, select

from archiving.clock import FixedClock
from archiving.db import make_engine
from archiving.kanta.catalog import CachedCatalog, catalog_from_database
from archiving.kanta.gateway import (
    ArchiveConflict,
    ArchiveReceipt,
    ArchiveRejected,
    ArchiveUnavailable,
    OutcomeUnknown,
)
from archiving.kanta.http_client import HttpArchiveGateway
from archiving.kanta.simulator import Fault, FaultPlan
from archiving.kanta.store import ArchiveStore
from archiving.kanta.submission import build_submissions
from archiving.kanta.verify import verify
from archiving.demo.loadgen import create_queued_district
from archiving.actors import load_actor
from archiving.documents import fix_metadata
from archiving.enums import Channel
from archiving.models import Document, DocumentSocialService, DocumentVersion
from archiving.submission import submit
from archiving.queue import QueuePolicy
from archiving.queue.worker import drain
from kantasim import SimConfig, make_app

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


class ForcedFaults(random.Random):
    """Seeded randomness whose fault choice is fixed, to meet one fault on purpose."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(1)
        self.fault = fault

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return self.fault


@dataclass
class Server:
    url: str
    port: int
    config: SimConfig
    sim_url: str

    def gateway(self, timeout_s: float = 5.0) -> HttpArchiveGateway:
        return HttpArchiveGateway(self.url, timeout_s=timeout_s)

    def stored(self) -> int:
        store = ArchiveStore(self.sim_url, rng=random.Random(0))
        try:
            return store.count()
        finally:
            store.close()

    def faults(self, fault: Fault | None) -> None:
        self.config.faults = FaultPlan(1.0 if fault else 0.0)
        self.config.rng = ForcedFaults(fault) if fault else random.Random(1)


@pytest.fixture
def product(sqlite_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(sqlite_url)
    district = create_queued_district(engine, clients=3, documents_per_client=2, rng=random.Random(4), now=NOW)
    yield engine, district
    engine.dispose()


@pytest.fixture
def server(product, tmp_path: Path) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    """kanta-sim on a free port, served by its own event loop in a thread."""
    engine, _ = product
    sim_url = f"sqlite:///{tmp_path / 'kanta.db'}"
    config = SimConfig(
        sim_url,
        CachedCatalog(lambda: catalog_from_database(engine)),
        FaultPlan(),
        random.Random(1),
        FixedClock(NOW),
        stall_s=1.0,
    )
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(make_app(config))
    ready = threading.Event()
    ports: list[int] = []

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        ports.append(runner.addresses[0][1])
        ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield Server(f"http://127.0.0.1:{ports[0]}", ports[0], config, sim_url)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def submissions(product):  # type: ignore[no-untyped-def]
    engine, district = product
    with Session(engine) as session:
        docs = session.exec(
            select(Document).where(col(Document.id).in_(district.document_ids)).order_by(col(Document.id))
        ).all()
        built = build_submissions(session, docs)
    return [built[i] for i in district.relationship_ids + district.case_ids + district.client_document_ids]


def test_health_and_batch_submit_with_duplicates_and_rejections(server: Server, product) -> None:  # type: ignore[no-untyped-def]
    gateway = server.gateway()
    assert gateway.healthy()
    subs = submissions(product)
    first = gateway.submit(subs[:3])
    assert all(isinstance(o, ArchiveReceipt) and not o.duplicate for o in first)
    orphan = replace(subs[-1], case_set_id="2.999.1.11.424242")
    again = gateway.submit(subs[:1] + [orphan])
    assert isinstance(again[0], ArchiveReceipt) and again[0].duplicate and again[0].reference == first[0].reference
    assert isinstance(again[1], ArchiveRejected) and again[1].code == "CASE_MISSING"
    assert again[1].violations[0].message_fi.startswith("Asiakirjaan liittyvä asia-asiakirja puuttuu")
    stored = gateway.lookup(subs[0].idempotency_key)
    assert stored == replace(first[0], duplicate=True) and stored is not None and stored.header == subs[0].header()
    assert gateway.lookup("no-such-key") is None
    [conflict] = gateway.submit([replace(subs[0], title="Toinen otsikko")])  # the same key, another header
    assert isinstance(conflict, ArchiveConflict) and conflict.code == "VERSION_CONFLICT"
    assert conflict.reference == first[0].reference and conflict.reference in conflict.message_fi
    page = gateway.entries(after=0, limit=2)
    assert len(page.entries) == 2 and page.next_after == page.entries[-1].seq
    assert server.stored() == 3
    gateway.close()


def test_bad_requests_get_400_with_an_archive_style_error(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("POST", "/v1/submissions", body=b"{not json", headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    body = json.loads(response.read())
    assert response.status == 400 and body["error"]["code"] == "BAD_REQUEST" and body["error"]["ack"] == "AE"
    conn.request("GET", "/v1/entries?after=x")
    assert conn.getresponse().status == 400
    conn.close()


def test_busy_refuses_before_storing(server: Server, product) -> None:  # type: ignore[no-untyped-def]
    server.faults(Fault.BUSY)
    [outcome] = server.gateway().submit(submissions(product)[:1])
    assert isinstance(outcome, ArchiveUnavailable) and outcome.code == "BUSY" and outcome.retryable
    assert server.stored() == 0


def test_timeout_is_an_unknown_outcome_and_the_resend_finds_the_entry(server: Server, product) -> None:  # type: ignore[no-untyped-def]
    server.faults(Fault.TIMEOUT)
    sub = submissions(product)[:1]
    [outcome] = server.gateway(timeout_s=0.3).submit(sub)
    assert isinstance(outcome, OutcomeUnknown) and outcome.code == "TIMEOUT"
    deadline = time.monotonic() + 5
    while server.stored() == 0 and time.monotonic() < deadline:  # the archive finishes after the client gave up
        time.sleep(0.05)
    server.faults(None)
    [resent] = server.gateway().submit(sub)
    assert isinstance(resent, ArchiveReceipt) and resent.duplicate
    assert server.stored() == 1


def test_lost_answer_after_commit(server: Server, product) -> None:  # type: ignore[no-untyped-def]
    server.faults(Fault.LOST)
    sub = submissions(product)[:1]
    [outcome] = server.gateway().submit(sub)  # a fresh connection: nothing to resend on
    assert isinstance(outcome, OutcomeUnknown) and outcome.code == "RESPONSE_LOST"
    assert server.stored() == 1
    server.faults(None)
    [resent] = server.gateway().submit(sub)
    assert isinstance(resent, ArchiveReceipt) and resent.duplicate and server.stored() == 1


class Scripted(random.Random):
    """Randomness that answers ``random()`` from a script: below the rate means a fault."""

    def __init__(self, draws: list[float], fault: Fault) -> None:
        super().__init__(1)
        self.draws = draws
        self.fault = fault

    def random(self) -> float:
        return self.draws.pop(0)

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return self.fault


def test_a_dropped_reused_connection_is_resent_once_safely(server: Server, product) -> None:  # type: ignore[no-untyped-def]
    gateway = server.gateway()
    assert gateway.healthy()  # the connection is now a reused keep-alive one
    server.config.faults = FaultPlan(0.5)
    server.config.rng = Scripted([0.0, 0.9], Fault.LOST)  # first send: stored, answer lost; the resend: normal
    [outcome] = gateway.submit(submissions(product)[:1])
    assert isinstance(outcome, ArchiveReceipt) and outcome.duplicate
    assert server.stored() == 1


def test_unreachable_archive_is_retryable() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gateway = HttpArchiveGateway(f"http://127.0.0.1:{port}", timeout_s=1)
    with pytest.raises(ArchiveUnavailable) as caught:
        gateway.lookup("x")
    assert caught.value.code == "UNREACHABLE" and caught.value.retryable
    assert not gateway.healthy()


def test_queue_drains_through_http_with_faults_and_verify_agrees(server: Server, product) -> None:  # type: ignore[no-untyped-def]
    engine, district = product
    server.config.faults = FaultPlan(0.3)
    server.config.rng = random.Random(7)
    gateway = server.gateway(timeout_s=0.3)
    clock = FixedClock(NOW)
    policy = QueuePolicy(max_attempts=50, batch_size=4)
    stats = drain(
        engine,
        gateway,
        clock,
        random.Random(2),
        policy=policy,
        sleep=lambda s: clock.advance(seconds=s),
        max_sleep_s=3600,
    )
    assert stats.results.get("archived") == len(district.document_ids) and stats.results.get("retry", 0) > 0
    report = verify(engine, gateway)
    assert report.ok and report.archived == len(district.document_ids)
    assert server.stored() == len(district.document_ids)


class FaultScript(random.Random):
    """One planned fault (or None) per request, in order; ``then`` for every request after the plan."""

    def __init__(self, plan: list[Fault | None], then: Fault | None = None) -> None:
        super().__init__(1)
        self.plan = plan
        self.then = then
        self.next: Fault | None = None

    def random(self) -> float:
        self.next = self.plan.pop(0) if self.plan else self.then
        return 0.0 if self.next else 0.99

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return self.next


def test_a_fix_after_a_lost_answer_goes_as_a_correction_over_http(server: Server, product) -> None:  # type: ignore[no-untyped-def]
    engine, district = product
    # requests: relationship records, case records, client documents (stored, answer lost; the client's
    # one resend on a fresh connection too), then the queue's retries of the client documents (busy)
    server.config.faults = FaultPlan(0.5)
    server.config.rng = FaultScript([None, None, Fault.LOST, Fault.LOST], then=Fault.BUSY)
    gateway = server.gateway()
    clock = FixedClock(NOW)
    policy = QueuePolicy(max_attempts=2, batch_size=50)

    def run():  # type: ignore[no-untyped-def]
        return drain(
            engine, gateway, clock, random.Random(2), policy=policy, sleep=lambda s: clock.advance(seconds=s), max_sleep_s=60
        )

    run()
    clients = district.client_document_ids
    with Session(engine) as session:
        assert {session.get(Document, i).status for i in clients} == {"failed"}  # type: ignore[union-attr]
        author = load_actor(session, district.author_id, Channel.CHAT)
        fixed = clients[0]
        rows = session.exec(select(DocumentSocialService.code).where(DocumentSocialService.document_id == fixed))
        old = sorted(rows)
    assert server.stored() == len(district.document_ids)  # the lost answers' documents are in the archive
    new = [next(c for c in ("37", "85", "51") if c not in old)]
    assert fix_metadata(engine, author, fixed, social_services=new, now=NOW).queued
    submit(engine, author, clients[1:], now=NOW)  # the others go again as they were
    server.faults(None)
    stats = run()
    assert stats.results == {"archived": len(clients), "corrected": 1}
    with Session(engine) as session:
        doc = session.get(Document, fixed)
        assert doc is not None and (doc.status, doc.version) == ("archived", 2)
        rows = session.exec(select(DocumentVersion).where(DocumentVersion.document_id == fixed))
        kept = {v.version: (v.state, json.loads(v.metadata_json)["social_services"]) for v in rows}
    assert kept == {1: ("superseded", old), 2: ("archived", new)}
    report = verify(engine, gateway)
    assert report.ok and report.archived == len(district.document_ids) + 1
    assert server.stored() == len(district.document_ids) + 1
