"""The GitHub client against the local mirror: pagination, cap, 304s, limits, retries, faults."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from ghtalent.github import GitHubClient, GitHubError
from ghtalent.github.calls import (
    fetch_users,
    get_organization,
    get_repository,
    list_contributors,
    search_repositories,
    star_history,
)
from ghtalent.github.clock import FakeClock


def test_search_paginates_by_link_header_in_star_order(client):
    result = search_repositories(client, "LLM", limit=250)
    assert len(result.items) == 250
    stars = [item["stargazers_count"] for item in result.items]
    assert stars == sorted(stars, reverse=True)
    assert result.total_count == 1100
    assert client.counter.as_dict()["search"] == 3  # 100 + 100 + 50, found through Link: next


def test_search_stops_at_the_1000_cap(client):
    result = search_repositories(client, "LLM", limit=5000)
    assert len(result.items) == 1000
    assert len({item["full_name"] for item in result.items}) == 1000
    assert client.counter.as_dict()["search"] == 10


def test_same_day_repeat_costs_nothing_and_next_day_costs_free_304s(mirror, tmp_path, clock, token):
    cache = tmp_path / "http.sqlite"
    first = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock)
    search_repositories(first, "LLM", limit=200)
    get_repository(first, "acme-ai/llm-tool-0")
    assert first.counter.network == 3

    again = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock)
    search_repositories(again, "LLM", limit=200)
    get_repository(again, "acme-ai/llm-tool-0")
    assert again.counter.network == 0
    assert again.counter.as_dict()["cache"] == 3

    tomorrow = FakeClock(day=clock.today() + timedelta(days=1))
    next_day = GitHubClient(mirror.url, token=token, cache_path=cache, clock=tomorrow)
    result = search_repositories(next_day, "LLM", limit=200)
    repo = get_repository(next_day, "acme-ai/llm-tool-0")
    assert len(result.items) == 200 and repo["full_name"] == "acme-ai/llm-tool-0"
    counts = next_day.counter.as_dict()
    assert counts["304"] == 3 and counts["search"] == 0 and counts["core"] == 0
    # the mirror saw the stored ETags (If-None-Match) and answered each with a 304
    assert mirror.stats.get("304") == 3 and mirror.stats["search"] + mirror.stats["core"] == 6


def test_primary_rate_limit_waits_for_reset_without_sleeping(client, mirror, clock):
    mirror.faults.rate_limit = 1
    repo = get_repository(client, "acme-ai/llm-tool-0")
    assert repo["id"] == 10_000
    assert client.counter.as_dict()["rate_limit_waits"] == 1
    assert len(clock.sleeps) == 1 and 55 <= clock.sleeps[0] <= 62  # mirror resets in 60 s


def test_secondary_limit_honours_retry_after(client, mirror, clock):
    mirror.faults.secondary = 1
    mirror.faults.retry_after = 30
    get_repository(client, "acme-ai/llm-tool-0")
    assert clock.sleeps == [30.0]


def test_secondary_limit_without_retry_after_backs_off_a_minute_or_more(client, mirror, clock):
    mirror.faults.secondary_no_retry_after = 2
    get_repository(client, "acme-ai/llm-tool-0")
    assert clock.sleeps == [60.0, 120.0]


def test_5xx_bursts_are_retried_with_backoff(client, mirror, clock):
    mirror.faults.server_errors = 3
    assert get_repository(client, "acme-ai/llm-tool-0")["id"] == 10_000
    assert client.counter.as_dict()["retries"] == 3
    assert len(clock.sleeps) == 3 and clock.sleeps[0] < clock.sleeps[2]


def test_5xx_that_never_ends_gives_a_clear_error(client, mirror, clock):
    mirror.faults.server_errors = 50
    with pytest.raises(GitHubError) as err:
        get_repository(client, "acme-ai/llm-tool-0")
    assert err.value.status == 502 and "gave up after" in str(err.value)
    assert "Server Error" in str(err.value) and "/repos/acme-ai/llm-tool-0" in str(err.value)
    assert len(clock.sleeps) == client.max_attempts - 1  # no sleep after the final attempt
    mirror.faults.server_errors = 0


def test_truncated_body_is_retried_and_never_cached(client, mirror, tmp_path):
    mirror.faults.truncate = 1
    repo = get_repository(client, "acme-ai/llm-tool-0")
    assert repo["full_name"] == "acme-ai/llm-tool-0"
    assert client.counter.as_dict()["retries"] == 1
    # served again from the cache: the stored copy is the complete one
    assert get_repository(client, "acme-ai/llm-tool-0") == repo


def test_contributors_top_100_with_bots_and_anonymous_typed(client):
    result = list_contributors(client, "acme-ai/llm-tool-0")
    assert result.status == "ok" and len(result.rows) == 100
    assert client.counter.as_dict()["core"] == 1
    assert result.rows[0]["contributions"] == 1000


@pytest.mark.parametrize(
    ("full_name", "status"),
    [
        ("user2/llm-tool-2", "not_found"),
        ("acme-ai/llm-tool-3", "unavailable"),
        ("user4/llm-tool-4", "empty"),
    ],
)
def test_contributors_awkward_answers_become_statuses(client, full_name, status):
    result = list_contributors(client, full_name)
    assert result.status == status and result.rows == [] and result.reason


def test_deleted_repository_raises_404(client):
    with pytest.raises(GitHubError) as err:
        get_repository(client, "user2/llm-tool-2")
    assert err.value.status == 404


def test_users_in_graphql_batches_of_50(client):
    logins = [f"user{i}" for i in range(120)] + ["no-such-person"]
    users = fetch_users(client, logins)
    assert client.counter.as_dict()["graphql"] == 3
    assert users["no-such-person"] is None
    assert users["user7"]["followers"] == 21 and users["user7"]["company"] == "@openai"
    assert users["user7"]["location"] == "Beijing, China"


def test_organization_profile(client):
    org = get_organization(client, "acme-ai")
    assert org["type"] == "Organization" and org["followers"] == 1200


def test_star_history_fetches_only_the_pages_needed(client):
    rows, complete = star_history(client, "acme-ai/llm-tool-0", weeks=13)
    assert len(rows) == 30 and not complete and client.counter.as_dict()["core"] == 1
    assert rows[0]["week"] > rows[1]["week"]  # newest first
    rows, complete = star_history(client, "acme-ai/llm-tool-6", weeks=None)
    assert complete and len(rows) == 40 and sum(r["stars_gained"] for r in rows) == 200


def test_token_never_lands_in_the_cache(mirror, tmp_path, clock):
    token = "ghp_" + "S3cr3tTokenValue" * 3
    client = GitHubClient(mirror.url, token=token, cache_path=tmp_path / "c.sqlite", clock=clock)
    get_repository(client, "acme-ai/llm-tool-0")
    client.close()
    assert mirror.stats["with_token"] == 1
    for path in tmp_path.iterdir():
        assert token.encode() not in path.read_bytes()
        assert b"S3cr3tTokenValue" not in path.read_bytes()
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        assert db.execute("select count(*) from responses").fetchone()[0] == 1


def test_rerun_after_an_interrupted_run_reuses_what_was_fetched(mirror, tmp_path, clock, token):
    cache = tmp_path / "http.sqlite"
    names = [f"user{i % 160}/llm-tool-{i}" for i in range(5, 15)]
    names = [n if int(n.rsplit("-", 1)[1]) % 3 else "acme-ai/" + n.split("/")[1] for n in names]
    killed = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock)
    for name in names[:6]:
        list_contributors(killed, name)
    # the process dies here; a new run starts over the same list
    rerun = GitHubClient(mirror.url, token=token, cache_path=cache, clock=clock)
    results = [list_contributors(rerun, name) for name in names]
    assert all(r.status == "ok" for r in results)
    assert rerun.counter.as_dict()["core"] == 4 and rerun.counter.as_dict()["cache"] == 6
