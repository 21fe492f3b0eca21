"""Time is passed in: the core asks a ``Clock`` instead of reading the system time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    """The real time, aware and in UTC; the default clock at the edges."""
    return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that stands still until moved; for tests, demos and benchmarks."""

    def __init__(self, now: dt.datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now = self.now + dt.timedelta(**delta)
        return self.now
