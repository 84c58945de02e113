"""GitHub as it really answers a live run (with a token): each defect of issue 10, over real HTTP
against the mirror's switchable faults."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from ghtalent.github import GitHubClient, GitHubError, RateLimitError
from ghtalent.github.calls import (
    fetch_users,
    get_repository,
    list_contributors,
    search_repositories,
)
from ghtalent.github.client import graphql_problem, graphql_reset
from ghtalent.github.clock import FakeClock
from ghtalent.github.collect import collect_contributors, collect_profiles
from ghtalent.github.userstore import UserStore
from ghtalent.mirror.server import MirrorServer
from ghtalent_tests.github.conftest import TOKEN
from ghtalent_tests.worlds import NO_LIMITS

REPO = "acme-ai/llm-tool-0"


def cache_bytes(tmp_path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("http"))


# -- the cache with a token ---------------------------------------------------------------
def test_next_day_sends_the_stored_etag_and_gets_a_free_304(mirror, tmp_path, clock, token):
    cache = tmp_path / "http.sqlite"
    GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock).get(f"/repos/{REPO}")
    same_day = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock)
    same_day.get(f"/repos/{REPO}")
    assert same_day.counter.network == 0
    tomorrow = FakeClock(day=clock.today() + timedelta(days=1))
    next_day = GitHubClient(mirror.url, token=token, cache_path=cache, clock=tomorrow)
    reply = next_day.get(f"/repos/{REPO}")
    assert reply.data["full_name"] == REPO
    assert next_day.counter.as_dict()["304"] == 1 and next_day.counter.network == 1
    assert mirror.stats["core"] == 2 and mirror.stats["304"] == 1


# -- 200 with a body that is not JSON -----------------------------------------------------
def test_200_with_invalid_json_is_retried_and_never_cached(client, mirror, tmp_path):
    mirror.faults.invalid_json = 1
    repo = get_repository(client, REPO)
    assert repo["full_name"] == REPO and client.counter.as_dict()["retries"] == 1
    again = GitHubClient(mirror.url, cache_path=tmp_path / "http.sqlite", clock=client.clock)
    assert get_repository(again, REPO) == repo and again.counter.network == 0


def test_contributor_batch_survives_an_invalid_json_answer(client, mirror):
    mirror.faults.invalid_json = 2
    batch = collect_contributors(client, [REPO, "user5/llm-tool-5"])
    assert [s["status"] for s in batch.statuses] == ["ok", "ok"]


# -- GraphQL errors inside an HTTP 200 ----------------------------------------------------
@pytest.mark.parametrize("kind", ["RATE_LIMITED", "RATE_LIMIT"])
def test_graphql_rate_limited_waits_for_the_reset(client, mirror, clock, kind):
    mirror.faults.graphql_rate_limited = 1
    mirror.faults.graphql_limit_type = kind
    users = fetch_users(client, ["user1", "user2"])
    assert users["user1"]["login"] == "user1"
    assert len(clock.sleeps) == 1 and 55 <= clock.sleeps[0] <= 62  # reset header: 60 s
    assert client.counter.as_dict()["rate_limit_waits"] == 1


def test_graphql_reset_at_is_waited_for_when_no_header_gives_one(clock):
    client = GitHubClient("http://127.0.0.1:9", clock=clock)  # no request is made
    reset_at = datetime.fromtimestamp(clock.time() + 300, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    answer = {
        "data": {"rateLimit": {"cost": 1, "remaining": 0, "resetAt": reset_at}},
        "errors": [{"type": "RATE_LIMIT", "message": "API rate limit already exceeded"}],
    }
    assert graphql_problem(answer)[0] == "rate_limited"
    client._wait_primary("graphql", {}, "limited", 0, "/graphql", graphql_reset(answer))
    assert len(clock.sleeps) == 1 and 295 <= clock.sleeps[0] <= 305


def test_graphql_timeout_is_retried_with_backoff(client, mirror, clock):
    mirror.faults.graphql_timeout = 2
    users = fetch_users(client, ["user1"])
    assert users["user1"]["login"] == "user1"
    assert len(clock.sleeps) == 2 and clock.sleeps[0] < clock.sleeps[1]


def test_graphql_timeout_that_never_ends_names_url_status_and_reason(client, mirror, clock):
    mirror.faults.graphql_timeout = 50
    with pytest.raises(GitHubError) as err:
        fetch_users(client, ["user1"])
    text = str(err.value)
    assert "/graphql" in text and "200" in text and "timeout" in text
    assert len(clock.sleeps) == client.max_attempts - 1
    mirror.faults.graphql_timeout = 0


def test_graphql_5xx_is_retried(client, mirror, clock):
    mirror.faults.server_errors = 2
    mirror.faults.path_prefix = "/graphql"
    assert fetch_users(client, ["user3"])["user3"]["login"] == "user3"
    assert client.counter.as_dict()["retries"] == 2


def test_null_user_without_not_found_is_unknown_not_gone(client, mirror, tmp_path):
    mirror.faults.graphql_null = 3  # user1 is left null in every round
    with UserStore(tmp_path / "profiles.sqlite") as store:
        batch = collect_profiles(client, ["user1", "user2", "no-such-person"], [], store)
        assert batch.missing == ["no-such-person"]  # NOT_FOUND: gone
        assert batch.unknown == ["user1"]  # null for another reason: unknown
        assert set(batch.profiles["login"]) == {"user2"}
        stored = store.get_fresh(["user1", "no-such-person"], datetime.now(UTC), 7)
        assert "user1" not in stored and stored["no-such-person"] is None
        # the next run asks again and gets it
        again = collect_profiles(client, ["user1"], [], store)
        assert again.unknown == [] and list(again.profiles["login"]) == ["user1"]


def test_null_user_is_asked_again_in_a_later_round(client, mirror):
    mirror.faults.graphql_null = 1
    users = fetch_users(client, [f"user{i}" for i in range(60)])
    assert users["user0"]["login"] == "user0" and len(users) == 60
    assert client.counter.as_dict()["graphql"] == 3  # 2 batches + 1 retry for the null one


# -- finished batches are kept ------------------------------------------------------------
def test_each_graphql_batch_is_stored_as_it_arrives(client, mirror, tmp_path):
    logins = [f"user{i}" for i in range(160)] + [f"ghost{i}" for i in range(790)]  # 19 batches
    store = UserStore(tmp_path / "profiles.sqlite")
    real = client.graphql
    calls = 0

    def dies_on_the_15th_batch(query, variables=None):
        nonlocal calls
        calls += 1
        if calls == 15:
            raise KeyboardInterrupt  # the process is killed with batch 15 in flight
        return real(query, variables)

    client.graphql = dies_on_the_15th_batch
    with pytest.raises(KeyboardInterrupt):
        collect_profiles(client, logins, [], store)
    rerun = GitHubClient(client.base_url, cache_path=tmp_path / "http.sqlite", clock=client.clock)
    batch = collect_profiles(rerun, logins, [], store)
    assert batch.reused == 14 * 50 and rerun.counter.as_dict()["graphql"] == 5
    assert len(batch.profiles) == 160 and len(batch.missing) == 790
    store.close()


# -- primary limit without a usable reset -------------------------------------------------
def test_primary_limit_without_reset_waits_a_minute_growing(client, mirror, clock):
    mirror.faults.rate_limit_no_reset = 2
    assert get_repository(client, REPO)["full_name"] == REPO
    assert clock.sleeps == [60.0, 120.0]


def test_primary_limit_with_a_reset_already_past_waits_too(client, mirror, clock):
    mirror.faults.rate_limit_stale_reset = 1
    assert get_repository(client, REPO)["full_name"] == REPO
    assert clock.sleeps == [60.0]


def test_primary_limit_that_never_lifts_gives_up_without_a_last_sleep(client, mirror, clock):
    mirror.faults.rate_limit_no_reset = 50
    with pytest.raises(RateLimitError) as err:
        get_repository(client, REPO)
    text = str(err.value)
    assert "403" in text and f"/repos/{REPO}" in text and "API Rate Limit Exceeded" in text
    assert len(clock.sleeps) == client.max_attempts - 1 and min(clock.sleeps) >= 60
    assert clock.sleeps == sorted(clock.sleeps)
    mirror.faults.rate_limit_no_reset = 0


# -- the token goes only to the configured API host ---------------------------------------
def test_token_is_not_sent_to_a_host_a_link_names(mirror, tmp_path, clock):
    port = mirror.url.rsplit(":", 1)[1]
    mirror.faults.link_origin = f"http://localhost:{port}"  # same server, another host name
    client = GitHubClient(mirror.url, token=TOKEN, cache_path=tmp_path / "http.sqlite", clock=clock)
    result = search_repositories(client, "LLM", limit=300)
    assert len(result.items) == 300 and mirror.stats["search"] == 3
    assert mirror.stats["with_token"] == 1  # page 1 only: pages 2-3 went to "localhost"


def test_token_is_not_sent_where_a_redirect_points(mirror, world, tmp_path, clock):
    with MirrorServer(world, limits=NO_LIMITS) as other:
        mirror.faults.redirect = 1
        mirror.faults.redirect_origin = other.url.replace("127.0.0.1", "localhost")
        client = GitHubClient(
            mirror.url, token=TOKEN, cache_path=tmp_path / "http.sqlite", clock=clock
        )
        assert get_repository(client, REPO)["full_name"] == REPO
        assert other.stats["core"] == 1 and other.stats.get("with_token", 0) == 0
        client.close()
    assert TOKEN.encode() not in cache_bytes(tmp_path)


def test_an_answer_reached_through_a_301_is_stored_without_the_token(mirror, tmp_path, clock):
    mirror.faults.redirect = 1  # GitHub's renamed-repository answer, same host
    client = GitHubClient(mirror.url, token=TOKEN, cache_path=tmp_path / "http.sqlite", clock=clock)
    assert get_repository(client, REPO)["full_name"] == REPO
    assert mirror.stats["with_token"] == 2  # same host: the token may follow
    client.close()
    assert TOKEN.encode() not in cache_bytes(tmp_path)
    with sqlite3.connect(tmp_path / "http.sqlite") as db:
        assert db.execute("select count(*) from responses").fetchone()[0] >= 1
    same_day = GitHubClient(
        mirror.url, token=TOKEN, cache_path=tmp_path / "http.sqlite", clock=clock
    )
    assert get_repository(same_day, REPO)["full_name"] == REPO and same_day.counter.network == 0


# -- contributor lists GitHub refuses -----------------------------------------------------
def test_refused_contributor_list_falls_back_to_stats_contributors(client, mirror):
    result = list_contributors(client, "user1/llm-tool-1")  # the world's "too large" repo
    assert result.status == "ok" and result.source == "stats"
    assert [r["login"] for r in result.rows] == ["user0", "user1"]
    assert result.rows[0]["contributions"] >= result.rows[1]["contributions"]


def test_stats_202_while_computing_is_asked_again_after_a_wait(client, mirror, clock):
    mirror.faults.contributors_too_large = 1
    mirror.faults.stats_computing = 2
    result = list_contributors(client, REPO)
    assert result.source == "stats" and len(result.rows) == 100
    assert len(clock.sleeps) == 2 and clock.sleeps[0] < clock.sleeps[1]


def test_stats_that_never_finish_give_source_none_not_the_owner(client, mirror, clock):
    mirror.faults.contributors_too_large = 1
    mirror.faults.stats_computing = 50
    batch = collect_contributors(client, [REPO, "user5/llm-tool-5"])
    assert batch.sources == {REPO: "none", "user5/llm-tool-5": "contributors"}
    assert batch.source_counts() == {"contributors": 1, "stats": 0, "none": 1}
    assert set(batch.contributors["full_name"]) == {"user5/llm-tool-5"}  # nothing invented
    assert batch.failures[0]["status"] == "too_large" and "202" in batch.failures[0]["reason"]
    assert len(clock.sleeps) == client.stats_attempts - 1
    mirror.faults.stats_computing = 0


KILLED_RUN = """
import sys
from ghtalent.github import GitHubClient
from ghtalent.github.collect import collect_profiles
from ghtalent.github.userstore import UserStore

