"""Requests in flight at once (`max_in_flight`, config/github.toml): the same rows, in the
same order, as one request after the other; errors surface where they belong; the pace holds
across threads."""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

from ghtalent.github import GitHubClient
from ghtalent.github.clock import FakeClock, Pacer
from ghtalent.github.collect import (
    collect_contributors,
    collect_profiles,
    collect_repos,
    collect_star_history,
)
from ghtalent.github.userstore import UserStore


def fetch_everything(url: str, tmp_path, in_flight: int) -> dict[str, pd.DataFrame]:
    folder = tmp_path / f"in-flight-{in_flight}"
    folder.mkdir()
    with (
        GitHubClient(url, cache_path=folder / "http.sqlite", max_in_flight=in_flight) as client,
        UserStore(folder / "profiles.sqlite") as store,
    ):
        repos = collect_repos(client, "LLM", 300).repos
        batch = collect_contributors(client, repos["full_name"])
        history, failures = collect_star_history(client, repos, 26, 150_000)
        users = batch.contributors.loc[batch.contributors["kind"] == "User", "login"].tolist()
        orgs = repos.loc[repos["owner_type"] == "Organization", "owner_login"].tolist()
        profiles = collect_profiles(client, users, orgs, store).profiles
        counts = client.counter.as_dict()
    return {
        "contributors": batch.contributors,
        "statuses": pd.DataFrame(batch.statuses),
        "history": history,
        "failures": pd.DataFrame(failures),
        "profiles": profiles,
        "counts": pd.DataFrame([counts]),
    }


def test_rows_and_requests_are_those_of_one_request_at_a_time(mirror, tmp_path):
    one = fetch_everything(mirror.url, tmp_path, 1)
    many = fetch_everything(mirror.url, tmp_path, 6)
    for name, frame in one.items():
        pd.testing.assert_frame_equal(frame, many[name], obj=name)
    assert len(one["history"]) and len(one["profiles"]) and len(one["failures"])


def test_map_keeps_order_and_raises_at_the_failed_item():
    client = GitHubClient("http://127.0.0.1:9", max_in_flight=4)
    started: list[int] = []

    def call(n: int) -> int:
        started.append(n)
        time.sleep(0.002 * (n % 3) if n <= 30 else 0.02)  # out of order; later ones slower
        if n == 30:
            raise ValueError(n)
        return n * n

    got = []
    with pytest.raises(ValueError, match="30"):
        for value in client.map(call, range(100)):
            got.append(value)
    assert got == [n * n for n in range(30)]
    assert len(started) < 60  # the calls not started when 30 failed never ran


def test_map_runs_calls_at_once_up_to_the_limit():
    client = GitHubClient("http://127.0.0.1:9", max_in_flight=3)
    lock, running, peak = threading.Lock(), [0], [0]

    def call(n: int) -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return n

    assert list(client.map(call, range(12))) == list(range(12))
    assert peak[0] == 3


class StoppedClock(FakeClock):
    """Time stands still while callers wait: each wait says how far its slot lies ahead."""

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def test_the_pace_holds_across_threads():
    clock = StoppedClock(start=1000.0)
    pacer = Pacer(0.5, clock)
    threads = [threading.Thread(target=pacer.wait) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # each start took the next free slot: 0, 0.5, ..., 3.5 seconds after the first
    assert sorted(clock.sleeps) == pytest.approx([0.5 * i for i in range(1, 8)], abs=1e-9)
