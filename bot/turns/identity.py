"""Who is talking: the channel user id (Teams: the AAD object id) mapped to a worker.

An unknown id gets no identity, and the router answers politely without data.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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


class Identities:
    """Channel user id → identity, remembered for ``ttl_s`` seconds so a busy chat does not ask the database every turn.

    A deactivated worker or a changed role takes effect within ``ttl_s``; unknown ids are remembered too.
    """

    def __init__(self, engine: Engine, ttl_s: float, *, monotonic: Callable[[], float] = time.monotonic, size: int = 10_000) -> None:
        self._engine = engine
        self._ttl = ttl_s
        self._monotonic = monotonic
        self._size = size
        self._known: dict[tuple[str, Channel], tuple[float, Identity | None]] = {}
        self._lock = threading.Lock()

    def get(self, channel_user_id: str, channel: Channel = Channel.CHAT) -> Identity | None:
        key = (channel_user_id, channel)
        now = self._monotonic()
        with self._lock:
            cached = self._known.get(key)
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        identity = identify(self._engine, channel_user_id, channel)
        if self._ttl > 0:
            with self._lock:
                if len(self._known) >= self._size:
                    self._known.clear()
                self._known[key] = (now, identity)
        return identity
