"""``seed-demo``: a synthetic welfare district with 10,000 client documents in every state.

Deterministic from a seed. States that mean the archive has (or refused) a document
are reached through the real queue worker and the embedded archive stand-in:
archived, corrected, invalidated and failed documents really went there. The worker
``demo`` ("Demo Työntekijä") has documents in every state, some with problems to fix,
and acts through the service API so the audit log shows what happened.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from functools import partial

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from archiving import documents as service
from archiving import messages
from archiving.actors import load_actor
from archiving.clock import Clock, FixedClock
from archiving.codesets.loader import load_packaged
from archiving.db import read_only, transaction
from archiving.demo.archive import correct_and_invalidate, drain_archive, queue_bulk, require_empty_archive
from archiving.demo.district import build_district
from archiving.demo.documents import Plan, Target, create_documents
from archiving.demo.names import SERVICE_UNITS
from archiving.enums import Channel
from archiving.errors import InvalidInput
from archiving.models import Document
from archiving.queue import QueuePolicy

FIRST_SEND = (Target.ARCHIVED, Target.ARCHIVED_V2, Target.CORRECTED, Target.INVALIDATED, Target.FAILED_REJECTED)


def seed_demo(
    engine: Engine,
    *,
    archive_database_url: str,
    clock: Clock,
    seed: int = 2026,
    if_empty: bool = False,
    documents: int = 10_000,
    clients: int = 1_000,
    workers: int = 50,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, object]:
    """Seed the district into an empty database; with ``if_empty`` do nothing when documents exist."""
    with read_only(engine) as session:
        existing = session.exec(select(func.count()).select_from(Document)).one()
    if existing:
        if if_empty:
            progress("the database already has documents: nothing to do")
            return {"skipped": True, "documents": existing}
        raise InvalidInput(messages.DEMO_DATABASE_NOT_EMPTY, "the database already has data: use --if-empty or an empty database")
    started = time.perf_counter()
    rng = random.Random(seed)
    require_empty_archive(archive_database_url, rng)
    progress("code sets, units, workers, clients ...")
    with transaction(engine) as session:
        load_packaged(session)
        district = build_district(session, rng, workers=workers, clients=clients, today=clock().date())
    progress(f"documents ({documents:,} client documents + relationship and case records) ...")
    with transaction(engine) as session:
        plan = create_documents(session, district, rng, clock(), documents)
    with read_only(engine) as session:
        actor = load_actor(session, district.demo_worker, Channel.SEED)
    archive = partial(drain_archive, engine, archive_database_url, rng, clock, progress)

    progress("sending relationship and case records and documents to the archive stand-in, day by day of the rollout ...")
    results = Counter(send_by_week(engine, archive_database_url, plan, rng, clock, progress))
    service.submit(engine, actor, plan.ids(*FIRST_SEND, demo=True), now=clock())
    results.update(archive("the demo worker's first versions"))
    progress("corrections and invalidations ...")
    correct_and_invalidate(engine, plan, actor, clock)
    results.update(archive("corrections and invalidations"))
    progress("documents the archive cannot be reached for ...")
    queue_bulk(engine, plan.ids(Target.FAILED_RETRY), clock)
    service.submit(engine, actor, plan.ids(Target.FAILED_RETRY, demo=True), now=clock())
    results.update(archive("unreachable archive", unreachable=True, policy=QueuePolicy(max_attempts=1, batch_size=500)))
    queue_bulk(engine, plan.ids(Target.QUEUED), clock)  # these stay in the queue for `archive work`
    service.submit(engine, actor, plan.ids(Target.QUEUED, demo=True), now=clock())

    with read_only(engine) as session:
        count = select(Document.status, func.count()).group_by(Document.status)
        statuses = dict(session.exec(count).all())
        demo_statuses = dict(session.exec(count.where(Document.author_id == district.demo_worker)).all())
        kinds = dict(session.exec(select(Document.kind, func.count()).group_by(Document.kind)).all())
    seconds = round(time.perf_counter() - started, 1)
    progress(f"done in {seconds} s")
    return {
        "seed": seed, "workers": workers, "clients": clients, "service_units": len(SERVICE_UNITS),
        "documents": kinds, "statuses": statuses, "demo_worker": {"channel_user_id": "demo", "statuses": demo_statuses},
        "archive_results": dict(results), "seconds": seconds,
    }  # fmt: skip


def send_by_week(engine: Engine, archive_url: str, plan: Plan, rng: random.Random, clock: Clock, progress: Callable[[str], None]) -> Counter[str]:
    """The rollout: week by week, the documents planned for the archive that week, and a client's records before them."""
    results: Counter[str] = Counter()
    waves = plan.waves(*FIRST_SEND)
    for moment, ids in waves:
        week_clock = FixedClock(min(moment, clock()))
        queue_bulk(engine, ids, week_clock)
        results.update(drain_archive(engine, archive_url, rng, week_clock, lambda _: None, "first versions"))
    progress(f"  first versions: {sum(results.values())} sent to the archive over {len(waves)} weeks")
    return results
