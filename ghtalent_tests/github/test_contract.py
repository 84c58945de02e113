"""Contract tests: GitHub's own recorded answers (../shared/realdata/github-api/) played back to
the client, and the mirror's fault answers held to the same shapes."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import requests

from ghtalent.github import GitHubClient, GitHubError, RateLimitError
from ghtalent.github.calls import contributors_from_stats, get_repository
from ghtalent.github.clock import FakeClock
from ghtalent_tests.github.conftest import TOKEN
from ghtalent_tests.github.replay import ReplayServer, load_octokit, load_pygithub

REPO = "acme-ai/llm-tool-0"


def lower_keys(headers) -> set[str]:
    return {k.lower() for k in headers}


# -- a 403 primary limit without X-RateLimit-Reset ----------------------------------------
def test_recorded_rate_limit_without_reset_is_waited_on_then_named(realdata, clock, token):
    limited = load_pygithub(realdata, "SpecificExceptions.testRateLimitExceeded")[1]
    assert limited["status"] == 403 and "x-ratelimit-reset" not in lower_keys(limited["headers"])
    with ReplayServer([limited]) as replay:
        client = GitHubClient(replay.url, token=token, clock=clock)
        with pytest.raises(RateLimitError) as err:
            client.get("/users/jacquev6")
    text = str(err.value)
    assert "403" in text and "/users/jacquev6" in text
    assert "API Rate Limit Exceeded for 92.104.200.119" in text
    assert len(clock.sleeps) == client.max_attempts - 1  # none after the last attempt
    assert min(clock.sleeps) >= 60 and clock.sleeps == sorted(clock.sleeps)


def test_mirror_rate_limit_without_reset_has_the_recorded_shape(realdata, mirror):
    limited = load_pygithub(realdata, "SpecificExceptions.testRateLimitExceeded")[1]
    mirror.faults.rate_limit_no_reset = 1
    answer = requests.get(f"{mirror.url}/users/user1", timeout=5)
    assert answer.status_code == limited["status"]
    assert answer.headers["X-RateLimit-Remaining"] == "0"
    assert "x-ratelimit-reset" not in lower_keys(answer.headers)
    assert set(limited["body"]) <= set(answer.json())


# -- stats/contributors: 202 while computing, then the list -------------------------------
def test_recorded_stats_202_then_200_gives_people(realdata, clock, token):
    exchanges = load_pygithub(realdata, "Repository.testStatisticsContributors")
    assert [e["status"] for e in exchanges] == [202, 200]
    with ReplayServer(exchanges) as replay:
        client = GitHubClient(replay.url, token=token, clock=clock)
        result = contributors_from_stats(client, "PyGithub/PyGithub", 100, "too large")
    recorded = exchanges[1]["body"]
    assert result.source == "stats" and result.status == "ok"
    assert len(result.rows) == len([e for e in recorded if e.get("author")])
    totals = [r["contributions"] for r in result.rows]
    assert totals == sorted(totals, reverse=True) and totals[0] == max(e["total"] for e in recorded)
    assert result.rows[0]["login"] == max(recorded, key=lambda e: e["total"])["author"]["login"]
    assert len(clock.sleeps) == 1


def test_mirror_stats_answers_have_the_recorded_shape(realdata, mirror):
    computing, done = load_pygithub(realdata, "Repository.testStatisticsContributors")
    mirror.faults.stats_computing = 1
    url = f"{mirror.url}/repos/{REPO}/stats/contributors"
    first = requests.get(url, timeout=5)
    assert first.status_code == 202 and first.json() == computing["body"]
    second = requests.get(url, timeout=5)
    assert second.status_code == 200
    entry, recorded = second.json()[0], done["body"][0]
    assert set(entry) == set(recorded) and set(entry["weeks"][0]) == set(recorded["weeks"][0])
    assert set(recorded["author"]) <= set(entry["author"])
    totals = [e["total"] for e in second.json()]
    assert totals == sorted(totals)  # ascending, as GitHub sends them


# -- conditional requests -----------------------------------------------------------------
def test_recorded_304_answers_the_stored_etag(realdata, tmp_path, clock, token):
    not_modified = load_pygithub(realdata, "ConditionalRequestUpdate.testDidNotUpdate")[0]
    etag = not_modified["headers"]["etag"]
    first = {
        "method": "GET",
        "url": not_modified["url"],
        "status": 200,
        "headers": {**not_modified["headers"], "vary": "Accept, Authorization, Cookie"},
        "body": {"full_name": "akfish/PyGithub", "id": 1},
    }
    with ReplayServer([first, not_modified]) as replay:
        cache = tmp_path / "http.sqlite"
        GitHubClient(replay.url, token=token, cache_path=cache, clock=clock).get(
            "/repos/akfish/PyGithub"
        )
        tomorrow = FakeClock(day=clock.today() + timedelta(days=1))
        client = GitHubClient(replay.url, token=token, cache_path=cache, clock=tomorrow)
        reply = client.get("/repos/akfish/PyGithub")
    assert reply.data["full_name"] == "akfish/PyGithub"
    assert client.counter.as_dict()["304"] == 1 and client.counter.network == 1
    assert replay.seen[-1][2].get("If-None-Match") == etag
    assert not_modified["request_headers"]["If-None-Match"] == etag


def test_mirror_304_has_the_recorded_headers(realdata, mirror):
    recorded = load_pygithub(realdata, "ConditionalRequestUpdate.testDidNotUpdate")[0]
    url = f"{mirror.url}/repos/{REPO}"
    etag = requests.get(url, timeout=5).headers["ETag"]
    answer = requests.get(url, headers={"If-None-Match": etag}, timeout=5)
    assert answer.status_code == recorded["status"] == 304 and answer.content == b""
    wanted = {"etag", "cache-control", "vary"} | {
        k for k in lower_keys(recorded["headers"]) if k.startswith("x-ratelimit")
    }
    assert wanted <= lower_keys(answer.headers)


# -- GraphQL ------------------------------------------------------------------------------
def test_recorded_graphql_answer_is_returned(realdata, clock, token):
    exchange = load_pygithub(realdata, "GraphQl.testQuery")[0]
    with ReplayServer([exchange]) as replay:
        client = GitHubClient(replay.url, token=token, clock=clock)
        answer = client.graphql('query { repository(owner: "PyGithub", name: "PyGithub") { url } }')
    assert answer == exchange["body"]
    assert client.counter.as_dict()["graphql"] == 1


def test_mirror_graphql_answer_has_the_recorded_shape(realdata, mirror):
    recorded = load_pygithub(realdata, "GraphQl.testQuery")[0]
    answer = requests.post(
        f"{mirror.url}/graphql", json={"query": 'query { u0: user(login: "user1") { login } }'}
    )
    assert answer.status_code == 200 and set(answer.json()) == set(recorded["body"])
    for name in (
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "X-RateLimit-Resource",
    ):
        assert name in recorded["headers"] and name in answer.headers
    assert answer.headers["X-RateLimit-Resource"] == recorded["headers"]["X-RateLimit-Resource"]


# -- 5xx without a message field ----------------------------------------------------------
def test_recorded_500_then_200_is_retried(realdata, clock, token):
    exchanges = load_pygithub(realdata, "Retry.testReturnsRepoAfter1Retry")
    assert [e["status"] for e in exchanges] == [500, 200]
    with ReplayServer(exchanges) as replay:
        client = GitHubClient(replay.url, token=token, clock=clock)
        assert get_repository(client, "PyGithub/PyGithub")["full_name"] == "PyGithub/PyGithub"
    assert client.counter.as_dict()["retries"] == 1


def test_recorded_500_without_message_gives_up_with_githubs_reason(realdata, clock):
    failing = load_pygithub(realdata, "Retry.testReturnsRepoAfter1Retry")[0]
    assert "message" not in failing["body"]
    with ReplayServer([failing]) as replay:
        client = GitHubClient(replay.url, clock=clock)
        with pytest.raises(GitHubError) as err:
            get_repository(client, "PyGithub/PyGithub")
    assert "Server Error" in str(err.value)
    assert not str(err.value).rstrip().endswith(":")


# -- a renamed repository: 301 ------------------------------------------------------------
def test_recorded_301_is_followed_and_stored_without_the_token(realdata, tmp_path, clock):
    exchanges = [e for e in load_octokit(realdata, "rename-repository") if e["method"] == "GET"]
    assert [e["status"] for e in exchanges] == [301, 200]
    old_path = urlsplit(exchanges[0]["url"]).path
    with ReplayServer(exchanges) as replay:
        client = GitHubClient(
            replay.url, token=TOKEN, cache_path=tmp_path / "http.sqlite", clock=clock
        )
        reply = client.get(old_path)
        client.close()
    assert reply.data["id"] == exchanges[1]["body"]["id"]
    assert all(seen[2].get("Authorization") == f"Bearer {TOKEN}" for seen in replay.seen)
    assert TOKEN.encode() not in (tmp_path / "http.sqlite").read_bytes()


def test_mirror_301_has_the_recorded_shape(realdata, mirror):
    recorded = [e for e in load_octokit(realdata, "rename-repository") if e["status"] == 301][0]
    mirror.faults.redirect = 1
    answer = requests.get(f"{mirror.url}/repos/{REPO}", allow_redirects=False, timeout=5)
    assert answer.status_code == 301 and set(answer.json()) == set(recorded["body"])
    assert answer.headers["Location"] == answer.json()["url"]
    assert answer.headers["Location"].startswith(f"{mirror.url}/repositories/")
