"""A few calls in flight at once, their results in the order of their inputs.

Used where the work is mostly waiting on a server (GitHub, OpenAlex, homepages): a small pool
of threads keeps up to `max_in_flight` calls under way, and the caller reads the results one
by one in input order, as if the calls had been made one after the other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_in_flight(
    call: Callable[[T], R], items: Iterable[T], max_in_flight: int, name: str = "ghtalent"
) -> Iterator[R]:
    """`call(item)` for each item, up to `max_in_flight` at once, yielded in the order of
    `items` (each as soon as it and those before it are done). An exception is raised where
    its item's result would have been; the calls not yet started are dropped."""
    items = list(items)
    if max_in_flight <= 1 or len(items) <= 1:
        for item in items:
            yield call(item)
        return
    workers = min(max_in_flight, len(items))
    queue = iter(items)
    with ThreadPoolExecutor(workers, thread_name_prefix=name) as pool:
        # A short queue ahead of the workers: never more than 2 x workers submitted, so a
        # failure (or a caller that stops reading) leaves little to cancel.
        pending = deque(pool.submit(call, item) for item in islice(queue, 2 * workers))
        try:
            while pending:
                result = pending.popleft().result()
                for item in queue:
                    pending.append(pool.submit(call, item))
                    break
                yield result
        finally:
            for future in pending:
                future.cancel()
