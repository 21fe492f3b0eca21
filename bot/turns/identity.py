"""Who is talking: the channel user id (Teams: the AAD object id) mapped to a worker.

An unknown id gets no identity, and the router answers politely without data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from archiving.actors import Actor, actor_for_channel_user
from archiving.db import read_only
from archiving.enums import Channel, Role


@dataclass(frozen=True)
class Identity:
    """A known worker acting through chat; ``actor`` is what the archiving core expects."""

    actor: Actor
    channel_user_id: str

    @property
    def worker_id(self) -> int:
        assert self.actor.worker_id is not None
        return self.actor.worker_id

    @property
    def name(self) -> str:
        return self.actor.label

    def has(self, *roles: Role) -> bool:
        return self.actor.has(*roles)


def display_name(label: str) -> str:
    """``"Aino Virtanen (#12)"`` → ``"Aino Virtanen"``: an actor label without its id."""
    return label.split(" (#")[0].strip()


def identify(engine: Engine, channel_user_id: str, channel: Channel = Channel.CHAT) -> Identity | None:
    """The active worker behind ``channel_user_id``, or None."""
    if not channel_user_id:
        return None
    with read_only(engine) as session:
        actor = actor_for_channel_user(session, channel_user_id, channel)
    return Identity(actor, channel_user_id) if actor is not None else None
