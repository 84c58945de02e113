"""The second process of the boards step: results come back, failures are raised, and without
fork the part runs in this process."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from ghtalent.boards import background
from ghtalent.boards.background import Background, BackgroundError


def _where_and_sum(frame: pd.DataFrame) -> tuple[int, int]:
    return os.getpid(), int(frame["n"].sum())


def _fails(text: str) -> None:
    raise ValueError(f"no such board: {text}")


def test_a_part_runs_in_another_process_on_the_frames_it_was_given():
    frame = pd.DataFrame({"n": range(1_000)})
    pid, total = Background(_where_and_sum, frame).result()
    assert total == 499_500
    assert pid != os.getpid()


def test_a_failure_in_the_second_process_is_raised_with_its_traceback():
    with pytest.raises(BackgroundError, match="no such board: gtp") as caught:
        Background(_fails, "gtp").result()
    assert "ValueError" in str(caught.value)
    assert "_fails" in str(caught.value)


def test_without_fork_the_part_runs_here(monkeypatch):
    monkeypatch.setattr(background, "_can_fork", lambda: False)
    pid, total = Background(_where_and_sum, pd.DataFrame({"n": [1, 2]})).result()
    assert (pid, total) == (os.getpid(), 3)
    with pytest.raises(ValueError, match="no such board"):
        Background(_fails, "gtp")


def _sleeps(seconds: float) -> str:
    time.sleep(seconds)
    return "late"


def test_stop_ends_a_part_still_running_and_its_result_says_so():
    started = time.monotonic()
    part = Background(_sleeps, 30.0)
    part.stop()
    assert time.monotonic() - started < 10
    with pytest.raises(BackgroundError, match="was stopped"):
        part.result()
