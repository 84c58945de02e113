"""One HTTP session to GitHub: auth, Link pagination, ETag revalidation, rate limits, retries.

Every network call of the project goes through a `GitHubClient`, so a test (or the demo) points
the whole pipeline at the local mirror by changing `base_url` alone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from hashlib import blake2b
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
import requests_cache
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase
from requests_cache.backends.sqlite import SQLiteCache
from requests_cache.cache_keys import (
    encode,
    filter_url,
    get_matched_headers,
    normalize_headers,
    redact_response,
)
from requests_cache.models import CachedResponse

from ghtalent.github.clock import Pacer, SystemClock
from ghtalent.github.errors import GitHubError, RateLimitError
from ghtalent.inflight import map_in_flight

DEFAULT_API = "https://api.github.com"
JSON_ACCEPT = "application/vnd.github+json"
API_VERSION = "2022-11-28"
SECONDARY_MARKERS = ("secondary rate limit", "abuse detection")
TRANSIENT_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)

log = logging.getLogger("ghtalent.github")
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class RequestCounter:
    """Requests by kind: `search`, `core`, `graphql` (answered, counted against a limit),
    `304` (revalidated, free), `cache` (served from today's cache, no request at all),
    plus `retries` and `rate_limit_waits`."""

    counts: Counter = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, kind: str, n: int = 1) -> None:
        with self._lock:  # requests in flight at once count from their own threads
            self.counts[kind] += n

    def as_dict(self) -> dict[str, int]:
        keys = ["search", "core", "graphql", "304", "cache", "retries", "rate_limit_waits"]
        return {k: int(self.counts.get(k, 0)) for k in keys}

    @property
    def network(self) -> int:
        """Requests that went over the wire (304s included)."""
        return sum(self.counts[k] for k in ("search", "core", "graphql", "304"))


@dataclass
class Reply:
    """A parsed GitHub answer."""

    status: int
    data: Any
    headers: dict[str, str]
    url: str
    links: dict[str, str]


def resource_of(url: str) -> str:
    """The rate-limit bucket GitHub charges a URL to."""
    path = urlsplit(url).path
    if path.endswith("/graphql"):
        return "graphql"
    if "/search/" in path:
        return "search"
    return "core"


class _CountingAdapter(HTTPAdapter):
    """Sees every answer that really crossed the network (a revalidated 304 included)."""

    def __init__(self, counter: RequestCounter, **kwargs: Any):
        self.counter = counter
        super().__init__(**kwargs)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        response = super().send(request, **kwargs)
        self.counter.add("304" if response.status_code == 304 else resource_of(request.url))
        return response


# Answers kept for the day: data, "no content", and refusals that asking again today would
# only repeat (a 403 that is no rate limit, e.g. "contributor list too large"; gone; blocked).
CACHED_CODES = (200, 204, 403, 404, 410, 451)


def _storable(response: requests.Response) -> bool:
    """Never store a rate-limit answer: it says "not now", not "no"."""
    if getattr(response, "from_cache", False) or response.status_code not in (403, 429):
        return True
    return not GitHubClient._is_rate_limited(response, _message(response))


# A URL `url_normalize` leaves unchanged: http(s), a lowercase ASCII host, a port or none, a
# path and a query of unreserved characters only (no escapes to re-case or decode; `_plain_key`
# also refuses "/." and "//" in the path). Query order is filter_url's (sorted) already.
_PLAIN_URL = re.compile(
    r"(?P<scheme>https?)://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?P<port>[1-9][0-9]*))?"
    r"(?P<path>/[A-Za-z0-9._~/-]*)(?:\?[A-Za-z0-9._~=&+-]+)?"
)
_DEFAULT_PORT = {"http": "80", "https": "443"}


class _GitHubCache(SQLiteCache):
    """requests-cache's SQLite backend, storing what a GitHub client may reuse and nothing more.

    Why not the stock backend: GitHub answers authenticated requests with
    `Vary: Accept, Authorization, Cookie, ...`, and requests-cache (1.3) then treats every stored
    answer as a Vary miss, because `Authorization` is (rightly) kept out of the key: with a
    token, nothing was ever reused and the stored ETag never sent. The key already holds what
    changes an answer for public data (URL, query, `Accept`); the token does not change it, and
    no cookie is ever sent. So `Vary` is dropped on store (and on read, for older caches).
    Redirect history is dropped too: its requests carry the original request headers, token
    included, and a 301's target is stored under the original key anyway.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._keys: dict[tuple, str] = {}
        # The keys stored, read once: a miss (every request of a cold run) then costs no
        # lookups (requests-cache asks the responses table, then the redirects table). A key
        # another process stores later is missed here and fetched again: a request, no error.
        self._stored: set[str] | None = None
        self._stored_lock = threading.Lock()

    def _stored_keys(self) -> set[str]:
        with self._stored_lock:
            if self._stored is None:
                self._stored = set(self.responses.keys())
            return self._stored

    def create_key(self, request: Any, match_headers: Any = None, **kwargs: Any) -> str:
        """requests-cache's key, remembered for the request it was made from: every GET has
        its key made twice (today's lookup, then the send), and the URL normalisation behind
        it is a good part of the cost of a request to a local server."""
        headers = request.headers or {}
        memo = (
            request.method,
            request.url,
            request.body,
            headers.get("Accept"),
            bool(kwargs.get("verify", True)),
            tuple(match_headers or ()),
        )
        key = self._keys.get(memo)
        if key is None:
            key = self._plain_key(request, match_headers, memo[4]) or super().create_key(
                request, match_headers=match_headers, **kwargs
            )
            if len(self._keys) >= 4096:
                self._keys.clear()
            self._keys[memo] = key
        return key

    def _plain_key(self, request: Any, match_headers: Any, verify: bool) -> str | None:
        """requests-cache's key made without `url_normalize` (two thirds of its cost), for a
        GET whose filtered URL `url_normalize` would leave as it is (`_PLAIN_URL`); None for
        any other request, which takes requests-cache's own path. The same parts, the same
        hash: ghtalent_tests/github/test_cache_keys.py holds the two to the same answer."""
        if request.body or (request.method or "").upper() != "GET":
            return None
        settings = self._settings
        url = filter_url(request.url or "", settings.ignored_parameters)
        plain = _PLAIN_URL.fullmatch(url)
        if (
            plain is None
            or plain["port"] == _DEFAULT_PORT[plain["scheme"]]
            or "/." in plain["path"]
            or "//" in plain["path"]
        ):
            return None
        headers = normalize_headers(request.headers or {}, settings.ignored_parameters)
        parts = [
            "GET",
            url,
            "",
            verify,
            *get_matched_headers(headers, match_headers or settings.match_headers),
            str(self.responses.serializer),
        ]
        try:
            key = blake2b(digest_size=8)
        except (TypeError, ValueError):  # where requests-cache falls back to SHA-256 (FIPS)
            return None
        for part in parts:
            key.update(encode(part))
        return key.hexdigest()

    def save_response(
        self, response: requests.Response, cache_key: str | None = None, expires: Any = None
    ) -> None:
        cache_key = cache_key or self.create_key(response.request)
        cached = CachedResponse.from_response(response, expires=expires)
        cached.history = []
        cached.headers.pop("Vary", None)
        self.responses[cache_key] = redact_response(cached, self._settings.ignored_parameters)
        self._stored_keys().add(cache_key)

    def get_response(self, key: str, default: Any = None) -> CachedResponse | None:
        if key not in self._stored_keys():
            return default
        cached = super().get_response(key, default)
        if isinstance(cached, CachedResponse):
            cached.headers.pop("Vary", None)
        return cached


class _EnvironmentOnce:
    """requests reads the proxy variables (and the CA bundle) from the environment for every
    request, a scan of all of `os.environ` several times over; per origin the answer does not
    change while a client lives, so it is read once per origin."""

    def merge_environment_settings(self, url, proxies, stream, verify, cert):  # noqa: ANN001
        memo = self.__dict__.setdefault("_environment", {})
        key = (_origin(url or ""), tuple(sorted((proxies or {}).items())), stream, verify, cert)
        settings = memo.get(key)
        if settings is None:
            settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
            memo[key] = settings
        return {**settings, "proxies": dict(settings["proxies"])}


class _Session(_EnvironmentOnce, requests.Session):
    pass


class _CachedSession(_EnvironmentOnce, requests_cache.CachedSession):
    pass


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


class _TokenAuth(AuthBase):
    """Adds the token only to requests for the configured API origin (scheme, host, port).

    A `Link` header or a redirect may name any host; the token must never follow it there
    (requests itself strips `Authorization` when a redirect changes host, port or scheme).
    """

    def __init__(self, token: str, base_url: str):
        self._header = f"Bearer {token}"
        self._origin = _origin(base_url)

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        if _origin(request.url or "") == self._origin:
            request.headers["Authorization"] = self._header
        else:
            request.headers.pop("Authorization", None)
        return request


class GitHubClient:
    """GitHub REST and GraphQL over one session.

    Caching rule: a GET answered today (UTC, by `clock`) is served from the on-disk cache with no
    request; an older one is revalidated with `If-None-Match`, which costs a free 304 when
    nothing changed. This holds with a token as without one (see `_GitHubCache`). The token is
    sent only to `base_url`'s origin and never stored (left out of keys, redacted from stored
    requests, redirect history not kept).
    """

    def __init__(
        self,
        base_url: str = DEFAULT_API,
        token: str | None = None,
        cache_path: Path | str | None = None,
        clock: SystemClock | None = None,
        max_attempts: int = 6,
        backoff_base: float = 2.0,
        backoff_cap: float = 120.0,
        secondary_wait: float = 60.0,
        max_rate_limit_wait: float = 3700.0,
        stats_attempts: int = 5,
        stats_wait: float = 3.0,
        timeout: tuple[float, float] = (10.0, 60.0),
        logger: logging.Logger | Any | None = None,
        user_agent: str = "ghtalent (https://github.com/ghtalent)",
        max_in_flight: int = 1,
        min_interval: float = 0.0,
    ):
        self.base_url = base_url.rstrip("/")
        self.clock = clock or SystemClock()
        self.counter = RequestCounter()
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.secondary_wait = secondary_wait
        self.max_rate_limit_wait = max_rate_limit_wait
        self.stats_attempts = stats_attempts  # stats/contributors: 202 while GitHub computes
        self.stats_wait = stats_wait
        self.timeout = timeout
        self.log = logger or log
        self.has_token = bool(token)
        self._limits: dict[str, tuple[int, float]] = {}  # resource -> (remaining, reset epoch)
        self._random = random.Random()
        # `map` keeps up to this many requests in flight (config/github.toml: GitHub allows
        # 100 concurrent ones); every attempt waits its turn on the pacer (secondary limits
        # count requests per minute).
        self.max_in_flight = max(1, int(max_in_flight))
        self.pacer = Pacer(min_interval, self.clock)

        if cache_path is not None:
            Path(cache_path).parent.mkdir(parents=True, exist_ok=True)
            self.session: requests.Session = _CachedSession(
                backend=_GitHubCache(str(cache_path), wal=True),
                expire_after=-1,
                allowable_methods=("GET",),
                allowable_codes=CACHED_CODES,
                filter_fn=_storable,
                match_headers=["Accept"],
                ignored_parameters=["Authorization", "access_token"],
            )
        else:
            self.session = _Session()
        adapter = _CountingAdapter(self.counter, pool_maxsize=max(16, self.max_in_flight))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {"Accept": JSON_ACCEPT, "X-GitHub-Api-Version": API_VERSION, "User-Agent": user_agent}
        )
        if token:
            self.session.auth = _TokenAuth(token, self.base_url)

    # -- public calls --------------------------------------------------------------------
    def get(self, path: str, params: dict | None = None, accept: str | None = None) -> Reply:
        """GET a path (or absolute URL), with caching, limits and retries."""
        return self._request("GET", self._url(path), params=params, accept=accept)

    def paginate(
        self, path: str, params: dict | None = None, max_pages: int | None = None
    ) -> Iterator[Reply]:
        """Yield each page, following `Link: rel="next"`; stops after `max_pages`."""
        url: str | None = self._url(path)
        page_params = params
        pages = 0
        while url and (max_pages is None or pages < max_pages):
            reply = self._request("GET", url, params=page_params)
            pages += 1
            yield reply
            url = reply.links.get("next")
            page_params = None  # the next link carries the query string

    def map(self, call: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`call(item)` for each item, up to `max_in_flight` at once, yielded in the order of
        `items` (see `ghtalent.inflight.map_in_flight`)."""
        return map_in_flight(call, items, self.max_in_flight, "ghtalent-github")

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        """POST a GraphQL query; returns the whole JSON answer (data and errors).

        GraphQL reports its primary limit and its timeouts inside an HTTP 200: an error of type
        `RATE_LIMITED` (newer: `RATE_LIMIT`) waits for the reset, `data: null` with a
        "something went wrong / timeout" message is retried with backoff. Partial answers
        (some aliases null, with errors) are returned as they are, for the caller to judge.
        """
        body = {"query": query, "variables": variables or {}}
        url = self._url("/graphql")
        problem = ""
        limited = False
        for attempt in range(self.max_attempts):
            if attempt:
                self.counter.add("retries")
            reply = self._request("POST", url, json_body=body)
            answer = reply.data if isinstance(reply.data, dict) else {}
            self._note_graphql_limit(answer)
            kind, problem = graphql_problem(answer)
            if kind is None:
                return answer
            if kind == "fatal":
                raise GitHubError(reply.status, url, problem)
            limited = kind == "rate_limited"
            if attempt + 1 >= self.max_attempts:
                break  # no sleep after the final attempt
            if limited:
                self._wait_primary(
                    "graphql", reply.headers, problem, attempt, url, graphql_reset(answer)
                )
            else:
                self._backoff(attempt, f"GraphQL answered 200 with {problem!r} for {url}")
        error = RateLimitError if limited else GitHubError
        raise error(200, url, f"gave up after {self.max_attempts} attempts: {problem}")

    def close(self) -> None:
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- machinery -----------------------------------------------------------------------
    def _url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    def _from_todays_cache(self, url: str, params: dict | None, headers: dict) -> Reply | None:
        """Today's stored answer, with no request: a 200 as a Reply, a 204 as an empty one, a
        definitive refusal (403 not a rate limit, 404, 410, 451) raised as it came."""
        return self._stored_answer(self._prepare("GET", url, params, headers))[0]

    def _prepare(
        self, method: str, url: str, params: dict | None, headers: dict, json_body: Any = None
    ) -> requests.PreparedRequest:
        """The request as the session sends it (its headers, the token for the API origin)."""
        return self.session.prepare_request(
            requests.Request(method, url, params=params, headers=headers, json=json_body)
        )

    def _key(self, request: requests.PreparedRequest) -> str:
        """The key requests-cache files this request's answer under (URL, query, `Accept`;
        the token left out)."""
        return self.session.cache.create_key(request, verify=bool(self.session.verify))

    def _stored_answer(self, request: requests.PreparedRequest) -> tuple[Reply | None, bool]:
        """(today's stored answer as `_from_todays_cache` gives it, whether an older answer is
        kept to revalidate with its ETag). Read from the cache itself, without a trip through
        the session that would build a 504 for every miss."""
        if not isinstance(self.session, requests_cache.CachedSession):
            return None, False
        key = self._key(request)
        cached = self.session.cache.get_response(key)
        if cached is None or cached.status_code not in CACHED_CODES:
            return None, False
        cached.cache_key = key  # what `_forget` deletes
        url = request.url or ""
        created = cached.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        if created < datetime.combine(self.clock.today(), time(0), tzinfo=UTC):
            if cached.status_code != 200 or not cached.headers.get("ETag"):
                self._forget(cached)  # nothing to revalidate with: ask afresh
                return None, False
            return None, True  # yesterday's answer: revalidate it
        if cached.status_code != 200:
            self.counter.add("cache")
            if cached.status_code == 204:
                return Reply(204, None, dict(cached.headers), url, _links(cached)), True
            raise GitHubError(cached.status_code, url, _message(cached))
        try:
            data = cached.json()
        except ValueError:
            self._forget(cached)
            return None, False
        self.counter.add("cache")
        return Reply(200, data, dict(cached.headers), url, _links(cached)), True

    def _send(self, request: requests.PreparedRequest) -> requests.Response:
        """One request straight through requests, past the cache's machinery (no lookup, no
        write): `_request` stores what it may once the answer is known to be sound."""
        session = self.session
        settings = session.merge_environment_settings(request.url, {}, None, None, None)
        return requests.Session.send(
            session, request, timeout=self.timeout, allow_redirects=True, **settings
        )

    def _store(self, response: requests.Response, key: str | None) -> None:
        """Keep a GET's answer for the day, as requests-cache would have (its codes and filter)."""
        if key is not None and response.status_code in CACHED_CODES and _storable(response):
            self.session.cache.save_response(response, cache_key=key)

    def _request(
        self,
        method: str,
        url: str,
        params: dict | None = None,
        json_body: dict | None = None,
        accept: str | None = None,
    ) -> Reply:
        headers = {"Accept": accept} if accept else {}
        resource = resource_of(url)
        request = self._prepare(method, url, params, headers, json_body)
        cached = method == "GET" and isinstance(self.session, requests_cache.CachedSession)
        stored = False
        if cached:
            hit, stored = self._stored_answer(request)
            if hit is not None:
                return hit
        # Answers with nothing stored to revalidate go out past the cache's machinery and are
        # stored here once sound (`_store`); a stored ETag goes through requests-cache, which
        # sends `If-None-Match` and turns a 304 into the stored answer.
        key = self._key(request) if cached and not stored else None

        last_problem = "no attempt made"
        last_status: int | None = None
        limited = False
        for attempt in range(self.max_attempts):
            if attempt:
                self.counter.add("retries")
            self._wait_for_primary_limit(resource)
            self.pacer.wait()
            final = attempt + 1 >= self.max_attempts
            try:
                if stored:
                    response = self.session.request(
                        method, url, params=params, headers=headers, timeout=self.timeout,
                        refresh=True,
                    )  # fmt: skip
                else:
                    response = self._send(request)
            except TRANSIENT_ERRORS as exc:
                last_problem, last_status = f"{type(exc).__name__}: {exc}", None
                self._backoff(attempt, f"{last_problem} on {url}")
                continue
            self._note_limits(resource, response)
            status = response.status_code
            last_status = status

            if status in (200, 201, 202):
                try:
                    data = response.json() if response.content or status != 202 else None
                except ValueError:
                    # A truncated or garbled body: never keep it in the cache, ask again.
                    self._forget(response)
                    last_problem = "malformed or truncated JSON body"
                    self._backoff(attempt, f"{last_problem} from {url}")
                    continue
                self._store(response, key)
                return Reply(status, data, dict(response.headers), url, _links(response))
            if status == 204:
                self._store(response, key)
                return Reply(204, None, dict(response.headers), url, _links(response))

            message = _message(response)
            last_problem = message
            if status in (403, 429) and self._is_rate_limited(response, message):
                limited = True
                if not final:
                    self._wait_rate_limited(resource, response, message, attempt, url)
                continue
            limited = False
            if status >= 500:
                self._backoff(attempt, f"GitHub answered {status} for {url}: {message}")
                continue
            self._store(response, key)  # a refusal asking again today would only repeat
            raise GitHubError(status, url, message)

        if limited:
            raise RateLimitError(
                last_status,
                url,
                f"still limited after {self.max_attempts} attempts: {last_problem}",
            )
        raise GitHubError(
            last_status, url, f"gave up after {self.max_attempts} attempts: {last_problem}"
        )

    def _forget(self, response: requests.Response) -> None:
        key = getattr(response, "cache_key", None)
        if key and isinstance(self.session, requests_cache.CachedSession):
            self.session.cache.delete(key)

    def _note_limits(self, resource: str, response: requests.Response) -> None:
        remaining = response.headers.get("X-RateLimit-Remaining")
        reset = response.headers.get("X-RateLimit-Reset")
        bucket = response.headers.get("X-RateLimit-Resource", resource)
        if (
            remaining is not None
            and reset is not None
            and not getattr(response, "from_cache", False)
        ):
            with contextlib.suppress(ValueError):
                self._limits[bucket] = (int(remaining), float(reset))

    def _note_graphql_limit(self, answer: dict) -> None:
        limit = (answer.get("data") or {}).get("rateLimit") if isinstance(answer, dict) else None
        reset = graphql_reset(answer)
        if isinstance(limit, dict) and reset is not None:
            with contextlib.suppress(TypeError, ValueError):
                self._limits["graphql"] = (int(limit.get("remaining")), reset)

    def _wait_for_primary_limit(self, resource: str) -> None:
        remaining, reset = self._limits.get(resource, (1, 0.0))
        if remaining > 0:
            return
        wait = reset - self.clock.time() + 1.0
        if wait <= 0:
            return
        if wait > self.max_rate_limit_wait:
            raise RateLimitError(
                403, resource, f"{resource} limit resets in {wait:.0f} s, beyond the allowed wait"
            )
        self.counter.add("rate_limit_waits")
        reset_at = datetime.fromtimestamp(reset, UTC).strftime("%H:%M:%S UTC")
        self.log.warning(
            f"GitHub {resource} rate limit exhausted; waiting {wait:.0f} s until reset at {reset_at}"
        )
        self.clock.sleep(wait)
        self._limits.pop(resource, None)

    @staticmethod
    def _is_rate_limited(response: requests.Response, message: str) -> bool:
        if response.headers.get("Retry-After"):
            return True
        if response.headers.get("X-RateLimit-Remaining") == "0":
            return True
        lowered = message.lower()
        return "rate limit" in lowered or any(m in lowered for m in SECONDARY_MARKERS)

    def _wait_rate_limited(
        self, resource: str, response: requests.Response, message: str, attempt: int, url: str
    ) -> None:
        retry_after = response.headers.get("Retry-After")
        if retry_after:
            try:
                wait = float(retry_after)
            except ValueError:
                wait = self.secondary_wait
            kind = "secondary rate limit (Retry-After)"
        elif response.headers.get("X-RateLimit-Remaining") == "0":
            self._wait_primary(resource, response.headers, message, attempt, url)
            return
        else:
            # Secondary limit with no Retry-After: wait at least a minute, doubling each time.
            wait = min(self.secondary_wait * (2**attempt), self.max_rate_limit_wait)
            kind = "secondary rate limit"
        self.counter.add("rate_limit_waits")
        self.log.warning(f"GitHub {kind} on {url}: {message}; waiting {wait:.0f} s")
        self.clock.sleep(wait)

    def _wait_primary(
        self,
        resource: str,
        headers: Any,
        message: str,
        attempt: int,
        url: str,
        reset: float | None = None,
    ) -> None:
        """Primary limit exhausted: wait for the reset GitHub gave (header, else the GraphQL
        `rateLimit { resetAt }`). Without a usable one (missing, or already past by our clock)
        never retry at once: wait at least a minute, doubling each time (GitHub's guidance)."""
        with contextlib.suppress(TypeError, ValueError):
            reset = float(headers.get("X-RateLimit-Reset"))
        wait = reset - self.clock.time() + 1.0 if reset is not None else 0.0
        if wait > 1.0:
            if wait > self.max_rate_limit_wait:
                raise RateLimitError(
                    403, url, f"{resource} limit resets in {wait:.0f} s, beyond the allowed wait"
                )
            why = "until the reset"
        else:
            wait = min(max(60.0, self.secondary_wait) * (2**attempt), self.max_rate_limit_wait)
            why = "no usable reset time given"
        self.counter.add("rate_limit_waits")
        self.log.warning(
            f"GitHub {resource} rate limit exhausted on {url}: {message}; "
            f"waiting {wait:.0f} s ({why})"
        )
        self.clock.sleep(wait)
        self._limits.pop(resource, None)

    def _backoff(self, attempt: int, why: str) -> None:
        if attempt + 1 >= self.max_attempts:
            return
        wait = min(self.backoff_cap, self.backoff_base * (2**attempt))
        wait += self._random.uniform(0, self.backoff_base)  # jitter spreads retries apart
        self.log.warning(f"{why}; retry {attempt + 1}/{self.max_attempts - 1} in {wait:.1f} s")
        self.clock.sleep(wait)


