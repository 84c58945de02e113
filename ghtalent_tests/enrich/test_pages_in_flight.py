"""Several homepages read at once give the facts of one page after the other, over the demo
world's own web (slow, huge, binary, looping, robots-refused and mis-encoded pages included),
and a slow page no longer holds up the others."""

from __future__ import annotations

import threading
import time
from dataclasses import asdict
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from ghtalent.enrich.scrape import PageStore, scrape_people
from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR
from ghtalent.web.fetch import FetchSettings, PoliteFetcher
from ghtalent_tests.worlds import NO_LIMITS

NOW = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.fixture(scope="module")
def mirror():
    world = load_world(SNAPSHOT_DIR / "world.json.gz")
    faults = world["page_faults"]
    with MirrorServer(world, limits=NO_LIMITS, slow_page_seconds=0.3) as server:
        people = [
            {"login": a["login"], "blog": a["blog"].replace("{mirror}", server.url)}
            for a in world["accounts"]
            if "{mirror}/pages/" in (a.get("blog") or "")
        ]
        # every faulty page, and as many good ones
        bad = [p for p in people if f"/pages/{p['login']}/" in faults]
        good = [p for p in people if p not in bad][: len(bad)]
        yield server, sorted(bad + good, key=lambda p: p["login"])


def scrape(server, people, tmp_path, in_flight: int):
    settings = FetchSettings(
        total_timeout=5.0,
        per_host_interval=0.0,
        allow_hosts=(urlsplit(server.url).netloc,),
        offline=True,
    )
    with PageStore(tmp_path / f"pages-{in_flight}.sqlite") as store, PoliteFetcher(settings) as f:
        started = time.perf_counter()
        facts, scraped = scrape_people(f, people, store, None, 7.0, NOW, max_in_flight=in_flight)
        return facts, scraped, time.perf_counter() - started


def test_facts_are_those_of_one_page_after_the_other(mirror, tmp_path):
    server, people = mirror
    one, n_one, slow_one = scrape(server, people, tmp_path, 1)
    many, n_many, slow_many = scrape(server, people, tmp_path, 6)
    assert n_one == n_many == len({p["login"] for p in people}) > 60
    assert list(one) == list(many)
    assert {k: asdict(v) for k, v in one.items()} == {k: asdict(v) for k, v in many.items()}
    statuses = {f.status for f in one.values()}
    assert "ok" in statuses and "timeout" not in statuses and len(statuses) > 3
    # the world's slow pages (0.3 s each here) waited for side by side, not one after another
    assert slow_many < slow_one


def test_a_paced_host_keeps_its_interval_with_pages_in_flight(mirror, tmp_path):
    server, people = mirror
    settings = FetchSettings(
        per_host_interval=0.05, allow_hosts=(urlsplit(server.url).netloc,), offline=True
    )
    starts: list[float] = []
    with PoliteFetcher(settings) as fetcher:
        original = fetcher.session.get

        def timed_get(*args, **kwargs):
            starts.append(time.monotonic())
            return original(*args, **kwargs)

        fetcher.session.get = timed_get
        with PageStore(tmp_path / "paced.sqlite") as store:
            scrape_people(fetcher, people[:40], store, None, 7.0, NOW, max_in_flight=6)
    # One request per slot of 0.05 s however many pages are in flight (a thread woken late
    # can only start later than its slot, so the whole span is at least the slots it holds).
    starts.sort()
    assert len(starts) > 20 and starts[-1] - starts[0] >= 0.05 * (len(starts) - 1) * 0.98


def test_threads_take_consecutive_slots_of_one_host():
    now = [100.0]
    sleeps: list[float] = []
    fetcher = PoliteFetcher(
        FetchSettings(per_host_interval=2.0), clock=lambda: now[0], sleep=sleeps.append
    )
    threads = [threading.Thread(target=fetcher._pace, args=("a.example",)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fetcher._pace("b.example")  # another host: its own slots
    assert sorted(sleeps) == [2.0, 4.0, 6.0, 8.0, 10.0]
