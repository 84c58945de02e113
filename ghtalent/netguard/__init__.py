"""A process-wide guard that refuses every lookup and connection outside loopback.

The tests run under it (ghtalent_tests/conftest.py) and so can `make demo`
(`make demo-offline`, or `python -m ghtalent.netguard -- <command>`). Every Python process
started with `GHTALENT_NETWORK_GUARD=1` and `ghtalent/netguard/_site` on `PYTHONPATH` installs it
at start-up (through that folder's `sitecustomize`), so subprocesses and Dagster step processes
are covered too. Each refusal is appended, one line, to the file named by
`GHTALENT_NETWORK_GUARD_LOG` (shared by every process) and raised as an `OSError`, so a caller
that swallows network errors cannot hide it: the log still counts it.

Allowed: lookups of loopback names (`localhost`, `*.localhost`) and of IP literals (no DNS
query is made for a literal), connections to 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104, and
every non-IP socket family (Unix sockets). Everything else is refused.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import traceback
from collections.abc import Iterator
from pathlib import Path

ENV_FLAG = "GHTALENT_NETWORK_GUARD"
ENV_LOG = "GHTALENT_NETWORK_GUARD_LOG"
SITE_DIR = Path(__file__).resolve().parent / "_site"

__all__ = [
    "ENV_FLAG",
    "ENV_LOG",
    "SITE_DIR",
    "GuardRefusal",
    "guard_env",
    "install",
    "installed",
    "is_loopback_host",
    "read_refusals",
]


class GuardRefusal(OSError):
    """A lookup or connection outside loopback, refused by the network guard."""


class RefusedLookup(GuardRefusal, socket.gaierror):
    pass


class RefusedConnection(GuardRefusal, ConnectionRefusedError):
    pass


_state: dict = {"installed": False, "log": None, "originals": {}}


def _ip(host: object) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return None
    try:
        return ipaddress.ip_address(host.split("%", 1)[0].strip("[]"))
    except ValueError:
        return None


def _loopback_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def is_loopback_host(host: object) -> bool:
    """True for loopback IP literals and loopback names (`localhost`, `*.localhost`)."""
    ip = _ip(host)
    if ip is not None:
        return _loopback_ip(ip)
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


def _lookup_allowed(host: object) -> bool:
    if host is None or host in ("", b""):
        return True  # a passive (bind) lookup: no name is resolved
    return _ip(host) is not None or is_loopback_host(host)


def _refuse(kind: str, target: object, error: type[GuardRefusal]) -> None:
    line = f"{os.getpid()}\t{kind}\t{target!r}\t{_caller()}\n"
    path = _state["log"]
    if path:
        with contextlib.suppress(OSError), open(path, "a", encoding="utf-8") as out:
            out.write(line)
    raise error(f"network guard: {kind} of {target!r} refused (only loopback is allowed)")


def _caller() -> str:
    frames = traceback.extract_stack()[:-3]
    for frame in reversed(frames):
        if "netguard" not in frame.filename and "/socket.py" not in frame.filename:
            return f"{frame.filename}:{frame.lineno}"
    return "?"


def install(log_path: str | os.PathLike | None = None) -> None:
    """Patch the socket module of this process (idempotent); refusals go to `log_path`."""
    if log_path is not None:
        _state["log"] = str(log_path)
    if _state["installed"]:
        return
    originals = _state["originals"]
    originals.update(
        getaddrinfo=socket.getaddrinfo,
        gethostbyname=socket.gethostbyname,
        gethostbyname_ex=socket.gethostbyname_ex,
        connect=socket.socket.connect,
        connect_ex=socket.socket.connect_ex,
    )

    def getaddrinfo(host, *args, **kwargs):
        if not _lookup_allowed(host):
            _refuse("lookup", host, RefusedLookup)
        return originals["getaddrinfo"](host, *args, **kwargs)

    def gethostbyname(host):
        if not _lookup_allowed(host):
            _refuse("lookup", host, RefusedLookup)
        return originals["gethostbyname"](host)

    def gethostbyname_ex(host):
        if not _lookup_allowed(host):
            _refuse("lookup", host, RefusedLookup)
        return originals["gethostbyname_ex"](host)

    def _check_connect(sock, address) -> None:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        host = address[0] if isinstance(address, tuple) and address else address
        ip = _ip(host)
        if ip is None:
            # connect() with a name resolves it itself: a loopback name may pass, nothing else.
            if not is_loopback_host(host):
                _refuse("connect", address, RefusedConnection)
            return
        if not _loopback_ip(ip):
            _refuse("connect", address, RefusedConnection)

    def connect(self, address):
        _check_connect(self, address)
        return originals["connect"](self, address)

    def connect_ex(self, address):
        _check_connect(self, address)
        return originals["connect_ex"](self, address)

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.gethostbyname_ex = gethostbyname_ex
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    _state["installed"] = True


def installed() -> bool:
    return bool(_state["installed"])


def install_from_env() -> None:
    """What `sitecustomize` calls: install when `GHTALENT_NETWORK_GUARD=1`."""
    if os.environ.get(ENV_FLAG) == "1":
        install(os.environ.get(ENV_LOG) or None)


@contextlib.contextmanager
def recording(path: str | os.PathLike) -> Iterator[Path]:
    """Send this process's refusals to `path` for a while (the guard's own tests)."""
    before = _state["log"]
    _state["log"] = str(path)
    try:
        yield Path(path)
    finally:
        _state["log"] = before


def guard_env(env: dict[str, str], log_path: str | os.PathLike) -> dict[str, str]:
    """`env` with the guard switched on for a child process (its refusals go to `log_path`)."""
    env = dict(env)
    env[ENV_FLAG] = "1"
    env.setdefault(ENV_LOG, str(log_path))
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if str(SITE_DIR) not in paths:
        env["PYTHONPATH"] = os.pathsep.join([str(SITE_DIR), *paths])
    return env


def read_refusals(path: str | os.PathLike, offset: int = 0) -> list[str]:
    """Refusal lines written to `path` after byte `offset`."""
    try:
        with open(path, encoding="utf-8") as log:
            log.seek(offset)
            return [line.rstrip("\n") for line in log if line.strip()]
    except FileNotFoundError:
        return []
