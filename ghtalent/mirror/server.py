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

This module holds the HTTP plumbing, the router and `MirrorServer`; the answers live beside it:
`limits.py` (faults, rate-limit buckets, the API gate), `rest.py` (REST endpoints), `shapes.py`
(repository and account JSON), `graphql.py`, `pages.py` (homepages, robots.txt), `x.py` (the X
API copy and profile pages), `openalex.py` (OpenAlex) and `served.py` (the date-shifted world).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import signal
import threading
import time
from dataclasses import asdict
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ghtalent.mirror import graphql, limits, openalex, pages, rest, x
from ghtalent.mirror.limits import DEFAULT_LIMITS, Bucket, Faults
from ghtalent.mirror.served import World
from ghtalent.mirror.shapes import social_accounts as _social_accounts
from ghtalent.mirror.world import load_world

__all__ = ["DEFAULT_LIMITS", "Bucket", "Faults", "MirrorHandler", "MirrorServer", "World", "main"]
__all__ += ["_social_accounts"]  # the name the GitHub tests import

DOCS = "https://docs.github.com/rest"


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
        return limits.consume(self.server, self.path, name)

    def _rate_headers(self, resource: str) -> dict[str, str]:
        return limits.rate_headers(self.server.buckets, resource)

    def _api_gate(self, resource: str) -> dict[str, str] | None:
        """Faults and rate limits; answers the request itself and returns None when it failed."""
        return limits.api_gate(self, resource)

    def _charge(self, resource: str) -> bool:
        return limits.charge(self, resource)

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
            graphql.handle(self, raw)
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
            pages.robots_txt(self)
            return
        if parts[:1] == ["pages"]:
            pages.page(self, path, query)
            return
        if parts[:2] == ["social", "x"] and len(parts) == 3:
            x.profile_page(self, parts[2])
            return
        if path == "/2/users/by":
            x.users_by(self, query)
            return
        if path == "/rate_limit":
            self._json(200, limits.rate_limit_answer(self.server.buckets))
            return

        if parts[:1] == ["openalex"]:  # OpenAlex shapes over the same world (mirror/openalex.py)
            openalex.handle(self, parts[1:], query)
            return
        resource = "search" if parts[:1] == ["search"] else "core"
        if self._api_gate(resource) is None:
            return
        if parts == ["search", "repositories"]:
            rest.search_repositories(self, query)
        elif len(parts) == 3 and parts[0] == "repos":
            rest.get_repository(self, f"{parts[1]}/{parts[2]}")
        elif len(parts) == 2 and parts[0] == "repositories":
            rest.get_repository_by_id(self, parts[1])
        elif len(parts) == 5 and parts[0] == "repos" and parts[3:] == ["stats", "contributors"]:
            rest.contributor_stats(self, f"{parts[1]}/{parts[2]}")
        elif len(parts) == 4 and parts[0] == "repos" and parts[3] == "contributors":
            rest.list_contributors(self, f"{parts[1]}/{parts[2]}", query)
        elif len(parts) == 5 and parts[0] == "repos" and parts[3:] == ["stargazers", "history"]:
            rest.stargazer_history(self, f"{parts[1]}/{parts[2]}", query)
        elif len(parts) == 2 and parts[0] in ("users", "orgs"):
            rest.get_account(self, parts[1], org_only=parts[0] == "orgs")
        else:
            self._error(404, "Not Found")


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
        slow_page_seconds: float = 1.0,  # a slow host (100x a normal answer), under any timeout
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
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.05},  # how soon `stop` is noticed
            name="ghtalent-mirror",
            daemon=True,
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
    # SIGTERM stops the server even when its parent ignored it: a process that ignores a
    # signal passes that on to what it starts (Dagster maps SIGTERM to SIGINT's handler, and a
    # background job ignores SIGINT), and a mirror left serving holds its port for good.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
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


if __name__ == "__main__":
    main()
