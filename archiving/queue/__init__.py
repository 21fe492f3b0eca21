"""The archive queue: jobs and leases (``jobs``), the worker that sends them (``worker``),
what a batch's answers do to documents (``outcomes``, ``settle``) and the values they pass (``items``)."""

from archiving.queue.jobs import (
    ACTIVE,
    JOBS,
    PRIORITY,
    Lease,
    LeasedJob,
    QueuePolicy,
    backoff_delay,
    enqueue,
    idempotency_key,
    lease,
    queue_counts,
    release_waiting,
    workable,
)

__all__ = [
    "ACTIVE",
    "JOBS",
    "PRIORITY",
    "Lease",
    "LeasedJob",
    "QueuePolicy",
    "backoff_delay",
    "enqueue",
    "idempotency_key",
    "lease",
    "queue_counts",
    "release_waiting",
    "workable",
]
