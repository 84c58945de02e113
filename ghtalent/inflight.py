"""A few calls in flight at once, their results in the order of their inputs.

Used where the work is mostly waiting on a server (GitHub, OpenAlex, homepages): a small pool
of threads keeps up to `max_in_flight` calls under way, and the caller reads the results one
by one in input order, as if the calls had been made one after the other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
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
    with ThreadPoolExecutor(workers, thread_name_prefix=name) as pool:
        # Every call is queued at once: a slow one (a page that takes seconds) holds back
        # only its own result, never the workers, which go on with the calls after it.
        futures = deque(pool.submit(call, item) for item in items)
        try:
            while futures:
                yield futures.popleft().result()
        finally:
            for future in futures:
                future.cancel()
