"""X API v2 user lookup: follower counts for Twitter/X handles, 100 a call.

`GET /2/users/by?usernames=a,b,...&user.fields=public_metrics` with a bearer token
(`X_BEARER_TOKEN`). The same discipline as the GitHub client: one session, a store of answers
by handle (reused while younger than `max_age_days`, so a rerun asks nothing twice), bounded
retries with backoff on 5xx and connection errors, 429 waits until `x-rate-limit-reset` (never
longer than `max_wait`), and a budget of calls per run. A handle the API did not answer for
(no token, budget spent, rate limit too long) is *unknown*, never zero; `XLookup.reason` says
why. The token is sent only in the Authorization header to the configured API host.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from ghtalent.github.clock import SystemClock
from ghtalent.store import LoginStore

DEFAULT_X_API = "https://api.x.com"
BATCH = 100  # usernames per call: the API's maximum
HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")

log = logging.getLogger("ghtalent.xapi")


@dataclass
class XLookup:
    """Follower counts by lower-case handle (None: the API says no such account), what was
    left unknown, and why."""

    followers: dict[str, int | None] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    reason: str | None = None  # why `unknown` is not empty: no_x_token, budget, rate_limited, ...
    requests: Counter = field(default_factory=Counter)


class XClient:
    """One session to the X API (or the mirror's copy of its user lookup)."""

    def __init__(
        self,
        base_url: str,
        token: str,
        store_path: Path | str,
        *,
        max_age_days: float = 7.0,
        max_calls: int = 50,
        max_wait: float = 900.0,
        max_retries: int = 3,
        timeout: tuple[float, float] = (5.0, 20.0),
        clock: Any = None,
        logger: Any = None,
    ):
        self.base_url = base_url.rstrip("/")
        self._token = token
        self.store = LoginStore(store_path, table="x_followers", column="followers")
        self.max_age_days = max_age_days
        self.max_calls = max_calls
        self.max_wait = max_wait
        self.max_retries = max_retries
        self.timeout = timeout
        self.clock = clock or SystemClock()
        self.log = logger or log
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers.update({"User-Agent": "ghtalent/0.1"})

    def followers(self, handles: Iterable[str], now: datetime | None = None) -> XLookup:
        """Follower counts for `handles` (invalid handles are skipped)."""
        now = now or datetime.now(UTC)
        wanted = sorted(
            {
                h.strip().lstrip("@").lower()
                for h in handles
                if h and HANDLE.match(h.strip().lstrip("@"))
            }
        )
        result = XLookup()
        stored = self.store.get_fresh(wanted, now, self.max_age_days)
        for handle, value in stored.items():
            result.followers[handle] = value["followers"] if value else None
        result.requests["cache"] += len(stored)
        todo = [h for h in wanted if h not in stored]
        for calls, start in enumerate(range(0, len(todo), BATCH)):
            batch = todo[start : start + BATCH]
            if calls >= self.max_calls:
                result.unknown.update(todo[start:])
                result.reason = f"budget ({self.max_calls} X API calls per run)"
                break
            answer, reason = self._lookup(batch, result.requests)
            if answer is None:
                result.unknown.update(todo[start:])
                result.reason = reason
                break
            for handle in batch:
                if handle in answer:
                    result.followers[handle] = answer[handle]
                else:  # neither counted nor reported missing: unknown, and asked again next run
                    result.unknown.add(handle)
            self.store.put(
                {h: ({"followers": c} if c is not None else None) for h, c in answer.items()}, now
            )
        return result

    # -- one call ---------------------------------------------------------------------------

    def _lookup(
        self, batch: list[str], counter: Counter
    ) -> tuple[dict[str, int | None] | None, str | None]:
        url = f"{self.base_url}/2/users/by"
        params = {"usernames": ",".join(batch), "user.fields": "public_metrics"}
        headers = {"Authorization": f"Bearer {self._token}"}
        attempt = 0
        while True:
            try:
                response = self.session.get(
                    url, params=params, headers=headers, timeout=self.timeout
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                counter["retries"] += 1
                attempt += 1
                if attempt > self.max_retries:
                    return None, f"connection_error ({type(exc).__name__})"
                self.clock.sleep(min(2.0**attempt, 30.0))
                continue
            counter["x"] += 1
            if response.status_code == 429:
                reset = response.headers.get("x-rate-limit-reset", "")
                wait = (
                    float(reset) - self.clock.time() + 1
                    if reset.isdigit()
                    else 60.0 * (attempt + 1)
                )
                attempt += 1
                if wait > self.max_wait or attempt > self.max_retries:
                    return None, f"rate_limited (reset in {max(wait, 0):.0f} s)"
                self.log.info(
                    f"X API rate limit: waiting {max(wait, 0):.0f} s (x-rate-limit-reset)"
                )
                counter["rate_limit_waits"] += 1
                self.clock.sleep(max(wait, 0.0))
                continue
            if response.status_code >= 500:
                attempt += 1
                counter["retries"] += 1
                if attempt > self.max_retries:
                    return None, f"http_{response.status_code}"
                self.clock.sleep(min(2.0**attempt, 30.0))
                continue
            if response.status_code in (401, 403):
                return None, f"http_{response.status_code} (check X_BEARER_TOKEN)"
            if response.status_code != 200:
                return None, f"http_{response.status_code}"
            try:
                body = response.json()
            except ValueError:
                return None, "bad_json"
            return _parse(body, batch), None

    def close(self) -> None:
        self.session.close()
        self.store.close()

    def __enter__(self) -> XClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _parse(body: Any, batch: list[str]) -> dict[str, int | None]:
    """{handle: followers} from a users/by answer; handles named in `errors` map to None."""
    found: dict[str, int | None] = {}
    for user in (body or {}).get("data") or []:
        if not isinstance(user, dict):
            continue
        name = str(user.get("username") or "").lower()
        count = (user.get("public_metrics") or {}).get("followers_count")
        if name in batch and isinstance(count, int) and 0 <= count < 10**12:
            found[name] = count
    for error in (body or {}).get("errors") or []:
        value = str((error or {}).get("value") or "").lower()
        if value in batch and value not in found:
            found[value] = None
    return found
