"""Background work shared by the server and the terminal chat: the in-process archive queue worker,
the knowledge base's watch for new publications, and who this instance is to shared jobs."""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import threading

from bot.services import Services
from bot.settings import Settings

log = logging.getLogger(__name__)

QUEUE_WAKE = "queue_wake"  # Services.extras: a threading.Event that wakes the in-process queue worker


def queue_in_process(settings: Settings) -> bool:
    """Run the queue inside the bot? By default only with the embedded archive (no ``kanta_url``)."""
    return settings.queue_in_process if settings.queue_in_process is not None else settings.kanta_url is None


def work_queue(services: Services, stop: threading.Event) -> None:
    """The archive queue worker, in its own thread until ``stop`` is set; a chat submit wakes it."""
    from archiving.queue import QueuePolicy
    from archiving.queue.worker import drain

    wake: threading.Event = services.extras.setdefault(QUEUE_WAKE, threading.Event())

    def sleep(seconds: float) -> None:
        wake.wait(seconds)
        wake.clear()

    while not stop.is_set():
        try:
            drain(
                services.engine,
                services.gateway,
                services.clock,
                random.Random(services.rng.getrandbits(64)),
                policy=QueuePolicy.from_settings(services.settings),
                until_empty=False,
                sleep=sleep,
                should_stop=stop.is_set,
                max_sleep_s=max(services.settings.outbox_poll_s, 0.05),
            )
        except Exception:
            log.exception("in-process queue worker failed; restarting it")
            stop.wait(1.0)


async def refresh_knowledge(services: Services) -> None:
    """Notice a publication (``kb publish`` in another process, the web publishing page, another instance)
    within ``knowledge_refresh_s``: a version-stamp query each time, a reload only when it changed.

    The reload runs in a worker thread, so no request waits for it.
    """
    while True:
        await asyncio.sleep(services.settings.knowledge_refresh_s)
        kb = services.knowledge
        if kb is None or getattr(kb, "engine", None) is None:
            continue
        try:
            if await services.run_sync(kb.refresh, services.clock(), force=True):
                log.info("knowledge base reloaded: %d published instructions", len(kb.articles))
        except Exception:
            log.exception("knowledge base refresh failed; keeping the loaded instructions")


def instance_name(services: Services) -> str:
    """Who holds a shared job's lease: host, process and a random part (two apps in one process differ)."""
    return f"{socket.gethostname()[:120]}:{os.getpid()}:{services.rng.getrandbits(32):08x}"
