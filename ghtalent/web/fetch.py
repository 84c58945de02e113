"""Polite page fetching: one session, per-host pacing, robots.txt, size and time caps, address guard.

`PoliteFetcher.fetch(url)` never raises for a page problem; it returns a `FetchResult` whose
`error` names what went wrong in a word or two (see `FETCH_ERRORS`).

The address guard is hand-written on purpose: the SSRF-guard libraries on PyPI either need the
network at import time or hook DNS globally. Ours resolves the host before each hop (redirects
included), refuses every non-global address, and re-checks the peer address of every socket the
session opens (a guarded transport adapter), so a DNS answer that changes between our check and
the connect (rebinding) is caught before a single byte of the request is sent.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import requests
import urllib3.connection
import urllib3.util
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

__all__ = ["FETCH_ERRORS", "FetchResult", "FetchSettings", "PoliteFetcher", "is_public_address"]

FETCH_ERRORS = (
    "robots",
    "robots_unavailable",
    "too_large",
    "binary",
    "not_html",
    "timeout",
    "blocked_address",
    "too_many_redirects",
    "bad_url",
    "connection_error",
    "offline",
    "crawl_delay_too_long",
    "http_<code>",
)

DEFAULT_USER_AGENT = (
    "ghtalent/0.1 (+https://github.com/ghtalent/ghtalent; research crawler for public homepages)"
)
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_CODES = (301, 302, 303, 307, 308)
_CHUNK = 16 * 1024
_SNIFF_BYTES = 4096
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))

Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how defensively pages are fetched."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    # Wall-clock budget for one page, redirects and body included.
    total_timeout: float = 20.0
    max_bytes: int = 2_000_000
    robots_max_bytes: int = 512_000
    max_redirects: int = 5
    # Minimum seconds between two requests to the same host.
    per_host_interval: float = 1.0
    # A robots.txt Crawl-delay is waited out on its own budget (not the page's), up to this
    # many seconds; a host asking for more is skipped (`crawl_delay_too_long`).
    max_crawl_delay: float = 30.0
    # Offline (the mirror's synthetic world): only `allow_hosts` are fetched; any other host
    # ends in `offline` before its name is looked up.
    offline: bool = False
    # "host:port" (or bare "host", any port) entries exempt from the address guard,
    # e.g. "127.0.0.1:8765" for tests and the local mirror.
    allow_hosts: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    # Environment proxies would make the peer-address check meaningless; off unless asked.
    trust_env: bool = False


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced: the text on success, a short reason in `error` otherwise."""

    url: str
    final_url: str | None
    status: int | None
    text: str | None
    error: str | None
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


class _PageError(Exception):
    """A reason to give up on a page; carries the short error string."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None = everything allowed
    unavailable: str | None = None  # the reason the host is skipped, when it is
    crawl_delay: float | None = None


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 transition form carries (mapped, 6to4, Teredo, NAT64)."""
    found = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if any(ip in net for net in _NAT64):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def is_public_address(address: str) -> bool:
    """True when an IP address is globally routable (not private, loopback, link-local, ...).

    IPv6 forms that carry an IPv4 address (IPv4-mapped, 6to4, Teredo, NAT64) are judged by the
    address they carry, and Teredo and the local-use NAT64 prefix are refused outright."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if ip.teredo is not None or ip in _NAT64[1]:
            return False
        if inner:
            return all(is_public_address(str(v4)) for v4 in inner)
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def _codec_or_none(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_body(body: bytes, content_type: str | None) -> str:
    """Decode a page: BOM, declared charset, meta charset, else UTF-8; bad bytes are replaced."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(enc, errors="replace").lstrip("\ufeff")
    declared = None
    if content_type:
        match = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.IGNORECASE)
        declared = _codec_or_none(match.group(1)) if match else None
    if declared is None:
        match = _META_CHARSET.search(body[:_SNIFF_BYTES])
        declared = _codec_or_none(match.group(1).decode("ascii", "replace")) if match else None
    # A page declared as ASCII or Latin-1 is usually Windows-1252 in practice (WHATWG rule).
    if declared in ("ascii", "latin-1", "iso8859-1"):
        declared = "cp1252"
    return body.decode(declared or "utf-8", errors="replace")


