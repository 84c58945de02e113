from __future__ import annotations

import pytest

from ghtalent.github import GitHubClient
from ghtalent.github.clock import FakeClock
from ghtalent.mirror.server import MirrorServer
from ghtalent_tests.worlds import NO_LIMITS, world_of


def tiny_world(n_llm: int = 1100) -> dict:
    """A hand-built world: enough LLM repos to hit the search cap, and every awkward case."""
    accounts = [
        {
            "login": f"user{i}",
            "id": 1000 + i,
            "type": "User",
            "name": f"User {i}",
            "company": "@openai",
            "blog": "",
            "location": "Beijing, China",
            "email": None,
            "bio": "LLM 研究",
            "twitter_username": None,
            "followers": i * 3,
            "following": 1,
            "public_repos": 2,
            "created_at": "2019-05-01T00:00:00Z",
        }
        for i in range(160)
    ]
    accounts.append(
        {
            "login": "acme-ai",
            "id": 9,
            "type": "Organization",
            "name": "Acme AI",
            "followers": 1200,
            "public_repos": 40,
            "created_at": "2018-01-01T00:00:00Z",
        }
    )
    accounts.append(
        {
            "login": "dependabot[bot]",
            "id": 49699333,
            "type": "Bot",
            "followers": 0,
            "created_at": "2017-01-01T00:00:00Z",
        }
    )
    repos = []
    for i in range(n_llm):
        contributors = [[f"user{j}", 500 - j] for j in range(i % 7 + 1)]
        repos.append(
            {
                "id": 10_000 + i,
                "owner": "acme-ai" if i % 3 == 0 else f"user{i % 160}",
                "name": f"llm-tool-{i}",
                "description": "A tool for LLM apps",
                "topics": ["llm"],
                "language": "Python",
                "license": "MIT",
                "stargazers_count": 200_000 - i * 100,
                "forks_count": 10_000 - i * 5,
                "open_issues_count": 3,
                "created_at": "2023-03-01T10:00:00Z",
                "pushed_at": "2026-11-01T00:00:00Z",
                "updated_at": "2026-11-01T00:00:00Z",
                "status": "ok",
                "contributors_status": "ok",
                "contributors": contributors,
                "star_weeks": [5] * 40,
            }
        )
    big = repos[0]
    big["contributors"] = [[f"user{j}", 1000 - j] for j in range(130)] + [
        ["dependabot[bot]", 7],
        [None, 3, "Jane Anon"],
    ]
    big["contributors"].sort(key=lambda r: -r[1])
    repos[1]["contributors_status"] = "too_large"
    repos[2]["status"] = "deleted"
    repos[3]["status"] = "dmca"
    repos[4]["contributors_status"] = "empty"
    repos[4]["contributors"] = []
    return world_of(accounts, repos, ["LLM"])


@pytest.fixture(scope="module")
def world() -> dict:
    return tiny_world()


@pytest.fixture
def mirror(world):
    with MirrorServer(world, limits=NO_LIMITS) as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# A live run always has a token, and GitHub answers differently with one (Vary: Authorization),
# so every client test runs both ways.
TOKEN = "ghp_" + "T0kenValueForTests" * 2


@pytest.fixture(params=[None, TOKEN], ids=["no-token", "token"])
def token(request) -> str | None:
    return request.param


@pytest.fixture
def client(mirror, tmp_path, clock, token):
    c = GitHubClient(
        mirror.url,
        token=token,
        cache_path=tmp_path / "http.sqlite",
        clock=clock,
        backoff_base=0.01,
    )
    yield c
    c.close()