RATE_LIMIT_TYPES = ("RATE_LIMITED", "RATE_LIMIT")
TRANSIENT_GRAPHQL = ("timeout", "timed out", "something went wrong", "try again")


def graphql_problem(answer: dict) -> tuple[str | None, str]:
    """What a GraphQL answer says went wrong as a whole: (None, "") when it can be used
    (partial answers included), else ("rate_limited" | "transient" | "fatal", message)."""
    errors = answer.get("errors") or []
    if not isinstance(errors, list):
        errors = [errors]
    messages = "; ".join(
        str(e.get("message") or e.get("type") or e) if isinstance(e, dict) else str(e)
        for e in errors
    )[:300]
    if any(isinstance(e, dict) and e.get("type") in RATE_LIMIT_TYPES for e in errors):
        return "rate_limited", messages
    if answer.get("data") is None:
        if not errors:
            return "transient", "answer with neither data nor errors"
        lowered = messages.lower()
        if any(marker in lowered for marker in TRANSIENT_GRAPHQL):
            return "transient", messages
        return "fatal", messages
    return None, ""


def graphql_reset(answer: dict) -> float | None:
    """The reset time a GraphQL answer gives in `rateLimit { resetAt }`, as epoch seconds."""
    limit = (answer.get("data") or {}).get("rateLimit") if isinstance(answer, dict) else None
    if not isinstance(limit, dict) or not limit.get("resetAt"):
        return None
    try:
        return datetime.fromisoformat(str(limit["resetAt"]).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _links(response: requests.Response) -> dict[str, str]:
    return {rel: link["url"] for rel, link in response.links.items() if "url" in link}


def _message(response: requests.Response) -> str:
    """The reason GitHub gave, from any field of the body (else the text, else the status
    phrase), so that no error message ever ends empty."""
    try:
        body = response.json()
    except ValueError:
        return (
            (response.text or "").strip()[:200] or response.reason or f"HTTP {response.status_code}"
        )
    if isinstance(body, dict):
        if body.get("message"):
            return str(body["message"])[:300]
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            return "; ".join(
                str(e.get("message") or e) if isinstance(e, dict) else str(e) for e in errors
            )[:300]
        if body:
            return json.dumps(body, ensure_ascii=False)[:300]
    elif body:
        return json.dumps(body, ensure_ascii=False)[:300]
    return response.reason or f"HTTP {response.status_code}"
