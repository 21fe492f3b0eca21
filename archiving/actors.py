"""Who is acting: a worker through a channel, or the system itself (queue, seeding).

Every service function of the core takes an :class:`Actor`, so access checks and
the audit log always know the person and the door (chat, CLI, web, queue).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from archiving.enums import Channel, Role
from archiving.errors import WorkerNotFound
from archiving.ids import parse_id
from archiving.models import Worker, WorkerRole


@dataclass(frozen=True)
class Actor:
    """A person (``worker_id``) or the system (``worker_id is None``) acting through ``channel``."""

    worker_id: int | None
    label: str
    roles: frozenset[Role]
    service_unit_id: int | None
    channel: Channel

    @classmethod
    def system(cls, name: str, channel: Channel | None = None) -> Actor:
        """The core acting on its own behalf, e.g. ``Actor.system("queue")``; sees everything."""
        if channel is None:
            channel = Channel(name) if name in Channel._value2member_map_ else Channel.API
        return cls(worker_id=None, label=f"system:{name}", roles=frozenset(), service_unit_id=None, channel=channel)

    @property
    def is_system(self) -> bool:
        return self.worker_id is None

    def has(self, *roles: Role) -> bool:
        """Whether the actor holds any of ``roles``."""
        return any(role in self.roles for role in roles)

    def via(self, channel: Channel) -> Actor:
        """The same person acting through another channel."""
        return Actor(self.worker_id, self.label, self.roles, self.service_unit_id, channel)


def actor_from_worker(worker: Worker, roles: set[str] | frozenset[str], channel: Channel) -> Actor:
    """Build an actor from a loaded worker row and its role names."""
    assert worker.id is not None
    return Actor(
        worker_id=worker.id,
        label=f"{worker.name} (#{worker.id})",
        roles=frozenset(Role(r) for r in roles if r in Role._value2member_map_),
        service_unit_id=worker.service_unit_id,
        channel=channel,
    )


def _roles(session: Session, worker_id: int) -> set[str]:
    return set(session.exec(select(WorkerRole.role).where(WorkerRole.worker_id == worker_id)).all())


def load_actor(session: Session, worker_id: int, channel: Channel) -> Actor:
    """The actor for an active worker id; raises :class:`WorkerNotFound` otherwise."""
    worker = session.get(Worker, worker_id)
    if worker is None or not worker.active:
        raise WorkerNotFound(worker_id)
    return actor_from_worker(worker, _roles(session, worker_id), channel)


def actor_for_channel_user(session: Session, channel_user_id: str, channel: Channel) -> Actor | None:
    """The actor behind a chat identity, or None for someone the bot does not know."""
    worker = session.exec(
        select(Worker).where(Worker.channel_user_id == channel_user_id, Worker.active == True)  # noqa: E712
    ).first()
    if worker is None or worker.id is None:
        return None
    return actor_from_worker(worker, _roles(session, worker.id), channel)


def resolve_actor(session: Session, reference: str, channel: Channel) -> Actor:
    """A worker named by numeric id or by channel user id (the CLI's ``--worker``)."""
    reference = reference.strip()
    actor = actor_for_channel_user(session, reference, channel)
    if actor is not None:
        return actor
    worker_id = parse_id(reference)
    if worker_id is not None:
        return load_actor(session, worker_id, channel)
    raise WorkerNotFound(reference)  # also a number no id column can hold: it never reaches the database
