"""The mirror's GitHub REST endpoints: repository search, repositories (by name and by id),
contributor lists and statistics, the weekly stargazer history, users and organizations.

Each function answers one request on the mirror's handler (`ghtalent/mirror/server.py`), which
routes to it after the fault and rate-limit gate (`ghtalent/mirror/limits.py`).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from ghtalent.mirror.shapes import account_json, owner_json, repo_json
from ghtalent.mirror.world import week_start

if TYPE_CHECKING:
    from ghtalent.mirror.server import MirrorHandler

SEARCH_CAP = 1000
TOO_LARGE = "The history or contributor list is too large to list contributors for this repository via the API."


def page_args(query: dict, per_page_max: int, default: int = 30) -> tuple[int, int]:
    """(per_page, page) of a query, clamped as GitHub clamps them."""
    try:
        per_page = int(query.get("per_page", [default])[0])
        page = int(query.get("page", ["1"])[0])
    except ValueError:
        return default, 1
    return max(1, min(per_page, per_page_max)), max(1, page)


def links(handler: MirrorHandler, path: str, query: dict, page: int, last: int) -> dict[str, str]:
    """The `Link` header's next/last/prev/first URLs of one page of `path`."""
    flat = {k: v[0] for k, v in query.items() if k != "page"}
    origin = handler.server.faults.link_origin or handler.origin

    def link(n: int) -> str:
        return f"{origin}{path}?{urlencode({**flat, 'page': n}, quote_via=quote)}"

    rels = {}
    if page < last:
        rels["next"] = link(page + 1)
        rels["last"] = link(last)
    if page > 1:
        rels["prev"] = link(page - 1)
        rels["first"] = link(1)
    return rels


def search_repositories(handler: MirrorHandler, query: dict) -> None:
    """`GET /search/repositories`: stars order, 100 a page, the first 1,000 results only."""
    q = query.get("q", [""])[0]
    terms = [t for t in q.split() if ":" not in t]
    if not terms:
        handler._error(422, "Validation Failed", "/search/search#search-repositories")
        return
    found = handler.server.world.search(" ".join(terms))
    per_page, page = page_args(query, 100)
    if page * per_page > SEARCH_CAP and (page - 1) * per_page >= SEARCH_CAP:
        handler._error(422, "Only the first 1000 search results are available", "/search/search")
        return
    start = (page - 1) * per_page
    items = [
        repo_json(handler.server.world, r, handler.origin, search=True)
        for r in found[start : start + per_page]
    ]
    reachable = min(len(found), SEARCH_CAP)
    last = max(1, math.ceil(reachable / per_page))
    payload = {"total_count": len(found), "incomplete_results": False, "items": items}
    handler._api_json("search", payload, links(handler, "/search/repositories", query, page, last))


def lookup_repo(handler: MirrorHandler, full_name: str) -> dict | None:
    """The repository's record, or None after answering 404 (deleted) or 451 (DMCA)."""
    repo = handler.server.world.repos.get(full_name.lower())
    if repo is None or repo.get("status") == "deleted":
        handler._error(404, "Not Found", "/repos/repos#get-a-repository")
        return None
    if repo.get("status") == "dmca":
        handler._json(
            451,
            {
                "message": "Repository access blocked",
                "block": {
                    "reason": "dmca",
                    "created_at": "2025-03-01T00:00:00Z",
                    "html_url": "https://github.com/github/dmca",
                },
            },
        )
        return None
    return repo


def get_repository(handler: MirrorHandler, full_name: str, by_id: bool = False) -> None:
    """`GET /repos/{owner}/{repo}` (and the target of a rename's 301)."""
    repo = lookup_repo(handler, full_name)
    if repo is None:
        return
    if not by_id and handler._consume("redirect"):
        # GitHub's answer for a renamed or transferred repository.
        target = (
            f"{handler.server.faults.redirect_origin or handler.origin}/repositories/{repo['id']}"
        )
        handler._json(
            301,
            {
                "message": "Moved Permanently",
                "url": target,
                "documentation_url": "https://docs.github.com/v3/#http-redirects",
            },
            {"Location": target, **handler._rate_headers("core")},
        )
        return
    handler._api_json("core", repo_json(handler.server.world, repo, handler.origin))


def get_repository_by_id(handler: MirrorHandler, repo_id: str) -> None:
    """`GET /repositories/{id}`."""
    found = [r for r in handler.server.world.raw["repos"] if str(r["id"]) == repo_id]
    if not found:
        handler._error(404, "Not Found", "/repos/repos#get-a-repository")
        return
    get_repository(handler, f"{found[0]['owner']}/{found[0]['name']}", by_id=True)


