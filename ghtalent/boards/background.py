"""One piece of the boards step in a second process, while the first goes on with the rest.

The machine has two cores and the boards step is pure computation on frames already in memory,
so a forked child (which shares that memory, nothing is pickled on the way in) computes one
independent part, e.g. the top terms or the workbook, and sends back its result. The standard
library's process pools pickle every argument; a fork does not, which is why this is not
`concurrent.futures`. Where fork is not available the part simply runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """A part that ran in the second process failed; the message holds its traceback."""


class Background(Generic[T]):
    """`fn(*args)` started now in a forked child; `result()` waits for it and answers it (or
    raises what it raised). Without fork, `fn` runs at once in this process."""

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self._name = getattr(fn, "__qualname__", repr(fn))
        self._process = None
        if not _can_fork():
            self._inline = (True, fn(*args))
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(send, fn, args), daemon=True)
        # The child's garbage collector never walks the parent's objects (nor copies their
        # pages by touching them); in this process they are collected as before.
        with frozen_heap():
            self._process.start()
        send.close()  # the child holds the only writing end: EOF if it dies

    def stop(self) -> None:
        """End the child without waiting for its result (this process failed meanwhile)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()  # SIGKILL: it holds nothing that needs cleaning up
        if self._process is not None:
            self._process.join()
            self._receive.close()
            self._process = None
            self._inline = (False, f"{self._name} was stopped")

    def result(self) -> T:
        """The part's result, once the child has sent it (a failure is raised here)."""
        if self._process is None:
            outcome = self._inline
        else:
            try:
                outcome = self._receive.recv()
            except EOFError:
                outcome = (False, f"the process computing {self._name} ended without a result")
            finally:
                self._receive.close()
                self._process.join()
                self._process = None
            self._inline = outcome
        ok, value = outcome
        if ok:
            return value
        raise BackgroundError(f"{self._name} failed in the second process:\n{value}")


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects that exist now are left out of every garbage collection until the end
    (CPython's `gc.freeze`): a step that holds large frames does not walk them again and
    again. Nested uses leave the unfreezing to the outermost."""
    outer = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def _call(fn: Callable[..., Any], args: tuple) -> tuple[bool, Any]:
    try:
        return True, fn(*args)
    except Exception:  # noqa: BLE001  # sent to the parent, which raises it
        return False, traceback.format_exc()


def _child(send, fn: Callable[..., Any], args: tuple) -> None:
    # A handler the parent installed (Dagster's, a test runner's) is not the child's: SIGTERM
    # ends it, as it ends any process.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    outcome = _call(fn, args)
    try:
        send.send(outcome)
    except Exception:  # noqa: BLE001  # e.g. a result that does not pickle
        send.send((False, traceback.format_exc()))
    finally:
        send.close()