class PoliteFetcher:
    """Fetches HTML pages politely and defensively through one `requests.Session`."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        resolver: Resolver = _system_resolver,
    ):
        self.settings = settings or FetchSettings()
        self.session = session or requests.Session()
        self.session.trust_env = self.settings.trust_env
        adapter = _GuardedAdapter(self._peer_allowed)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {
                "User-Agent": self.settings.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            }
        )
        self._clock = clock
        self._sleep = sleep
        self._resolve = resolver
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}  # by origin (scheme://host:port)
        self._crawl_delay: dict[str, float] = {}  # by host
        self._allow = {entry.strip().lower() for entry in self.settings.allow_hosts}
        # Fetches may run from several threads at once (pages of different people): the pace
        # per host is one slot table under one lock, and robots.txt is read once per origin.
        self._pace_lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}

    # -- public -----------------------------------------------------------------------------

    def fetch(self, url: str) -> FetchResult:
        """Fetch one HTML page; never raises for a page problem (see `FetchResult.error`)."""
        started = self._clock()
        deadline = _Budget(self._clock, self.settings.total_timeout)
        current = url
        status: int | None = None
        try:
            for _hop in range(self.settings.max_redirects + 1):
                parts = self._check_url(current)
                self._check_robots(parts, deadline)
                response = self._request(parts.geturl(), deadline)
                status = response.status_code
                if status in REDIRECT_CODES and response.headers.get("Location"):
                    location = response.headers["Location"]
                    response.close()
                    current = urljoin(current, location)
                    continue
                try:
                    text = self._read_page(response, deadline)
                finally:
                    response.close()
                return FetchResult(url, current, status, text, None, self._clock() - started)
            raise _PageError("too_many_redirects", status)
        except _PageError as exc:
            return FetchResult(
                url, current, exc.status or status, None, exc.reason, self._clock() - started
            )

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- address guard ----------------------------------------------------------------------

    def _check_url(self, url: str):
        parts = parse_url(url)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if self._allowed_host(host, port):
            return parts
        if self.settings.offline:
            raise _PageError("offline")
        try:
            addresses = self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise _PageError("connection_error") from exc
        if not addresses or not all(is_public_address(a) for a in addresses):
            raise _PageError("blocked_address")
        return parts

    def _allowed_host(self, host: str, port: int) -> bool:
        return f"{host}:{port}" in self._allow or host in self._allow

    def _peer_allowed(self, host: str, port: int, peer: str) -> bool:
        return self._allowed_host(host.lower().strip("[]"), port) or is_public_address(peer)

    # -- pacing and requests ----------------------------------------------------------------

    def _pace(self, host: str, deadline: _Budget | None = None) -> None:
        """Wait for this host's next slot: `interval` seconds after the previous request to it
        started (the slot is taken under the lock, the wait is spent outside it)."""
        interval = self.settings.per_host_interval
        with self._pace_lock:
            if host in self._crawl_delay:
                interval = max(interval, self._crawl_delay[host])
            now = self._clock()
            last = self._last_request.get(host)
            wait = max(0.0, last + interval - now) if last is not None else 0.0
            self._last_request[host] = now + wait
        if wait > 0:
            self._sleep(wait)
            if deadline is not None:
                deadline.extend(wait)  # waiting our turn is not the page's time

    def _request(self, url: str, deadline: _Budget) -> requests.Response:
        parts = urlsplit(url)
        self._pace(_host_key(parts), deadline)
        remaining = deadline.left()
        if remaining <= 0:
            raise _PageError("timeout")
        timeout = (
            min(self.settings.connect_timeout, remaining),
            min(self.settings.read_timeout, remaining),
        )
        try:
            response = self.session.get(url, stream=True, allow_redirects=False, timeout=timeout)
        except requests.Timeout as exc:
            raise _PageError("timeout") from exc
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema) as exc:
            raise _PageError("bad_url") from exc
        except requests.RequestException as exc:
            if _is_blocked_peer(exc):
                raise _PageError("blocked_address") from exc
            raise _PageError("connection_error") from exc
        return response

    def _read_body(
        self, response: requests.Response, deadline: _Budget, max_bytes: int, truncate: bool = False
    ) -> bytes:
        """Stream the body, stopping past `max_bytes` (error, or cut when `truncate`) or at the deadline."""
        length = response.headers.get("Content-Length", "")
        if not truncate and length.isdigit() and int(length) > max_bytes:
            raise _PageError("too_large", response.status_code)
        chunks: list[bytes] = []
        size = 0
        raw = response.raw
        try:
            while True:
                if deadline.over():
                    raise _PageError("timeout", response.status_code)
                # read1 returns as soon as some bytes arrive, so a server dribbling bytes
                # cannot hold one read open past the read timeout.
                chunk = raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    if truncate:
                        chunks.append(chunk[: len(chunk) - (size - max_bytes)])
                        break
                    raise _PageError("too_large", response.status_code)
                chunks.append(chunk)
        except _PageError:
            raise
        except (requests.Timeout, TimeoutError) as exc:
            raise _PageError("timeout", response.status_code) from exc
        except Exception as exc:  # urllib3 wraps socket errors in several classes
            if "timed out" in str(exc).lower():
                raise _PageError("timeout", response.status_code) from exc
            raise _PageError("connection_error", response.status_code) from exc
        if deadline.over():
            raise _PageError("timeout", response.status_code)
        return b"".join(chunks)

    def _read_page(self, response: requests.Response, deadline: _Budget) -> str:
        status = response.status_code
        if status >= 300 or status < 200:
            raise _PageError(f"http_{status}", status)
        content_type = response.headers.get("Content-Type", "")
        mime = content_type.split(";", 1)[0].strip().lower()
        # A missing Content-Type is common on small static hosts; the binary sniff still applies.
        if mime and mime not in HTML_TYPES:
            raise _PageError("not_html", status)
        body = self._read_body(response, deadline, self.settings.max_bytes)
        charset = _codec_or_none(
            (re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.I) or [None, None])[1]
        )
        wide = charset is not None and charset.startswith(("utf-16", "utf-32"))
        if (
            not wide
            and b"\x00" in body[:_SNIFF_BYTES]
            and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        ):
            raise _PageError("binary", status)
        return decode_body(body, content_type)

    # -- robots.txt -------------------------------------------------------------------------

    def _check_robots(self, parts, deadline: _Budget) -> None:
        key = _origin(parts)
        robots = self._robots.get(key)
        if robots is None:
            with self._pace_lock:
                lock = self._robots_locks.setdefault(key, threading.Lock())
            with lock:  # a second thread for the same origin waits for the first's answer
                robots = self._robots.get(key)
                if robots is None:
                    robots = self._load_robots(parts, deadline)
                    if robots.crawl_delay and robots.crawl_delay > self.settings.max_crawl_delay:
                        robots.unavailable = "crawl_delay_too_long"
                    elif robots.crawl_delay:
                        with self._pace_lock:
                            self._crawl_delay[_host_key(parts)] = robots.crawl_delay
                    self._robots[key] = robots
        if robots.unavailable:
            raise _PageError(robots.unavailable)
        if robots.parser is not None and not robots.parser.can_fetch(
            self.settings.user_agent, parts.geturl()
        ):
            raise _PageError("robots")

    def _load_robots(self, parts, deadline: _Budget) -> _Robots:
        """Fetch and parse robots.txt once per origin (RFC 9309: 4xx = allow, 5xx = stay away)."""
        url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        try:
            for _hop in range(self.settings.max_redirects + 1):
                robot_parts = self._check_url(url)
                response = self._request(robot_parts.geturl(), deadline)
                status = response.status_code
                if status in REDIRECT_CODES and response.headers.get("Location"):
                    response.close()
                    url = urljoin(url, response.headers["Location"])
                    continue
                try:
                    if 400 <= status < 500:
                        return _Robots(parser=None)
                    if status >= 500 or status < 200 or status >= 300:
                        return _Robots(parser=None, unavailable="robots_unavailable")
                    # RFC 9309 asks parsers to read at least 500 KiB and ignore the rest.
                    body = self._read_body(
                        response, deadline, self.settings.robots_max_bytes, truncate=True
                    )
                finally:
                    response.close()
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
                delay = parser.crawl_delay(self.settings.user_agent)
                return _Robots(parser=parser, crawl_delay=float(delay) if delay else None)
            return _Robots(parser=None)  # RFC 9309: too many redirects → treat as unavailable (4xx)
        except _PageError as exc:
            # The host itself is refused or malformed: say so rather than blame robots.txt.
            if exc.reason in ("blocked_address", "bad_url"):
                return _Robots(parser=None, unavailable=exc.reason)
            return _Robots(parser=None, unavailable="robots_unavailable")


class _Budget:
    """A wall-clock budget that waits we choose (pacing, Crawl-delay) do not spend."""

    def __init__(self, clock: Callable[[], float], seconds: float):
        self._clock = clock
        self.end = clock() + seconds

    def extend(self, seconds: float) -> None:
        self.end += seconds

    def left(self) -> float:
        return self.end - self._clock()

    def over(self) -> bool:
        return self._clock() > self.end


def parse_url(url: str) -> SplitResult:
    """The one URL parser of the guard and the request: an http(s) URL whose host the standard
    library and urllib3 (what requests sends with) read the same way, without a fragment.

    `http://10.0.0.1\\@127.0.0.1/` is refused: urllib reads host 127.0.0.1, urllib3 10.0.0.1."""
    text = url.strip() if isinstance(url, str) else ""
    if not text or any(ord(c) < 0x21 or c == "\\" for c in text):
        raise _PageError("bad_url")
    try:
        parts = urlsplit(text)
        port = parts.port
        theirs = urllib3.util.parse_url(text)
    except ValueError as exc:  # urllib3's LocationParseError is a ValueError
        raise _PageError("bad_url") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _PageError("bad_url")
    host = parts.hostname.lower()
    if (theirs.host or "").lower().strip("[]") != host or (theirs.port or None) != port:
        raise _PageError("bad_url")
    return parts._replace(fragment="")


class _BlockedPeer(OSError):
    """The socket connected to a non-public address the pre-check did not see (DNS rebinding)."""


def _is_blocked_peer(exc: BaseException) -> bool:
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        if isinstance(item, _BlockedPeer):
            return True
        seen.add(id(item))
        stack.extend([item.__cause__, item.__context__, getattr(item, "reason", None), *item.args])
    return False


def _guarded(base: type, check: Callable[[str, int, str], bool]) -> type:
    class Guarded(base):
        def _new_conn(self):
            sock = super()._new_conn()
            peer = sock.getpeername()[0]
            if not check(self.host, self.port, peer):
                sock.close()
                raise _BlockedPeer(f"connection to {self.host} landed on {peer}")
            return sock

    return Guarded


class _GuardedAdapter(HTTPAdapter):
    """Checks the address each new socket actually connected to, before any byte is sent."""

    def __init__(self, check: Callable[[str, int, str], bool]):
        self._check = check
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        http_conn = _guarded(urllib3.connection.HTTPConnection, self._check)
        https_conn = _guarded(urllib3.connection.HTTPSConnection, self._check)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type(
                "GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}
            ),
        }


def _host_key(parts) -> str:
    return (parts.hostname or "").lower()


def _origin(parts) -> str:
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"
