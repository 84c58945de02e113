"""One HTTP session to OpenAlex (`/authors`, `/works`), built on the GitHub client's machinery:
the same requests-cache SQLite cache (a GET answered today costs nothing), bounded retries
with backoff on 5xx and broken bodies, waits on 429 (Retry-After, else a short doubling wait),
and a request counter. On top: the polite pool's `mailto`, OpenAlex paging (`per-page` ≤ 200,
basic `page` and `cursor=*` paging through `meta.next_cursor`), a pace of at most 10 requests
per second (every request that goes out, from every thread), and a request budget per run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from ghtalent.github.client import GitHubClient, Reply
from ghtalent.github.clock import SystemClock
from ghtalent.github.errors import GitHubError

DEFAULT_OPENALEX = "https://api.openalex.org"
MAX_PER_PAGE = 200
FILTER_OR_LIMIT = 50  # OpenAlex takes at most 50 values OR-ed with `|` in one filter

log = logging.getLogger("ghtalent.scholar")


class OpenAlexError(GitHubError):
    """An OpenAlex answer that retries did not fix."""

    def __init__(self, status: int | None, url: str, message: str):
        super().__init__(status, url, message)
        self.args = (f"OpenAlex {status or 'connection error'} for {url}: {message}",)

    def __str__(self) -> str:
        return self.args[0]


class BudgetExhausted(OpenAlexError):
    """The run's request budget for OpenAlex is spent; the rest waits for the next run."""

    def __init__(self, budget: int, url: str):
        super().__init__(
            None,
            url,
            f"the request budget of {budget} OpenAlex requests is spent; raise "
            "`max_requests` in config/academic.toml or let the next run continue",
        )


def short_id(value: str | None) -> str | None:
    """'https://openalex.org/A5023888391' → 'A5023888391' (ids pass through)."""
    if not value:
        return None
    return str(value).rstrip("/").rsplit("/", 1)[-1]


