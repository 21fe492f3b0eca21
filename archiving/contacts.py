"""Who the archive contact persons (arkistointiyhteyshenkilöt) of a worker's own service unit are.

A worker asks the bot "kuka on meidän arkistointiyhteyshenkilö?"; the answer is
the active workers of the asker's own service unit who hold the contact-person
role. It names colleagues only (no client data), so it needs no audit row; a
worker without a unit, or a unit without a contact person, gets an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from archiving.actors import Actor
from archiving.enums import Role
from archiving.models import ServiceUnit, Worker, WorkerRole
from archiving.session_scope import Db, unit_of_work


@dataclass(frozen=True)
class ContactPerson:
    name: str
    email: str | None


@dataclass(frozen=True)
class UnitContacts:
    """The asker's service unit (None when they have none) and its contact persons, by name."""

    unit_name: str | None
    people: tuple[ContactPerson, ...]


def unit_contact_persons(db: Db, actor: Actor) -> UnitContacts:
    """The archive contact persons of ``actor``'s own service unit."""
    if actor.service_unit_id is None:
        return UnitContacts(None, ())
    with unit_of_work(db) as session:
        unit = session.get(ServiceUnit, actor.service_unit_id)
        rows = session.exec(
            select(Worker.name, Worker.email)
            .join(WorkerRole, col(WorkerRole.worker_id) == col(Worker.id))
            .where(
                col(Worker.service_unit_id) == actor.service_unit_id,
                col(Worker.active).is_(True),
                col(WorkerRole.role) == Role.CONTACT_PERSON.value,
            )
            .order_by(col(Worker.name))
        ).all()
        return UnitContacts(unit.name if unit is not None else None, tuple(ContactPerson(n, e) for n, e in rows))
