"""The GitHub calls the pipeline makes, each returning plain rows (dicts)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
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
    """Contributors of one repository; `status` is `ok` or why there are none.

    `source` says where the people came from: `contributors` (the list), `stats` (GitHub
    refused the list as too large; `stats/contributors` answered instead) or `none` (nothing
    worked: who made the repo is unknown, which is not the same as "the owner alone").
    """

    full_name: str
    status: str
    reason: str = ""
    rows: list[dict] = field(default_factory=list)
    source: str = "contributors"


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
            return contributors_from_stats(client, full_name, limit, exc.message)
        if exc.status == 404:
            return ContributorsResult(
                full_name, "not_found", "repository not found (deleted or renamed)", source="none"
            )
        if exc.status == 451:
            return ContributorsResult(
                full_name,
                "unavailable",
                "repository blocked for legal reasons (451)",
                source="none",
            )
        return ContributorsResult(full_name, "error", str(exc), source="none")
    return ContributorsResult(full_name, "ok", "", rows[:limit])


def contributors_from_stats(
    client: GitHubClient, full_name: str, limit: int, refused: str
) -> ContributorsResult:
    """People of a repo whose contributor list GitHub refuses ("too large"), from
    `GET /repos/{o}/{r}/stats/contributors` (commit totals of the top authors). GitHub answers
    202 while it computes them: ask again a bounded number of times, waiting in between."""
    path = f"/repos/{full_name}/stats/contributors"
    tries = max(1, client.stats_attempts)
    try:
        for attempt in range(tries):
            reply = client.get(path)
            if reply.status == 200 and isinstance(reply.data, list):
                rows = [stats_item(entry) for entry in reply.data if isinstance(entry, dict)]
                rows = [r for r in rows if r is not None]
                rows.sort(key=lambda r: -r["contributions"])
                reason = f"contributor list refused ({refused}); people from stats/contributors"
                return ContributorsResult(full_name, "ok", reason, rows[:limit], source="stats")
            if reply.status == 204:
                break
            if attempt + 1 < tries:  # 202: statistics still being computed
                client.clock.sleep(client.stats_wait * (2**attempt))
        else:
            return ContributorsResult(
                full_name,
                "too_large",
                f"{refused}; stats/contributors still computing (202) after {tries} tries",
                source="none",
            )
    except GitHubError as exc:
        return ContributorsResult(
            full_name, "too_large", f"{refused}; stats/contributors failed: {exc}", source="none"
        )
    return ContributorsResult(
        full_name, "too_large", f"{refused}; stats/contributors is empty", source="none"
    )


def stats_item(entry: dict) -> dict | None:
    """A stats/contributors entry as a contributors-list item (the author, with commit total)."""
    author = entry.get("author")
    if not isinstance(author, dict) or not author.get("login"):
        return None  # commits GitHub could not tie to an account
    return {**author, "contributions": int(entry.get("total") or 0)}


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
    Logins GitHub left null for another reason (a server-side error) are absent: unknown.
    """
    found: dict[str, dict | None] = {}
    for batch in fetch_user_batches(client, logins, batch_size):
        found.update(batch)
    return found


def fetch_user_batches(
    client: GitHubClient,
    logins: Iterable[str],
    batch_size: int = GRAPHQL_BATCH,
    rounds: int = 2,
) -> Iterator[dict[str, dict | None]]:
    """Yield each finished GraphQL batch as `{login: row or None}`, in order as it arrives, so a
    caller can store it before the next one (a kill loses at most the batches in flight: up to
    `client.max_in_flight` are asked at once).

    A null alias is "gone" (None) only when its error has type NOT_FOUND. Any other null is
    unknown: asked again in a later round (up to `rounds` more), then left out.
    """
    wanted = list(dict.fromkeys(login for login in logins if login))
    for round_ in range(rounds + 1):
        unknown: list[str] = []
        chunks = [wanted[start : start + batch_size] for start in range(0, len(wanted), batch_size)]
        for batch, missed in client.map(lambda chunk: _user_batch(client, chunk), chunks):
            unknown.extend(missed)
            if batch:
                yield batch
        if not unknown:
            return
        wanted = unknown
        if round_ < rounds:
            client.log.warning(
                f"GitHub left {len(unknown)} users null without NOT_FOUND; asking again"
            )


def _user_batch(client: GitHubClient, chunk: list[str]) -> tuple[dict[str, dict | None], list[str]]:
    aliases = "\n".join(
        f"  u{i}: user(login: {json.dumps(login)}) {{{USER_FIELDS}\n  }}"
        for i, login in enumerate(chunk)
    )
    query = f"query {{\n  rateLimit {{ cost remaining resetAt }}\n{aliases}\n}}"
    answer = client.graphql(query)
    data = answer.get("data") or {}
    not_found = {
        str(error["path"][0])
        for error in answer.get("errors") or []
        if isinstance(error, dict) and error.get("type") == "NOT_FOUND" and error.get("path")
    }
    found: dict[str, dict | None] = {}
    unknown: list[str] = []
    for i, login in enumerate(chunk):
        alias = f"u{i}"
        node = data.get(alias)
        if node:
            found[login] = user_row_from_graphql(node)
        elif alias in not_found:
            found[login] = None
        else:
            unknown.append(login)
    return found, unknown


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
                    "days": item.get("days"),  # Sunday..Saturday counts, when GitHub gives them
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
