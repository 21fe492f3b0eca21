"""The people and places of the synthetic demo district: units, workers, clients, relationships, cases.

Bulk inserts with RETURNING (one statement per table) keep seeding fast on
SQLite and PostgreSQL alike. Every henkilötunnus is synthetic, from the test
range 900–999, with a valid check character.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy import insert
from sqlmodel import Session

from archiving import hetu
from archiving.demo.names import CASE_TITLES, ORGANISATION, SERVICE_UNITS, email_for, person_name
from archiving.enums import RelationshipLevel, Role
from archiving.models import Case, Client, ClientRelationship, Organisation, ServiceUnit, Worker, WorkerRole

# Workers whose chat identity is fixed, so that demos and manual tests know whom to be.
FIXED_WORKERS = (
    ("Demo Työntekijä", "demo", (Role.WORKER,)),
    ("Demo Yhteyshenkilö", "demo-yhteyshenkilo", (Role.WORKER, Role.CONTACT_PERSON)),
    ("Demo Deski", "demo-deski", (Role.WORKER, Role.DESK)),
    ("Demo Viestintä", "demo-viestinta", (Role.COMMUNICATIONS,)),
    ("Demo Arkistonhoitaja", "demo-arkistonhoitaja", (Role.ARCHIVIST,)),
    ("Demo Ylläpitäjä", "demo-admin", (Role.ADMIN,)),
)
TASK_SHARE = (("10", 0.4), ("20", 0.4), ("15", 0.2))
BIRTH_YEARS = {"10": (2008, 2024), "20": (1950, 2005), "15": (1960, 2004)}


@dataclass
class DemoClient:
    id: int
    task: str
    unit_oid: str
    cases: list[int] = field(default_factory=list)  # case ids
    relationships: list[tuple[int, str]] = field(default_factory=list)  # (relationship id, level)
    new: bool = False  # relationship data not yet sent to the archive


@dataclass
class District:
    organisation_id: int
    units: dict[str, int]  # OID → id
    unit_tasks: dict[str, str]  # OID → service task
    workers_by_unit: dict[str, list[int]]
    demo_worker: int
    clients: list[DemoClient]
    worker_count: int = 0


def insert_returning_ids(session: Session, model: type, rows: list[dict[str, object]]) -> list[int]:
    """Insert ``rows`` in one statement; their ids in the same order."""
    if not rows:
        return []
    result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)  # type: ignore[attr-defined]
    return [row[0] for row in result]


def _units(session: Session) -> tuple[int, dict[str, int], dict[str, str]]:
    org_id = insert_returning_ids(session, Organisation, [{"oid": ORGANISATION[0], "name": ORGANISATION[1]}])[0]
    rows = [{"oid": oid, "name": name, "organisation_id": org_id, "active": active} for oid, name, _, active, _ in SERVICE_UNITS]
    ids = insert_returning_ids(session, ServiceUnit, rows)
    return org_id, {u[0]: i for u, i in zip(SERVICE_UNITS, ids, strict=True)}, {u[0]: u[2] for u in SERVICE_UNITS}


def _workers(session: Session, rng: random.Random, units: dict[str, int], count: int) -> tuple[dict[str, list[int]], int]:
    active_units = [u[0] for u in SERVICE_UNITS if u[3]]
    home = SERVICE_UNITS[0][0]
    people: list[tuple[str, str, tuple[Role, ...], str]] = [(n, c, r, home) for n, c, r in FIXED_WORKERS]
    for oid in active_units[1:]:
        people.append((person_name(rng), "", (Role.WORKER, Role.CONTACT_PERSON), oid))
    extra_roles = [(Role.WORKER, Role.DESK)] * 3 + [(Role.COMMUNICATIONS,)]
    while len(people) < count:
        roles = extra_roles.pop() if extra_roles else (Role.WORKER,)
        people.append((person_name(rng), "", roles, active_units[len(people) % len(active_units)]))
    rows = [
        {
            "name": name,
            "email": email_for(name, n),
            "channel_user_id": channel or f"demo-worker-{n:02d}",
            "service_unit_id": units[oid],
            "active": True,
        }
        for n, (name, channel, _, oid) in enumerate(people, start=1)
    ]
    ids = insert_returning_ids(session, Worker, rows)
    session.execute(insert(WorkerRole), [{"worker_id": i, "role": r} for i, (_, _, roles, _) in zip(ids, people) for r in roles])
    by_unit: dict[str, list[int]] = {}
    for worker_id, (_, _, roles, oid) in zip(ids, people, strict=True):
        if Role.WORKER in roles:
            by_unit.setdefault(oid, []).append(worker_id)
    return by_unit, ids[0]


def _pick_task(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for task, share in TASK_SHARE:
        total += share
        if roll < total:
            return task
    return TASK_SHARE[-1][0]


def _clients(session: Session, rng: random.Random, count: int, today: dt.date) -> list[DemoClient]:
    units_for = {t: [u[0] for u in SERVICE_UNITS if u[2] == t and u[3] and u[4]] for t, _ in TASK_SHARE}
    seen: set[str] = set()
    rows, profiles = [], []
    for _ in range(count):
        task = _pick_task(rng)
        low, high = BIRTH_YEARS[task]
        while True:
            born = dt.date(rng.randint(low, high), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            code = hetu.synthetic(rng, born)
            if code not in seen:
                seen.add(code)
                break
        rows.append({"hetu": code, "name": person_name(rng)})
        profiles.append((task, rng.choice(units_for[task])))
    ids = insert_returning_ids(session, Client, rows)
    clients = [DemoClient(i, task, oid) for i, (task, oid) in zip(ids, profiles, strict=True)]
    for client in clients[-max(count // 33, 1) :]:
        client.new = True
    return clients


def _relationships_and_cases(session: Session, rng: random.Random, clients: list[DemoClient], units: dict[str, int], today: dt.date) -> None:
    rel_rows, rel_keys = [], []
    case_rows, case_owners = [], []
    for client in clients:
        started = today - dt.timedelta(days=rng.randint(30, 3000))
        for level in RelationshipLevel:
            rel_rows.append({
                "client_id": client.id, "level": str(level),
                "service_task_code": None if level == RelationshipLevel.SOCIAL_WELFARE else client.task,
                "service_unit_id": units[client.unit_oid], "started_on": started, "ended_on": None,
            })  # fmt: skip
            rel_keys.append((client, str(level)))
        for _ in range(rng.choice((1, 1, 2))):
            case_rows.append({
                "client_id": client.id, "service_task_code": client.task, "title": rng.choice(CASE_TITLES[client.task]),
                "opened_on": started + dt.timedelta(days=rng.randint(0, 20)), "closed_on": None,
            })  # fmt: skip
            case_owners.append(client)
    for rel_id, (client, level) in zip(insert_returning_ids(session, ClientRelationship, rel_rows), rel_keys, strict=True):
        client.relationships.append((rel_id, level))
    for case_id, client in zip(insert_returning_ids(session, Case, case_rows), case_owners, strict=True):
        client.cases.append(case_id)


def build_district(session: Session, rng: random.Random, *, workers: int, clients: int, today: dt.date) -> District:
    """Create the organisation, units, workers (with roles), clients, relationships and cases."""
    org_id, units, unit_tasks = _units(session)
    by_unit, demo_worker = _workers(session, rng, units, workers)
    people = _clients(session, rng, clients, today)
    _relationships_and_cases(session, rng, people, units, today)
    return District(org_id, units, unit_tasks, by_unit, demo_worker, people, worker_count=workers)
