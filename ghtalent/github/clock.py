"""Time as a dependency, so waits for rate limits can be tested without sleeping."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime


class SystemClock:
    """The real clock."""

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def today(self) -> date:
        return datetime.now(UTC).date()


class FakeClock(SystemClock):
    """A clock whose sleeps advance time instantly; it records every wait."""

    def __init__(self, start: float | None = None, day: date | None = None):
        self.now = time.time() if start is None else start
        self.sleeps: list[float] = []
        self._day = day

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)

    def today(self) -> date:
        return self._day or datetime.fromtimestamp(self.now, UTC).date()


class Pacer:
    """At most one start per `interval` seconds, across every thread that shares it: each
    caller takes the next free slot under a lock and sleeps until it outside the lock."""

    def __init__(self, interval: float, clock: SystemClock):
        self.interval = interval
        self.clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if self.interval <= 0:
            return
        with self._lock:
            now = self.clock.time()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self.clock.sleep(slot - now)
