"""A real HTTP server on 127.0.0.1 (ephemeral port) serving the awkward pages the fetcher must survive."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = b"<!doctype html><html><head><title>ok</title></head><body><p>Hello</p></body></html>"


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    body: bytes = PAGE
    # Called instead of writing `body` (for streaming / slow replies).
    writer: Callable[[BaseHTTPRequestHandler], None] | None = None
    delay: float = 0.0  # seconds before the status line


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Callable[[_Server], Reply]] = {}
        self.hits: list[str] = []
        self.robots = Reply(
            body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"}
        )

    def handle_error(self, request, client_address) -> None:  # noqa: ARG002
        pass  # clients hang up on purpose (size caps, timeouts); no tracebacks


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, *args) -> None:  # noqa: ARG002
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        self.server.hits.append(path)
        if path == "/robots.txt":
            reply = self.server.robots
        elif path in self.server.routes:
            reply = self.server.routes[path](self.server)
        else:
            reply = Reply(status=404, body=b"<p>not found</p>")
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.writer is None:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.writer is not None:
                reply.writer(self)
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@dataclass
class LocalServer:
    server: _Server

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host_port}{path}"

    def route(self, path: str, reply: Reply | Callable[[_Server], Reply]) -> None:
        self.server.routes[path] = reply if callable(reply) else (lambda _s, r=reply: r)

    @property
    def hits(self) -> list[str]:
        return self.server.hits

    def set_robots(self, reply: Reply) -> None:
        self.server.robots = reply


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A fresh server per test: routes, robots.txt and hit log never leak between tests."""
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield LocalServer(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