class OpenAlexClient(GitHubClient):
    """OpenAlex over one cached session; `counter.counts['core']` counts answered requests."""

    def __init__(
        self,
        base_url: str = DEFAULT_OPENALEX,
        mailto: str | None = None,
        cache_path: Path | str | None = None,
        clock: SystemClock | None = None,
        max_requests: int | None = None,
        min_interval: float = 0.1,
        logger: logging.Logger | Any | None = None,
        **kwargs: Any,
    ):
        kwargs.setdefault("secondary_wait", 1.0)  # OpenAlex's limit is per second
        kwargs.setdefault("max_attempts", 5)
        kwargs.setdefault("timeout", (10.0, 30.0))
        super().__init__(
            base_url,
            token=None,
            cache_path=cache_path,
            clock=clock,
            logger=logger or log,
            user_agent="ghtalent (+https://github.com/ghtalent; polite-pool mailto)",
            # One pace for every attempt that goes out, from every thread (`map` keeps several
            # requests in flight): OpenAlex's limit is 10 a second however many are under way.
            min_interval=min_interval,
            **kwargs,
        )
        for header in ("X-GitHub-Api-Version",):
            self.session.headers.pop(header, None)
        self.session.headers["Accept"] = "application/json"
        self.mailto = mailto
        self.max_requests = max_requests
        self.min_interval = min_interval
        self._budget_lock = threading.Lock()
        self._started = 0  # requests past the budget check and not answered yet

    # -- calls -----------------------------------------------------------------------------
    def list(self, entity: str, **params: Any) -> dict:
        """One page of `/authors` or `/works`: {'meta': …, 'results': [...]}."""
        return self.get(f"/{entity}", params=self._params(params)).data

    def entity(self, entity: str, ident: str) -> dict | None:
        """A single author or work by OpenAlex id, ORCID URL or `orcid:` id; None when unknown."""
        try:
            return self.get(f"/{entity}/{ident}", params=self._params({})).data
        except OpenAlexError as exc:
            if exc.status == 404:
                return None
            raise

    def pages(
        self, entity: str, params: dict[str, Any], max_pages: int = 50, cursor: bool = True
    ) -> Iterator[dict]:
        """Every page of a list: cursor paging (`cursor=*`, then `meta.next_cursor` until it is
        null or a page is empty), or basic `page=` paging (first 10,000 results only)."""
        params = dict(params)
        params["per-page"] = min(int(params.get("per-page", MAX_PER_PAGE)), MAX_PER_PAGE)
        if cursor:
            params["cursor"] = "*"
        else:
            params["page"] = 1
        for _ in range(max_pages):
            page = self.list(entity, **params)
            yield page
            results = page.get("results") or []
            if not results:
                return
            if cursor:
                nxt = (page.get("meta") or {}).get("next_cursor")
                if not nxt:
                    return
                params["cursor"] = nxt
            else:
                meta = page.get("meta") or {}
                if params["page"] * params["per-page"] >= min(int(meta.get("count") or 0), 10_000):
                    return
                params["page"] += 1

    def search_authors(self, name: str, per_page: int = 50) -> list[dict]:
        """Authors whose name (display name or an alternative) matches `name`."""
        return self.list("authors", search=name, **{"per-page": min(per_page, MAX_PER_PAGE)}).get(
            "results", []
        )

    def authors_by_ids(self, kind: str, values: list[str]) -> list[dict]:
        """Authors by `orcid` or `openalex` id, up to 50 per request (OR-ed filter)."""
        found: list[dict] = []
        for start in range(0, len(values), FILTER_OR_LIMIT):
            chunk = values[start : start + FILTER_OR_LIMIT]
            page = self.list(
                "authors", filter=f"{kind}:{'|'.join(chunk)}", **{"per-page": len(chunk)}
            )
            found += page.get("results", [])
        return found

    def top_work(self, author_id: str) -> dict | None:
        """The author's most cited work."""
        page = self.list(
            "works",
            filter=f"author.id:{short_id(author_id)}",
            sort="cited_by_count:desc",
            **{"per-page": 1},
        )
        results = page.get("results") or []
        return results[0] if results else None

    def latest_work(self, author_id: str) -> dict | None:
        """The author's most recent work."""
        page = self.list(
            "works",
            filter=f"author.id:{short_id(author_id)}",
            sort="publication_date:desc",
            **{"per-page": 1},
        )
        results = page.get("results") or []
        return results[0] if results else None

    @property
    def requests_made(self) -> int:
        """Requests that crossed the network (a revalidated 304 included)."""
        return self.counter.network

    def request_summary(self) -> dict[str, int]:
        counts = self.counter.as_dict()
        return {
            "openalex": counts["core"] + counts["search"],
            "304": counts["304"],
            "cache": counts["cache"],
            "retries": counts["retries"],
            "rate_limit_waits": counts["rate_limit_waits"],
        }

    # -- machinery -------------------------------------------------------------------------
    def _params(self, params: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in params.items() if v is not None}
        if self.mailto:
            out["mailto"] = self.mailto
        return out

    def _request(self, method: str, url: str, params: dict | None = None, **kwargs: Any) -> Reply:
        if not self._reserve():
            hit = self._from_todays_cache(url, params, {})
            if hit is not None:
                return hit
            raise BudgetExhausted(self.max_requests, url)
        try:
            return super()._request(method, url, params=params, **kwargs)
        except OpenAlexError:
            raise
        except GitHubError as exc:
            raise OpenAlexError(exc.status, exc.url, exc.message) from exc
        finally:
            self._release()

    def _reserve(self) -> bool:
        """Whether the budget allows one more request, counting those already under way in
        other threads (so requests in flight together never spend past `max_requests`)."""
        if self.max_requests is None:
            return True
        with self._budget_lock:
            if self.counter.network + self._started >= self.max_requests:
                return False
            self._started += 1
            return True

    def _release(self) -> None:
        if self.max_requests is not None:
            with self._budget_lock:
                self._started -= 1

    @staticmethod
    def _is_rate_limited(response: requests.Response, message: str) -> bool:
        return response.status_code == 429 or GitHubClient._is_rate_limited(response, message)
