"""A GitHub-compatible HTTP server over a snapshot world, on 127.0.0.1.

It answers with GitHub's response shapes, status codes and headers (`Link`, `ETag`,
`X-RateLimit-*`), its search semantics (name/description/topics, stars order, per_page <= 100,
the 1,000 cap), GraphQL user lookups and the weekly `stargazers/history`; it also serves the
personal homepages and social-profile pages the scraper reads. Tests switch faults on through
`MirrorServer.faults` (or `POST /_mirror/faults`): rate-limit exhaustion (with and without a
reset header), secondary limits with Retry-After, 5xx bursts, slow answers, truncated bodies,
200s whose body is not JSON, GraphQL errors inside a 200 (RATE_LIMITED, timeouts, a null user
with a non-NOT_FOUND error), 301s and Links to another host, refused contributor lists and
`stats/contributors` answering 202 while it computes. Like GitHub, every API answer carries
`Vary: Accept, Authorization, Cookie, X-GitHub-OTP`.

The world is anchored at `meta.anchor_date`; the server shifts every date by whole weeks so the
world always looks current (weeks stay Sunday-aligned).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import re
import threading
import time
import zlib
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from ghtalent.mirror import openalex
from ghtalent.mirror.world import load_world, matches, week_start

DOCS = "https://docs.github.com/rest"
SEARCH_CAP = 1000
GRAPHQL_ALIAS = re.compile(r'(\w+)\s*:\s*user\s*\(\s*login\s*:\s*("(?:[^"\\]|\\.)*")\s*\)')
TOO_LARGE = "The history or contributor list is too large to list contributors for this repository via the API."


@dataclass
class Faults:
    """Faults a test can switch on; counts are decremented as requests consume them."""

    rate_limit: int = 0  # next N API requests: 403 primary limit exhausted (reset in 60 s)
    secondary: int = 0  # next N: 403 secondary limit with Retry-After
    secondary_no_retry_after: int = 0  # next N: 403 secondary limit message, no Retry-After
    server_errors: int = 0  # next N: 502
    truncate: int = 0  # next N 200 bodies cut in half (Content-Length says the full size)
    slow: float = 0.0  # seconds added to every API answer
    path_prefix: str = ""  # faults apply only to paths starting with this
    retry_after: int = 30
    invalid_json: int = 0  # next N 200 bodies complete in length but not JSON
    rate_limit_no_reset: int = 0  # next N: 403 with X-RateLimit-Remaining: 0, no reset header
    rate_limit_stale_reset: int = 0  # next N: 403, remaining 0, a reset already in the past
    graphql_rate_limited: int = 0  # next N GraphQL: 200 with errors[].type RATE_LIMITED
    graphql_limit_type: str = "RATE_LIMITED"  # or RATE_LIMIT (GitHub's newer name)
    graphql_timeout: int = 0  # next N GraphQL: 200 with data null and a timeout message
    graphql_null: int = 0  # next N GraphQL: first user null with a non-NOT_FOUND error
    redirect: int = 0  # next N GET /repos/{o}/{r}: 301 to /repositories/{id} (renamed repo)
    redirect_origin: str = ""  # where those 301s point (default: this mirror)
    link_origin: str = ""  # origin named by Link headers (default: this mirror)
    contributors_too_large: int = 0  # next N contributor lists refused (403 too large)
    stats_computing: int = 0  # next N stats/contributors: 202 (statistics being computed)


@dataclass
class Bucket:
    limit: int
    window: int  # seconds
    remaining: int = -1
    reset: float = 0.0

    def spend(self, now: float, cost: int = 1) -> bool:
        if now >= self.reset or self.remaining < 0:
            self.remaining, self.reset = self.limit, math.floor(now) + self.window
        if self.remaining < cost:
            return False
        self.remaining -= cost
        return True


DEFAULT_LIMITS = {"core": (5000, 3600), "search": (30, 60), "graphql": (5000, 3600)}


class World:
    """Indexes over a world dict, with every date shifted to look current."""

    def __init__(self, world: dict, today: date | None = None):
        self.raw = world
        anchor = date.fromisoformat(world["meta"]["anchor_date"])
        today = today or datetime.now(UTC).date()
        self.shift = timedelta(days=7 * max(0, (today - anchor).days // 7))
        self.accounts = {a["login"].lower(): a for a in world["accounts"]}
        self.repos = {f"{r['owner']}/{r['name']}".lower(): r for r in world["repos"]}
        self.pages: dict[str, str] = world.get("pages", {})
        self.page_faults: dict[str, str] = world.get("page_faults", {})
        self.social: dict[str, int] = {k.lower(): v for k, v in world.get("social", {}).items()}
        self._search_cache: dict[str, list[dict]] = {}
        self._lock = threading.Lock()

    def ts(self, value: str | None) -> str | None:
        if not value:
            return None
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")) + self.shift
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def search(self, term: str) -> list[dict]:
        key = term.lower()
        with self._lock:
            if key not in self._search_cache:
                found = [r for r in self.raw["repos"] if matches(r, term)]
                found.sort(key=lambda r: (-r["stargazers_count"], r["id"]))
                self._search_cache[key] = found
            return self._search_cache[key]


def _owner_json(account: dict | None, login: str, api: str) -> dict:
    account = account or {"login": login, "id": 0, "type": "User"}
    return {
        "login": account["login"],
        "id": account["id"],
        "node_id": account.get("node_id") or "",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{account['id']}?v=4",
        "gravatar_id": "",
        "url": f"{api}/users/{account['login']}",
        "html_url": f"https://github.com/{account['login']}",
        "followers_url": f"{api}/users/{account['login']}/followers",
        "following_url": f"{api}/users/{account['login']}/following{{/other_user}}",
        "gists_url": f"{api}/users/{account['login']}/gists{{/gist_id}}",
        "starred_url": f"{api}/users/{account['login']}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{api}/users/{account['login']}/subscriptions",
        "organizations_url": f"{api}/users/{account['login']}/orgs",
        "repos_url": f"{api}/users/{account['login']}/repos",
        "events_url": f"{api}/users/{account['login']}/events{{/privacy}}",
        "received_events_url": f"{api}/users/{account['login']}/received_events",
        "type": account.get("type", "User"),
        "user_view_type": "public",
        "site_admin": False,
    }


class MirrorHandler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server_version = "ghtalent-mirror"

    # -- plumbing ------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:  # quiet by default
        if self.server.verbose:
            super().log_message(format, *args)

    @property
    def origin(self) -> str:
        return f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"

    def _send(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json; charset=utf-8",
    ) -> None:
        headers = dict(headers or {})
        truncate = False
        if status == 200 and self._consume("truncate"):
            truncate = True
        elif (
            status == 200
            and content_type.startswith("application/json")
            and self._consume("invalid_json")
        ):
            body = body[: len(body) // 2].ljust(len(body), b" ")  # full length, not JSON
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if truncate:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self._send(status, body, headers)

    def _error(self, status: int, message: str, doc: str = "", headers: dict | None = None) -> None:
        payload = {"message": message, "documentation_url": f"{DOCS}{doc}", "status": str(status)}
        self._json(status, payload, headers)

    def _consume(self, name: str) -> bool:
        state = self.server
        with state.lock:
            faults = state.faults
            if faults.path_prefix and not self.path.startswith(faults.path_prefix):
                return False
            if getattr(faults, name) > 0:
                setattr(faults, name, getattr(faults, name) - 1)
                return True
        return False

    def _rate_headers(self, resource: str) -> dict[str, str]:
        bucket = self.server.buckets[resource]
        return {
            "X-RateLimit-Limit": str(bucket.limit),
            "X-RateLimit-Remaining": str(max(bucket.remaining, 0)),
            "X-RateLimit-Reset": str(int(bucket.reset)),
            "X-RateLimit-Used": str(bucket.limit - max(bucket.remaining, 0)),
            "X-RateLimit-Resource": resource,
        }

    def _api_gate(self, resource: str) -> dict[str, str] | None:
        """Faults and rate limits; answers the request itself and returns None when it failed."""
        state = self.server
        with state.lock:
            state.stats[resource] = state.stats.get(resource, 0) + 1
            if self.headers.get("Authorization"):
                state.stats["with_token"] = state.stats.get("with_token", 0) + 1
        if state.faults.slow:
            time.sleep(state.faults.slow)
        if self._consume("server_errors"):
            self._json(502, {"message": "Server Error"})
            return None
        if self._consume("rate_limit"):
            headers = self._rate_headers(resource)
            headers.update(
                {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 60)}
            )
            self._error(
                403,
                "API rate limit exceeded for 127.0.0.1.",
                "/overview/rate-limits-for-the-rest-api",
                headers,
            )
            return None
        if self._consume("rate_limit_no_reset"):
            # As GitHub answered in a real recording: remaining 0, no X-RateLimit-Reset.
            self._json(
                403,
                {"message": "API Rate Limit Exceeded for 127.0.0.1"},
                {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0"},
            )
            return None
        if self._consume("rate_limit_stale_reset"):
            headers = self._rate_headers(resource)
            headers.update(
                {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) - 600)}
            )
            self._error(
                403,
                "API rate limit exceeded for 127.0.0.1.",
                "/overview/rate-limits-for-the-rest-api",
                headers,
            )
            return None
        if self._consume("secondary"):
            self._error(
                403,
                "You have exceeded a secondary rate limit. Please wait a few minutes "
                "before you try again.",
                "/overview/rate-limits-for-the-rest-api",
                {"Retry-After": str(state.faults.retry_after)},
            )
            return None
        if self._consume("secondary_no_retry_after"):
            self._error(
                403,
                "You have exceeded a secondary rate limit. Please wait a few minutes "
                "before you try again.",
                "/overview/rate-limits-for-the-rest-api",
            )
            return None
        return {}

    def _charge(self, resource: str) -> bool:
        with self.server.lock:
            ok = self.server.buckets[resource].spend(time.time())
        if not ok:
            headers = self._rate_headers(resource)
            self._error(
                403,
                f"API rate limit exceeded for {resource}.",
                "/overview/rate-limits-for-the-rest-api",
                headers,
            )
        return ok

    def _api_json(self, resource: str, payload: Any, links: dict[str, str] | None = None) -> None:
        """A 200 with ETag; a matching If-None-Match gets a free 304."""
        body = json.dumps(payload, ensure_ascii=False).encode()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        headers = {
            "ETag": etag,
            "Cache-Control": "private, max-age=60, s-maxage=60",
            "Vary": "Accept, Authorization, Cookie, X-GitHub-OTP",
        }
        if links:
            headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
        if self.headers.get("If-None-Match") == etag:
            with self.server.lock:
                self.server.stats["304"] = self.server.stats.get("304", 0) + 1
            headers.update(self._rate_headers(resource))
            self.send_response(304)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not self._charge(resource):
            return
        headers.update(self._rate_headers(resource))
        self._send(200, body, headers)

    # -- routing -------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = urlsplit(self.path)
        path, query = url.path, parse_qs(url.query)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route_get(path, query)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path == "/graphql":
            self._graphql(raw)
        elif url.path == "/_mirror/faults":
            changes = json.loads(raw or b"{}")
            with self.server.lock:
                for key, value in changes.items():
                    if hasattr(self.server.faults, key):
                        setattr(self.server.faults, key, value)
            self._json(200, asdict(self.server.faults))
        else:
            self._error(404, "Not Found")

    def _route_get(self, path: str, query: dict[str, list[str]]) -> None:
        world = self.server.world
        parts = [p for p in path.split("/") if p]
        if path == "/_mirror/stats":
            self._json(200, dict(self.server.stats))
            return
        if path in ("/_mirror/meta", "/meta"):
            self._json(200, {"mirror": True, **world.raw["meta"], "shift_days": world.shift.days})
            return
        if path == "/robots.txt":
            disallowed = [p for p, f in world.page_faults.items() if f == "robots_disallow"]
            text = "User-agent: *\n" + "".join(f"Disallow: {p}\n" for p in disallowed)
            self._send(200, text.encode(), content_type="text/plain; charset=utf-8")
            return
        if parts[:1] == ["pages"]:
            self._page(path, query)
            return
        if parts[:2] == ["social", "x"] and len(parts) == 3:
            self._social(parts[2])
            return
        if path == "/2/users/by":
            self._x_users(query)
            return
        if path == "/rate_limit":
            resources = {}
            for name, bucket in self.server.buckets.items():
                bucket.spend(time.time(), cost=0)
                resources[name] = {
                    "limit": bucket.limit,
                    "remaining": bucket.remaining,
                    "reset": int(bucket.reset),
                    "used": bucket.limit - bucket.remaining,
                }
            self._json(200, {"resources": resources, "rate": resources["core"]})
            return

        if parts[:1] == ["openalex"]:  # OpenAlex shapes over the same world (mirror/openalex.py)
            openalex.handle(self, parts[1:], query)
            return
        resource = "search" if parts[:1] == ["search"] else "core"
        if self._api_gate(resource) is None:
            return
        if parts == ["search", "repositories"]:
            self._search(query)
        elif len(parts) == 3 and parts[0] == "repos":
            self._repo(f"{parts[1]}/{parts[2]}")
        elif len(parts) == 2 and parts[0] == "repositories":
            self._repo_by_id(parts[1])
        elif len(parts) == 5 and parts[0] == "repos" and parts[3:] == ["stats", "contributors"]:
            self._stats_contributors(f"{parts[1]}/{parts[2]}")
        elif len(parts) == 4 and parts[0] == "repos" and parts[3] == "contributors":
            self._contributors(f"{parts[1]}/{parts[2]}", query)
        elif len(parts) == 5 and parts[0] == "repos" and parts[3:] == ["stargazers", "history"]:
            self._history(f"{parts[1]}/{parts[2]}", query)
        elif len(parts) == 2 and parts[0] in ("users", "orgs"):
            self._account(parts[1], org_only=parts[0] == "orgs")
        else:
            self._error(404, "Not Found")

    # -- API endpoints -------------------------------------------------------------------
    def _page_args(self, query: dict, per_page_max: int, default: int = 30) -> tuple[int, int]:
        try:
            per_page = int(query.get("per_page", [default])[0])
            page = int(query.get("page", ["1"])[0])
        except ValueError:
            return default, 1
        return max(1, min(per_page, per_page_max)), max(1, page)

    def _links(self, path: str, query: dict, page: int, last: int) -> dict[str, str]:
        flat = {k: v[0] for k, v in query.items() if k != "page"}
        origin = self.server.faults.link_origin or self.origin

        def link(n: int) -> str:
            return f"{origin}{path}?{urlencode({**flat, 'page': n}, quote_via=quote)}"

        links = {}
        if page < last:
            links["next"] = link(page + 1)
            links["last"] = link(last)
        if page > 1:
            links["prev"] = link(page - 1)
            links["first"] = link(1)
        return links

    def _search(self, query: dict) -> None:
        q = query.get("q", [""])[0]
        terms = [t for t in q.split() if ":" not in t]
        if not terms:
            self._error(422, "Validation Failed", "/search/search#search-repositories")
            return
        found = self.server.world.search(" ".join(terms))
        per_page, page = self._page_args(query, 100)
        if page * per_page > SEARCH_CAP and (page - 1) * per_page >= SEARCH_CAP:
            self._error(422, "Only the first 1000 search results are available", "/search/search")
            return
        start = (page - 1) * per_page
        items = [self._repo_json(r, search=True) for r in found[start : start + per_page]]
        reachable = min(len(found), SEARCH_CAP)
        last = max(1, math.ceil(reachable / per_page))
        payload = {"total_count": len(found), "incomplete_results": False, "items": items}
        self._api_json("search", payload, self._links("/search/repositories", query, page, last))

    def _lookup_repo(self, full_name: str) -> dict | None:
        repo = self.server.world.repos.get(full_name.lower())
        if repo is None or repo.get("status") == "deleted":
            self._error(404, "Not Found", "/repos/repos#get-a-repository")
            return None
        if repo.get("status") == "dmca":
            self._json(
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

    def _repo_json(self, repo: dict, search: bool = False) -> dict:
        world, api = self.server.world, self.origin
        full = f"{repo['owner']}/{repo['name']}"
        owner = _owner_json(world.accounts.get(repo["owner"].lower()), repo["owner"], api)
        base = f"{api}/repos/{full}"
        lic = repo.get("license")
        data = {
            "id": repo["id"],
            "node_id": f"R_{repo['id']}",
            "name": repo["name"],
            "full_name": full,
            "private": False,
            "owner": owner,
            "html_url": f"https://github.com/{full}",
            "description": repo.get("description"),
            "fork": repo.get("fork", False),
            "url": base,
            **{
                f"{k}_url": f"{base}/{k}"
                for k in (
                    "forks",
                    "teams",
                    "hooks",
                    "events",
                    "tags",
                    "languages",
                    "stargazers",
                    "contributors",
                    "subscribers",
                    "subscription",
                    "merges",
                    "downloads",
                    "deployments",
                )
            },
            **{
                f"{k}_url": f"{base}/{k}{{/{v}}}"
                for k, v in (
                    ("keys", "key_id"),
                    ("collaborators", "collaborator"),
                    ("issue_events", "number"),
                    ("assignees", "user"),
                    ("branches", "branch"),
                    ("blobs", "sha"),
                    ("git_tags", "sha"),
                    ("git_refs", "sha"),
                    ("trees", "sha"),
                    ("statuses", "sha"),
                    ("commits", "sha"),
                    ("git_commits", "sha"),
                    ("comments", "number"),
                    ("issue_comment", "number"),
                    ("contents", "+path"),
                    ("issues", "number"),
                    ("pulls", "number"),
                    ("milestones", "number"),
                    ("notifications", "?since,all,participating"),
                    ("labels", "name"),
                    ("releases", "id"),
                )
            },
            "archive_url": f"{base}/{{archive_format}}{{/ref}}",
            "compare_url": f"{base}/compare/{{base}}...{{head}}",
            "created_at": world.ts(repo["created_at"]),
            "updated_at": world.ts(repo.get("updated_at")),
            "pushed_at": world.ts(repo.get("pushed_at")),
            "git_url": f"git://github.com/{full}.git",
            "ssh_url": f"git@github.com:{full}.git",
            "clone_url": f"https://github.com/{full}.git",
            "svn_url": f"https://github.com/{full}",
            "homepage": repo.get("homepage"),
            "size": repo.get("size", 0),
            "stargazers_count": repo["stargazers_count"],
            "watchers_count": repo["stargazers_count"],
            "language": repo.get("language"),
            "has_issues": True,
            "has_projects": True,
            "has_downloads": True,
            "has_wiki": True,
            "has_pages": False,
            "has_discussions": False,
            "forks_count": repo["forks_count"],
            "mirror_url": None,
            "archived": repo.get("archived", False),
            "disabled": False,
            "open_issues_count": repo.get("open_issues_count", 0),
            "license": {
                "key": lic.lower(),
                "name": lic,
                "spdx_id": lic,
                "url": f"{api}/licenses/{lic.lower()}",
                "node_id": f"L_{lic}",
            }
            if lic
            else None,
            "allow_forking": True,
            "is_template": False,
            "web_commit_signoff_required": False,
            "topics": repo.get("topics", []),
            "visibility": "public",
            "forks": repo["forks_count"],
            "open_issues": repo.get("open_issues_count", 0),
            "watchers": repo["stargazers_count"],
            "default_branch": repo.get("default_branch", "main"),
        }
        if search:
            data["score"] = 1.0
        else:
            data["network_count"] = repo["forks_count"]
            data["subscribers_count"] = max(1, repo["stargazers_count"] // 30)
            data["temp_clone_token"] = None
            if owner["type"] == "Organization":
                data["organization"] = owner
        return data

    def _repo(self, full_name: str, by_id: bool = False) -> None:
        repo = self._lookup_repo(full_name)
        if repo is None:
            return
        if not by_id and self._consume("redirect"):
            # GitHub's answer for a renamed or transferred repository.
            target = (
                f"{self.server.faults.redirect_origin or self.origin}/repositories/{repo['id']}"
            )
            self._json(
                301,
                {
                    "message": "Moved Permanently",
                    "url": target,
                    "documentation_url": "https://docs.github.com/v3/#http-redirects",
                },
                {"Location": target, **self._rate_headers("core")},
            )
            return
        self._api_json("core", self._repo_json(repo))

    def _repo_by_id(self, repo_id: str) -> None:
        found = [r for r in self.server.world.raw["repos"] if str(r["id"]) == repo_id]
        if not found:
            self._error(404, "Not Found", "/repos/repos#get-a-repository")
            return
        self._repo(f"{found[0]['owner']}/{found[0]['name']}", by_id=True)

    def _stats_contributors(self, full_name: str) -> None:
        """Commit totals of the top authors, ascending as GitHub sends them; 202 `{}` while
        GitHub is still computing them."""
        repo = self._lookup_repo(full_name)
        if repo is None:
            return
        if self._consume("stats_computing"):
            self._json(202, {}, self._rate_headers("core"))
            return
        api, accounts = self.origin, self.server.world.accounts
        weeks = max(1, len(repo.get("star_weeks", [])))
        created = datetime.fromisoformat(repo["created_at"].replace("Z", "+00:00"))
        first = week_start((created + self.server.world.shift).date())
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
                    "author": _owner_json(accounts.get(row[0].lower()), row[0], api),
                }
            )
        self._api_json("core", items)

    def _contributors(self, full_name: str, query: dict) -> None:
        repo = self._lookup_repo(full_name)
        if repo is None:
            return
        status = repo.get("contributors_status", "ok")
        if status == "too_large" or self._consume("contributors_too_large"):
            self._error(403, TOO_LARGE, "/repos/repos#list-repository-contributors")
            return
        rows = repo.get("contributors", [])
        if query.get("anon", ["0"])[0].lower() not in ("1", "true"):
            rows = [r for r in rows if r[0]]
        if status == "empty" or not rows:
            self.send_response(204)
            for k, v in self._rate_headers("core").items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        per_page, page = self._page_args(query, 100)
        chunk = rows[(page - 1) * per_page : page * per_page]
        api, accounts = self.origin, self.server.world.accounts
        items = []
        for row in chunk:
            if row[0]:
                item = _owner_json(accounts.get(row[0].lower()), row[0], api)
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
        self._api_json("core", items, self._links(path, query, page, last))

    def _history(self, full_name: str, query: dict) -> None:
        repo = self._lookup_repo(full_name)
        if repo is None:
            return
        per_page, page = self._page_args(query, 30)
        if page > 100:
            self._error(
                422, "Pagination is limited to 100 pages for this endpoint", "/activity/starring"
            )
            return
        world = self.server.world
        created = datetime.fromisoformat(repo["created_at"].replace("Z", "+00:00")) + world.shift
        first_week = week_start(created.date())
        weeks = repo.get("star_weeks", [])
        # Newest first: position p of the answer is week len - 1 - p. Only the page's weeks
        # are built (a repository with years of weeks is read page after page).
        newest = len(weeks) - 1
        chunk = []
        for p in range((page - 1) * per_page, min(page * per_page, len(weeks))):
            i = newest - p
            start = datetime.combine(first_week + timedelta(weeks=i), datetime.min.time(), UTC)
            base, extra = divmod(weeks[i], 7)
            chunk.append(
                {
                    "week": int(start.timestamp()),
                    "total": weeks[i],
                    "days": [base + (1 if d < extra else 0) for d in range(7)],
                }
            )
        last = max(1, min(100, math.ceil(len(weeks) / per_page)))
        self._api_json(
            "core", chunk, self._links(f"/repos/{full_name}/stargazers/history", query, page, last)
        )

    def _account_json(self, account: dict) -> dict:
        world, api = self.server.world, self.origin
        data = _owner_json(account, account["login"], api)
        blog = account.get("blog") or ""
        data.update(
            {
                "name": account.get("name"),
                "company": account.get("company"),
                "blog": blog.replace("{mirror}", self.origin),
                "location": account.get("location"),
                "email": account.get("email"),
                "hireable": account.get("hireable"),
                "bio": account.get("bio"),
                "twitter_username": account.get("twitter_username"),
                "public_repos": account.get("public_repos", 0),
                "public_gists": 0,
                "followers": account.get("followers", 0),
                "following": account.get("following", 0),
                "created_at": world.ts(account.get("created_at")),
                "updated_at": world.ts(account.get("updated_at") or account.get("created_at")),
            }
        )
        if account.get("type") == "Organization":
            data["description"] = data.pop("bio")
            data["is_verified"] = False
            data["has_organization_projects"] = True
            data["has_repository_projects"] = True
        return data

    def _account(self, login: str, org_only: bool) -> None:
        account = self.server.world.accounts.get(login.lower())
        if account is None or (org_only and account.get("type") != "Organization"):
            self._error(404, "Not Found", "/users/users#get-a-user")
            return
        self._api_json("core", self._account_json(account))

    def _graphql(self, raw: bytes) -> None:
        if self._api_gate("graphql") is None:
            return
        try:
            query = json.loads(raw or b"{}").get("query", "")
        except ValueError:
            self._json(400, {"message": "Problems parsing JSON"})
            return
        if not self._charge("graphql"):
            return
        if self._consume("graphql_rate_limited"):
            headers = self._rate_headers("graphql")
            headers.update(
                {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 60)}
            )
            kind = self.server.faults.graphql_limit_type
            message = "API rate limit exceeded for user ID 1."
            self._json(200, {"errors": [{"type": kind, "message": message}]}, headers)
            return
        if self._consume("graphql_timeout"):
            message = (
                "Something went wrong while executing your query. This may be the result of a "
                "timeout, or it could be a GitHub bug. Please include `0000:0000:0000000` when "
                "reporting this issue."
            )
            self._json(
                200, {"data": None, "errors": [{"message": message}]}, self._rate_headers("graphql")
            )
            return
        null_first = self._consume("graphql_null")
        world = self.server.world
        data: dict[str, Any] = {}
        errors = []
        for n, (alias, quoted) in enumerate(GRAPHQL_ALIAS.findall(query)):
            login = json.loads(quoted)
            account = world.accounts.get(login.lower())
            if null_first and n == 0:
                # A server-side failure for one field: null, with an error that is no NOT_FOUND.
                data[alias] = None
                errors.append(
                    {
                        "path": [alias],
                        "locations": [],
                        "message": "Something went wrong while executing your query.",
                    }
                )
                continue
            if account is None or account.get("type") != "User":
                data[alias] = None
                errors.append(
                    {
                        "type": "NOT_FOUND",
                        "path": [alias],
                        "locations": [],
                        "message": f"Could not resolve to a User with the login of '{login}'.",
                    }
                )
                continue
            data[alias] = {
                "__typename": "User",
                "login": account["login"],
                "name": account.get("name"),
                "company": account.get("company"),
                "location": account.get("location"),
                "bio": account.get("bio") or "",
                "email": account.get("email") or "",
                "websiteUrl": (account.get("blog") or "").replace("{mirror}", self.origin) or None,
                "twitterUsername": account.get("twitter_username"),
                "createdAt": world.ts(account.get("created_at")),
                "updatedAt": world.ts(account.get("updated_at") or account.get("created_at")),
                "url": f"https://github.com/{account['login']}",
                "databaseId": account["id"],
                "followers": {"totalCount": account.get("followers", 0)},
                "following": {"totalCount": account.get("following", 0)},
                "repositories": {"totalCount": account.get("public_repos", 0)},
                "socialAccounts": {"nodes": _social_accounts(account)},
            }
        if "rateLimit" in query:
            bucket = self.server.buckets["graphql"]
            data["rateLimit"] = {
                "cost": 1,
                "remaining": bucket.remaining,
                "resetAt": datetime.fromtimestamp(bucket.reset, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        payload: dict[str, Any] = {"data": data}
        if errors:
            payload["errors"] = errors
        self._send(
            200, json.dumps(payload, ensure_ascii=False).encode(), self._rate_headers("graphql")
        )

    # -- the small web: homepages and social profiles -----------------------------------
    def _page(self, path: str, query: dict) -> None:
        world = self.server.world
        fault = world.page_faults.get(path)
        html = world.pages.get(path)
        if html is None:
            self._send(404, b"<html><body>Not found</body></html>", content_type="text/html")
            return
        html = html.replace("{mirror}", self.origin)
        if fault == "huge":
            chunk = ("<p>" + "lorem ipsum " * 80 + "</p>\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.close_connection = True
            try:
                for _ in range(20_000):  # ~20 MB unless the client hangs up first
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if fault == "binary":
            self._send(200, bytes(range(256)) * 64, content_type="application/octet-stream")
            return
        if fault == "redirect_loop":
            hop = int(query.get("hop", ["0"])[0]) + 1
            self.send_response(302)
            self.send_header("Location", f"{path}?hop={hop}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault == "slow":
            time.sleep(self.server.slow_page_seconds)
        if fault == "mis_encoded":
            self._send(
                200,
                html.encode("latin-1", errors="replace") + b"\xff\xfe\x80",
                content_type="text/html; charset=utf-8",
            )
            return
        self._send(200, html.encode(), content_type="text/html; charset=utf-8")

    def _x_users(self, query: dict) -> None:
        """The mirror's copy of the X API v2 user lookup, over the world's social counts."""
        if not (self.headers.get("Authorization") or "").startswith("Bearer "):
            self._json(401, {"title": "Unauthorized", "type": "about:blank", "status": 401})
            return
        names = [n for n in ",".join(query.get("usernames", [])).split(",") if n]
        if not names or len(names) > 100:
            detail = "usernames: between 1 and 100 names, comma-separated"
            self._json(400, {"title": "Invalid Request", "detail": detail, "status": 400})
            return
        self._json(200, _x_users_answer(self.server.world.social, names))

    def _social(self, handle: str) -> None:
        followers = self.server.world.social.get(handle.lower())
        if followers is None:
            self._send(404, b"<html><body>User not found</body></html>", content_type="text/html")
            return
        shown = _compact(followers)
        html = (
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>@{handle} | mirror social</title>"
            f"<meta property='og:description' content='@{handle} has {shown} Followers'></head>"
            f"<body><div class='profile-card'><a class='profile-card-username' href='/social/x/{handle}'>@{handle}</a>"
            "<ul class='profile-statlist'>"
            f"<li class='followers'><span class='profile-stat-header'>Followers</span>"
            f"<span class='profile-stat-num'>{shown}</span></li>"
            "</ul></div></body></html>"
        )
        self._send(200, html.encode(), content_type="text/html; charset=utf-8")


def _x_users_answer(social: dict[str, int], usernames: list[str]) -> dict:
    """The X API v2 `GET /2/users/by` answer shape (`user.fields=public_metrics`)."""
    data, errors = [], []
    for name in usernames:
        followers = social.get(name.lower())
        if followers is None:
            errors.append(
                {
                    "value": name,
                    "detail": f"Could not find user with usernames: [{name}].",
                    "title": "Not Found Error",
                    "resource_type": "user",
                    "parameter": "usernames",
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }
            )
            continue
        data.append(
            {
                "id": str(zlib.crc32(name.lower().encode())),
                "name": name,
                "username": name,
                "public_metrics": {
                    "followers_count": followers,
                    "following_count": 0,
                    "tweet_count": 0,
                    "listed_count": 0,
                },
            }
        )
    answer: dict = {"data": data} if data else {}
    if errors:
        answer["errors"] = errors
    return answer


def _compact(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M"
    if n >= 10_000:
        return f"{n / 1000:.1f}K"
    return f"{n:,}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up (the scraper's size cap, a killed run) is not the mirror's error.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    world: World
    faults: Faults
    buckets: dict[str, Bucket]
    stats: dict[str, int]
    lock: threading.Lock
    verbose: bool
    slow_page_seconds: float


class MirrorServer:
    """Start and stop a mirror in a background thread: `with MirrorServer(world) as m: m.url`."""

    def __init__(
        self,
        world: dict | World,
        host: str = "127.0.0.1",
        port: int = 0,
        today: date | None = None,
        limits: dict[str, tuple[int, int]] | None = None,
        verbose: bool = False,
        slow_page_seconds: float = 5.0,
    ):
        self.world = world if isinstance(world, World) else World(world, today)
        self.httpd = _Server((host, port), MirrorHandler)
        self.httpd.world = self.world
        self.httpd.faults = Faults()
        self.httpd.buckets = {
            k: Bucket(*v) for k, v in {**DEFAULT_LIMITS, **(limits or {})}.items()
        }
        self.httpd.stats = {}
        self.httpd.lock = threading.Lock()
        self.httpd.verbose = verbose
        self.httpd.slow_page_seconds = slow_page_seconds
        self._thread: threading.Thread | None = None

    @property
    def faults(self) -> Faults:
        return self.httpd.faults

    @property
    def stats(self) -> dict[str, int]:
        return self.httpd.stats

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> MirrorServer:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="ghtalent-mirror", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a snapshot world as a local GitHub API.")
    parser.add_argument("--world", default="data/snapshot/world.json.gz")
    parser.add_argument("--port", type=int, default=8777)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--no-limits", action="store_true", help="lift rate limits (benchmarks)")
    parser.add_argument(
        "--lazy-openalex",
        action="store_true",
        help="derive the OpenAlex authors on the first /openalex request, not before serving",
    )
    args = parser.parse_args()
    limits = {k: (10**9, 3600) for k in DEFAULT_LIMITS} if args.no_limits else None
    world = load_world(Path(args.world))
    if not args.lazy_openalex:
        # Like the real OpenAlex, the mirror's is ready when it answers: the derivation (about
        # a minute for a 150,000-account world) is done before the socket is served, not
        # inside the first request of whoever asks first (which would time out).
        started = time.perf_counter()
        openalex.academia_of(world)
        print(f"OpenAlex authors derived in {time.perf_counter() - started:.1f} s", flush=True)
    server = MirrorServer(world, port=args.port, verbose=args.verbose, limits=limits)
    print(f"ghtalent mirror serving {args.world} at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()


def _social_accounts(account: dict) -> list[dict]:
    """GraphQL socialAccounts nodes: the account's listed ones, plus its X handle as GitHub
    lists it (provider TWITTER)."""
    nodes = [dict(n) for n in account.get("social_accounts") or []]
    handle = account.get("twitter_username")
    if handle and not any(n.get("provider") == "TWITTER" for n in nodes):
        nodes.append({"provider": "TWITTER", "url": f"https://twitter.com/{handle}"})
    return nodes


if __name__ == "__main__":
    main()