url, store_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
logins = [f"user{i}" for i in range(160)] + [f"ghost{i}" for i in range(n - 160)]
collect_profiles(GitHubClient(url), logins, [], UserStore(store_path))
"""


def test_a_killed_profile_run_loses_at_most_the_batch_in_flight(mirror, tmp_path):
    """A real SIGKILL of the process mid-way (19 batches, killed with the 15th in flight)."""
    import subprocess
    import sys
    import time

    mirror.faults.slow = 0.25  # each answer takes a while, so the kill lands mid-run
    store_path = tmp_path / "profiles.sqlite"
    run = subprocess.Popen([sys.executable, "-c", KILLED_RUN, mirror.url, str(store_path), "950"])
    try:
        deadline = time.monotonic() + 60
        while mirror.stats.get("graphql", 0) < 15 and time.monotonic() < deadline:
            assert run.poll() is None, "the run ended before it could be killed"
            time.sleep(0.01)
        run.kill()
    finally:
        run.wait(timeout=10)
    assert run.returncode != 0
    mirror.faults.slow = 0.0
    with UserStore(store_path) as store:
        rerun = GitHubClient(mirror.url)
        logins = [f"user{i}" for i in range(160)] + [f"ghost{i}" for i in range(790)]
        batch = collect_profiles(rerun, logins, [], store)
    spent = rerun.counter.as_dict()["graphql"]
    assert spent == 19 - 14  # 14 finished batches kept; only the one in flight and the rest
    assert batch.reused == 14 * 50 and len(batch.profiles) == 160


def test_refusals_are_reused_the_same_day_and_asked_again_the_next(mirror, tmp_path, clock, token):
    cache = tmp_path / "http.sqlite"
    names = [REPO, "user1/llm-tool-1", "user2/llm-tool-2", "acme-ai/llm-tool-3", "user4/llm-tool-4"]
    first = collect_contributors(
        GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock), names
    )
    wanted = [(s["status"], s["source"]) for s in first.statuses]
    assert wanted == [
        ("ok", "contributors"),
        ("ok", "stats"),
        ("not_found", "none"),
        ("unavailable", "none"),
        ("empty", "contributors"),  # the list answered: nobody
    ]
    rerun = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock)
    again = collect_contributors(rerun, names)
    assert [(s["status"], s["source"]) for s in again.statuses] == wanted
    assert rerun.counter.network == 0 and rerun.counter.as_dict()["cache"] == 6
    tomorrow = FakeClock(day=clock.today() + timedelta(days=1))
    next_day = GitHubClient(mirror.url, token=token, cache_path=cache, clock=tomorrow)
    later = collect_contributors(next_day, names)
    assert [(s["status"], s["source"]) for s in later.statuses] == wanted
    counts = next_day.counter.as_dict()
    assert counts["304"] == 2 and counts["core"] == 4  # refusals carry no ETag: asked afresh


def test_a_rate_limit_answer_is_never_reused(mirror, tmp_path, clock, token):
    cache = tmp_path / "http.sqlite"
    once = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock, max_attempts=1)
    mirror.faults.rate_limit_no_reset = 1
    with pytest.raises(RateLimitError):
        get_repository(once, REPO)
    assert clock.sleeps == []  # a single attempt: nothing to wait for
    again = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock)
    assert get_repository(again, REPO)["full_name"] == REPO and again.counter.network == 1


def test_secondary_limit_that_never_lifts_does_not_sleep_after_the_last_try(client, mirror, clock):
    mirror.faults.secondary_no_retry_after = 50
    with pytest.raises(RateLimitError) as err:
        get_repository(client, REPO)
    assert clock.sleeps == [60.0, 120.0, 240.0, 480.0, 960.0]  # not the 1,920 s after the last
    assert "secondary rate limit" in str(err.value) and "403" in str(err.value)
    mirror.faults.secondary_no_retry_after = 0
