"""The mirror's rate-limit buckets and the faults a test switches on, and the gate every GitHub
API answer passes through first (faults, then the bucket's charge)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ghtalent.mirror.server import MirrorHandler


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


def consume(httpd: Any, path: str, name: str) -> bool:
    """Use up one of the fault `name` for a request to `path`; True when it applies."""
    with httpd.lock:
        faults = httpd.faults
        if faults.path_prefix and not path.startswith(faults.path_prefix):
            return False
        if getattr(faults, name) > 0:
            setattr(faults, name, getattr(faults, name) - 1)
            return True
    return False


def rate_headers(buckets: dict[str, Bucket], resource: str) -> dict[str, str]:
    """GitHub's `X-RateLimit-*` headers for the bucket of `resource`."""
    bucket = buckets[resource]
    return {
        "X-RateLimit-Limit": str(bucket.limit),
        "X-RateLimit-Remaining": str(max(bucket.remaining, 0)),
        "X-RateLimit-Reset": str(int(bucket.reset)),
        "X-RateLimit-Used": str(bucket.limit - max(bucket.remaining, 0)),
        "X-RateLimit-Resource": resource,
    }


def rate_limit_answer(buckets: dict[str, Bucket]) -> dict:
    """The body of `GET /rate_limit` (which costs nothing)."""
    resources = {}
    for name, bucket in buckets.items():
        bucket.spend(time.time(), cost=0)
        resources[name] = {
            "limit": bucket.limit,
            "remaining": bucket.remaining,
            "reset": int(bucket.reset),
            "used": bucket.limit - bucket.remaining,
        }
    return {"resources": resources, "rate": resources["core"]}


def _rate_limited(handler: MirrorHandler, resource: str, reset_in: int) -> None:
    """GitHub's primary-limit 403: remaining 0, the reset `reset_in` seconds from now."""
    headers = handler._rate_headers(resource)
    headers.update(
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + reset_in)}
    )
    handler._error(
        403,
        "API rate limit exceeded for 127.0.0.1.",
        "/overview/rate-limits-for-the-rest-api",
        headers,
    )


def api_gate(handler: MirrorHandler, resource: str) -> dict[str, str] | None:
    """Faults and rate limits; answers the request itself and returns None when it failed."""
    state = handler.server
    with state.lock:
        state.stats[resource] = state.stats.get(resource, 0) + 1
        if handler.headers.get("Authorization"):
            state.stats["with_token"] = state.stats.get("with_token", 0) + 1
    if state.faults.slow:
        time.sleep(state.faults.slow)
    if handler._consume("server_errors"):
        handler._json(502, {"message": "Server Error"})
        return None
    if handler._consume("rate_limit"):
        _rate_limited(handler, resource, reset_in=60)
        return None
    if handler._consume("rate_limit_no_reset"):
        # As GitHub answered in a real recording: remaining 0, no X-RateLimit-Reset.
        handler._json(
            403,
            {"message": "API Rate Limit Exceeded for 127.0.0.1"},
            {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0"},
        )
        return None
    if handler._consume("rate_limit_stale_reset"):
        _rate_limited(handler, resource, reset_in=-600)  # a reset already past
        return None
    if handler._consume("secondary"):
        handler._error(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes "
            "before you try again.",
            "/overview/rate-limits-for-the-rest-api",
            {"Retry-After": str(state.faults.retry_after)},
        )
        return None
    if handler._consume("secondary_no_retry_after"):
        handler._error(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes "
            "before you try again.",
            "/overview/rate-limits-for-the-rest-api",
        )
        return None
    return {}


def charge(handler: MirrorHandler, resource: str) -> bool:
    """Spend one request of `resource`'s bucket; answers a 403 itself when it is empty."""
    with handler.server.lock:
        ok = handler.server.buckets[resource].spend(time.time())
    if not ok:
        headers = handler._rate_headers(resource)
        handler._error(
            403,
            f"API rate limit exceeded for {resource}.",
            "/overview/rate-limits-for-the-rest-api",
            headers,
        )
    return ok
