"""The cache key the client makes without `url_normalize` is requests-cache's own key, so a cache
written by either path is read by the other; and the requests a run makes take that path."""

from __future__ import annotations

import random

import pytest
from requests_cache.backends.sqlite import SQLiteCache

from ghtalent.github import GitHubClient

ALPHABET = "abcXYZ019-._~/%+:@!$'()*,;=?&#[] é中"


def _client(tmp_path, token: str | None) -> GitHubClient:
    return GitHubClient("http://127.0.0.1:9", token=token, cache_path=tmp_path / "http.sqlite")


def _requests(client: GitHubClient) -> list:
    """Requests as the client prepares them: the calls a run makes, then random URLs."""
    r = random.Random(7)
    prepared = [
        client._prepare("GET", f"{client.base_url}{path}", params, headers)
        for path, params, headers in [
            ("/repos/a-b/c.d_e/contributors", {"per_page": 100, "anon": 1, "page": 2}, {}),
            ("/repos/Foo/Bar/stargazers/history", {"per_page": 100}, {}),
            ("/search/repositories", {"q": "LLM in:name", "sort": "stars", "page": 1}, {}),
            ("/users/someone", None, {"Accept": "application/vnd.github.star+json"}),
            ("/repos/org/.github/contributors", {"per_page": 100}, {}),
            ("/authors", {"search": "王志强", "per-page": 25}, {}),
            ("/authors", {"filter": "orcid:0000-0001-2345-6789|x"}, {}),
            ("/users/x", {"access_token": "secret", "page": 1}, {"Accept": "a/b, c/d"}),
        ]
    ]
    for _ in range(400):
        path = "".join(r.choice(ALPHABET) for _ in range(r.randint(0, 18)))
        host = r.choice(["127.0.0.1:8777", "api.github.com", "API.github.com", "h:80", "h:443"])
        scheme = r.choice(["http", "https"])
        request = client._prepare("GET", f"{scheme}://{host}/{path}", None, {})
        prepared.append(request)
    return prepared


@pytest.mark.parametrize("token", [None, "ghp_" + "k" * 36], ids=["no-token", "token"])
def test_the_plain_key_is_requests_caches_key(tmp_path, token):
    client = _client(tmp_path, token)
    cache = client.session.cache
    plain = 0
    requests = _requests(client)
    for request in requests:
        verify = bool(client.session.verify)
        ours = cache._plain_key(request, None, verify)
        theirs = SQLiteCache.create_key(cache, request, verify=verify)
        if ours is not None:
            plain += 1
            assert ours == theirs, request.url
        assert cache.create_key(request, verify=verify) == theirs, request.url
    assert 20 <= plain < len(requests) - 200  # the random URLs took both paths


def test_a_runs_requests_take_the_plain_path(tmp_path):
    client = _client(tmp_path, "ghp_" + "k" * 36)
    cache = client.session.cache
    contributors, history, _search, user = _requests(client)[:4]  # search has escapes
    for request in (contributors, history, user):
        assert cache._plain_key(request, None, True) is not None, request.url