def contributor_stats(handler: MirrorHandler, full_name: str) -> None:
    """Commit totals of the top authors, ascending as GitHub sends them; 202 `{}` while
    GitHub is still computing them."""
    repo = lookup_repo(handler, full_name)
    if repo is None:
        return
    if handler._consume("stats_computing"):
        handler._json(202, {}, handler._rate_headers("core"))
        return
    api, accounts = handler.origin, handler.server.world.accounts
    weeks = max(1, len(repo.get("star_weeks", [])))
    created = datetime.fromisoformat(repo["created_at"].replace("Z", "+00:00"))
    first = week_start((created + handler.server.world.shift).date())
    items = []
    for row in sorted(repo.get("contributors", [])[:100], key=lambda r: r[1]):
        if not row[0]:
            continue  # commits not tied to an account are not listed
        base, extra = divmod(int(row[1]), weeks)
        items.append(
            {
                "total": row[1],
                "weeks": [
                    {
                        "w": int(
                            datetime.combine(
                                first + timedelta(weeks=i), datetime.min.time(), UTC
                            ).timestamp()
                        ),
                        "a": 0,
                        "d": 0,
                        "c": base + (1 if i < extra else 0),
                    }
                    for i in range(weeks)
                ],
                "author": owner_json(accounts.get(row[0].lower()), row[0], api),
            }
        )
    handler._api_json("core", items)


def list_contributors(handler: MirrorHandler, full_name: str, query: dict) -> None:
    """`GET /repos/{owner}/{repo}/contributors`: 204 when empty, 403 when too large."""
    repo = lookup_repo(handler, full_name)
    if repo is None:
        return
    status = repo.get("contributors_status", "ok")
    if status == "too_large" or handler._consume("contributors_too_large"):
        handler._error(403, TOO_LARGE, "/repos/repos#list-repository-contributors")
        return
    rows = repo.get("contributors", [])
    if query.get("anon", ["0"])[0].lower() not in ("1", "true"):
        rows = [r for r in rows if r[0]]
    if status == "empty" or not rows:
        handler.send_response(204)
        for k, v in handler._rate_headers("core").items():
            handler.send_header(k, v)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    per_page, page = page_args(query, 100)
    chunk = rows[(page - 1) * per_page : page * per_page]
    api, accounts = handler.origin, handler.server.world.accounts
    items = []
    for row in chunk:
        if row[0]:
            item = owner_json(accounts.get(row[0].lower()), row[0], api)
            item["contributions"] = row[1]
        else:
            name = row[2] if len(row) > 2 else "anonymous"
            item = {
                "email": f"{name.split()[0].lower()}@users.noreply.github.com",
                "name": name,
                "type": "Anonymous",
                "contributions": row[1],
            }
        items.append(item)
    last = max(1, math.ceil(len(rows) / per_page))
    path = f"/repos/{full_name}/contributors"
    handler._api_json("core", items, links(handler, path, query, page, last))


def stargazer_history(handler: MirrorHandler, full_name: str, query: dict) -> None:
    """`GET /repos/{owner}/{repo}/stargazers/history`: weekly totals, newest first."""
    repo = lookup_repo(handler, full_name)
    if repo is None:
        return
    per_page, page = page_args(query, 30)
    if page > 100:
        handler._error(
            422, "Pagination is limited to 100 pages for this endpoint", "/activity/starring"
        )
        return
    world = handler.server.world
    created = datetime.fromisoformat(repo["created_at"].replace("Z", "+00:00")) + world.shift
    first_week = week_start(created.date())
    weeks = repo.get("star_weeks", [])
    rows = []
    for i, total in enumerate(weeks):
        start = datetime.combine(first_week + timedelta(weeks=i), datetime.min.time(), UTC)
        base, extra = divmod(total, 7)
        rows.append(
            {
                "week": int(start.timestamp()),
                "total": total,
                "days": [base + (1 if d < extra else 0) for d in range(7)],
            }
        )
    rows.reverse()  # newest first
    chunk = rows[(page - 1) * per_page : page * per_page]
    last = max(1, min(100, math.ceil(len(rows) / per_page)))
    handler._api_json(
        "core", chunk, links(handler, f"/repos/{full_name}/stargazers/history", query, page, last)
    )


def get_account(handler: MirrorHandler, login: str, org_only: bool) -> None:
    """`GET /users/{login}` or `GET /orgs/{org}`."""
    account = handler.server.world.accounts.get(login.lower())
    if account is None or (org_only and account.get("type") != "Organization"):
        handler._error(404, "Not Found", "/users/users#get-a-user")
        return
    handler._api_json("core", account_json(handler.server.world, account, handler.origin))
