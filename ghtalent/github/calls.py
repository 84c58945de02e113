"""The GitHub calls the pipeline makes, each returning plain rows (dicts)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ghtalent.github.client import GitHubClient
from ghtalent.github.errors import GitHubError

SEARCH_CAP = 1000  # GitHub answers at most 1,000 results per search query
SEARCH_PAGE = 100
CONTRIBUTORS_PAGE = 100
HISTORY_PAGE = 30  # stargazers/history: per_page <= 30, page <= 100
HISTORY_MAX_PAGES = 100
GRAPHQL_BATCH = 50

USER_FIELDS = """
      __typename login name company location bio email websiteUrl twitterUsername
      createdAt updatedAt url databaseId
      followers { totalCount } following { totalCount }
      repositories(ownerAffiliations: OWNER, privacy: PUBLIC) { totalCount }
      socialAccounts(first: 10) { nodes { provider url } }"""


@dataclass
class SearchResult:
    total_count: int
    incomplete_results: bool
    items: list[dict]


@dataclass
class ContributorsResult:
    """Contributors of one repository; `status` is `ok` or why there are none."""

    full_name: str
    status: str
    reason: str = ""
    rows: list[dict] = field(default_factory=list)


def search_repositories(client: GitHubClient, query: str, limit: int = SEARCH_CAP) -> SearchResult:
    """Top `limit` repositories matching `query` in name, description or topics, by stars."""
    limit = max(0, min(limit, SEARCH_CAP))
    per_page = min(SEARCH_PAGE, limit) or 1
    params = {
        "q": f"{query} in:name,description,topics",
        "sort": "stars",
        "order": "desc",
        "per_page": per_page,
    }
    items: list[dict] = []
    total, incomplete = 0, False
    for reply in client.paginate(
        "/search/repositories", params, max_pages=math.ceil(limit / per_page)
    ):
        total = int(reply.data.get("total_count", 0))
        incomplete = incomplete or bool(reply.data.get("incomplete_results"))
        page_items = reply.data.get("items", [])
        items.extend(page_items)
        if len(items) >= limit or len(page_items) < per_page:
            break
    return SearchResult(total, incomplete, items[:limit])


def get_repository(client: GitHubClient, full_name: str) -> dict:
    """Repository details (raises GitHubError 404 for a deleted one, 451 for a blocked one)."""
    return client.get(f"/repos/{full_name}").data


def list_contributors(
    client: GitHubClient, full_name: str, limit: int = CONTRIBUTORS_PAGE
) -> ContributorsResult:
    """The top `limit` contributors by commits (anonymous included), or why there are none."""
    params = {"per_page": min(CONTRIBUTORS_PAGE, limit), "anon": "1"}
    rows: list[dict] = []
    try:
        for reply in client.paginate(
            f"/repos/{full_name}/contributors",
            params,
            max_pages=math.ceil(limit / CONTRIBUTORS_PAGE),
        ):
            if reply.status == 204 or not reply.data:
                if not rows:
                    return ContributorsResult(
                        full_name, "empty", "repository has no contributors (204)"
                    )
                break
            rows.extend(reply.data)
    except GitHubError as exc:
        if exc.status == 403 and "too large" in exc.message.lower():
            return ContributorsResult(full_name, "too_large", exc.message)
        if exc.status == 404:
            return ContributorsResult(
                full_name, "not_found", "repository not found (deleted or renamed)"
            )
        if exc.status == 451:
            return ContributorsResult(
                full_name, "unavailable", "repository blocked for legal reasons (451)"
            )
        return ContributorsResult(full_name, "error", str(exc))
    return ContributorsResult(full_name, "ok", "", rows[:limit])


def contributor_row(item: dict) -> dict:
    """A contributors-list item as a plain row."""
    kind = item.get("type") or "User"
    login = item.get("login")
    if kind == "User" and login and login.lower().endswith("[bot]"):
        kind = "Bot"
    return {
        "login": login,
        "user_id": item.get("id"),
        "kind": "Anonymous" if kind == "Anonymous" else kind,
        "contributions": int(item.get("contributions") or 0),
        "html_url": item.get("html_url") or (f"https://github.com/{login}" if login else None),
    }


def fetch_users(
    client: GitHubClient, logins: Iterable[str], batch_size: int = GRAPHQL_BATCH
) -> dict[str, dict | None]:
    """Profiles of `logins` in GraphQL batches of aliased `user(login:)` lookups.

    Answers `{login: row or None}`; None means GitHub has no such user (renamed or deleted).
    """
    wanted = list(dict.fromkeys(login for login in logins if login))
    found: dict[str, dict | None] = {}
    for start in range(0, len(wanted), batch_size):
        chunk = wanted[start : start + batch_size]
        aliases = "\n".join(
            f"  u{i}: user(login: {json.dumps(login)}) {{{USER_FIELDS}\n  }}"
            for i, login in enumerate(chunk)
        )
        query = f"query {{\n  rateLimit {{ cost remaining resetAt }}\n{aliases}\n}}"
        answer = client.graphql(query)
        data = answer.get("data") or {}
        if not data and answer.get("errors"):
            raise GitHubError(200, client.base_url + "/graphql", json.dumps(answer["errors"])[:300])
        for i, login in enumerate(chunk):
            node = data.get(f"u{i}")
            found[login] = user_row_from_graphql(node) if node else None
    return found


def user_row_from_graphql(node: dict) -> dict:
    """A GraphQL User node as a REST-shaped profile row."""
    return {
        "login": node.get("login"),
        "id": node.get("databaseId"),
        "type": "User",
        "name": node.get("name") or None,
        "company": node.get("company") or None,
        "location": node.get("location") or None,
        "bio": node.get("bio") or None,
        "email": node.get("email") or None,
        "blog": node.get("websiteUrl") or None,
        "twitter_username": node.get("twitterUsername") or None,
        "created_at": node.get("createdAt"),
        "html_url": node.get("url") or f"https://github.com/{node.get('login')}",
        "followers": (node.get("followers") or {}).get("totalCount"),
        "following": (node.get("following") or {}).get("totalCount"),
        "public_repos": (node.get("repositories") or {}).get("totalCount"),
        # {"linkedin": url, "mastodon": url, ...}: the accounts listed on the profile page.
        "social_accounts": {
            str(n["provider"]).lower(): n["url"]
            for n in ((node.get("socialAccounts") or {}).get("nodes") or [])
            if n and n.get("provider") and n.get("url")
        },
    }


def get_organization(client: GitHubClient, login: str) -> dict | None:
    """An organization's REST profile (GraphQL has no follower count for organizations)."""
    try:
        data = client.get(f"/orgs/{login}").data
    except GitHubError as exc:
        if exc.status == 404:
            return None
        raise
    return {
        "login": data.get("login"),
        "id": data.get("id"),
        "type": "Organization",
        "name": data.get("name") or None,
        "company": None,
        "location": data.get("location") or None,
        "bio": data.get("description") or None,
        "email": data.get("email") or None,
        "blog": data.get("blog") or None,
        "twitter_username": data.get("twitter_username") or None,
        "created_at": data.get("created_at"),
        "html_url": data.get("html_url") or f"https://github.com/{login}",
        "followers": data.get("followers"),
        "following": data.get("following"),
        "public_repos": data.get("public_repos"),
    }


def star_history(
    client: GitHubClient,
    full_name: str,
    weeks: int | None = None,
    back_to: datetime | None = None,
) -> tuple[list[dict], bool]:
    """Weekly star gains, newest first, fetching only the pages needed.

    Stops once `weeks` rows are in hand or a row reaches back to `back_to` (the creation date,
    for threshold crossings). Answers (rows, complete) where complete means the series reaches
    the repository's first week.
    """
    rows: list[dict] = []
    complete = False
    params = {"per_page": HISTORY_PAGE}
    for reply in client.paginate(
        f"/repos/{full_name}/stargazers/history", params, max_pages=HISTORY_MAX_PAGES
    ):
        page = reply.data or []
        for item in page:
            rows.append(
                {
                    "week": datetime.fromtimestamp(int(item["week"]), UTC).replace(tzinfo=None),
                    "stars_gained": int(item.get("total") or 0),
                }
            )
        if len(page) < HISTORY_PAGE or "next" not in reply.links:
            complete = True
            break
        if weeks is not None and back_to is None and len(rows) >= weeks:
            break
        if back_to is not None and rows and rows[-1]["week"] <= back_to.replace(tzinfo=None):
            complete = True
            break
    return rows, complete
