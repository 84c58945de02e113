"""The X API v2 user lookup client, against the mirror's copy of it and a local server that
rate-limits: batches of 100, cached answers, 429 with x-rate-limit-reset, unknown not zero."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from ghtalent.github.clock import FakeClock
from ghtalent.mirror.server import MirrorServer
from ghtalent.xapi import XClient
from ghtalent_tests.worlds import world_of

NOW = datetime(2026, 11, 25, tzinfo=UTC)


@pytest.fixture
def mirror():
    world = world_of([], [], ["llm"])
    world["social"] = {f"h{i}": 1000 + i for i in range(250)}
    server = MirrorServer(world, port=0).start()
    yield server
    server.stop()


def test_counts_come_in_batches_of_100_and_are_reused(mirror, tmp_path):
    handles = [f"H{i}" for i in range(250)] + ["nobody_here", "not a handle!"]
    with XClient(mirror.url, "t0ken", tmp_path / "x.sqlite") as client:
        first = client.followers(handles, now=NOW)
        again = client.followers(handles, now=NOW)
    assert first.requests["x"] == 3  # 251 valid handles, 100 a call
    assert first.followers["h0"] == 1000 and first.followers["h249"] == 1249
    assert first.followers["nobody_here"] is None  # the API says: no such account
    assert "not a handle!" not in first.followers and not first.unknown
    assert again.requests["x"] == 0 and again.followers == first.followers


def test_the_mirror_wants_a_bearer_token_and_at_most_100_names(mirror):
    import requests

    url = f"{mirror.url}/2/users/by"
    assert requests.get(url, params={"usernames": "h1"}, timeout=5).status_code == 401
    many = ",".join(f"h{i}" for i in range(101))
    auth = {"Authorization": "Bearer x"}
    assert requests.get(url, params={"usernames": many}, headers=auth, timeout=5).status_code == 400
    body = requests.get(
        url, params={"usernames": "h1,ghost", "user.fields": "public_metrics"}, headers=auth,
        timeout=5,
    ).json()  # fmt: skip
    assert body["data"][0]["public_metrics"]["followers_count"] == 1001
    assert body["errors"][0]["value"] == "ghost"


class _Limited(BaseHTTPRequestHandler):
    """429 with x-rate-limit-reset on the first call, then answers."""

    calls: list[str] = []
    reset_in = 30

    def do_GET(self):  # noqa: N802
        type(self).calls.append(self.headers.get("Authorization", ""))
        if len(type(self).calls) == 1:
            self.send_response(429)
            reset = int(self.server.clock.time()) + type(self).reset_in
            self.send_header("x-rate-limit-reset", str(reset))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        names = parse_qs(urlsplit(self.path).query)["usernames"][0].split(",")
        body = json.dumps(
            {"data": [{"username": n, "public_metrics": {"followers_count": 7}} for n in names]}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def limited():
    clock = FakeClock(start=1_800_000_000.0)
    _Limited.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Limited)
    server.clock = clock
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", clock
    server.shutdown()
    server.server_close()


def test_429_waits_until_x_rate_limit_reset(limited, tmp_path):
    url, clock = limited
    _Limited.reset_in = 30
    with XClient(url, "s3cret", tmp_path / "x.sqlite", clock=clock) as client:
        got = client.followers(["ada"], now=NOW)
    assert got.followers == {"ada": 7}
    assert clock.sleeps and 30 <= clock.sleeps[0] <= 32
    assert _Limited.calls == ["Bearer s3cret"] * 2


def test_a_reset_too_far_away_leaves_counts_unknown_not_zero(limited, tmp_path):
    url, clock = limited
    _Limited.reset_in = 3600
    with XClient(url, "s3cret", tmp_path / "x.sqlite", clock=clock, max_wait=900) as client:
        got = client.followers(["ada", "bo"], now=NOW)
    assert got.followers == {} and got.unknown == {"ada", "bo"}
    assert got.reason.startswith("rate_limited")
    assert clock.sleeps == []
