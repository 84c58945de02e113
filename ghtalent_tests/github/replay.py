"""A loopback server that plays back GitHub's recorded answers (../shared/realdata/github-api/),
so the client is held against what GitHub really sent, not only against the project's mirror."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

RECORDED_API = "https://api.github.com"
# Hop-by-hop or encoding headers that described the recorded transfer, not the answer.
DROPPED = {"content-length", "transfer-encoding", "content-encoding", "connection", "status"}


def load_pygithub(realdata: Path, name: str) -> list[dict]:
    """Exchanges of one PyGithub replay recording: {method, url, status, headers, body, ...}."""
    return json.loads((realdata / "github-api" / "pygithub-replay" / f"{name}.json").read_text())


def load_octokit(realdata: Path, name: str) -> list[dict]:
    """Exchanges of one octokit fixture, in the PyGithub shape (headers as a dict)."""
    raw = json.loads((realdata / "github-api" / "octokit-fixtures" / f"{name}.json").read_text())
    out = []
    for entry in raw:
        pairs = entry.get("rawHeaders") or []
        headers = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}
        out.append(
            {
                "method": entry["method"].upper(),
                "url": entry["scope"].rstrip("/").removesuffix(":443") + entry["path"],
                "status": entry["status"],
                "headers": headers,
                "body": entry.get("response"),
                "request_headers": entry.get("reqheaders") or {},
            }
        )
    return out


class ReplayServer:
    """Answers each (method, path) with its recorded exchanges in order; the last one repeats.

    `seen` keeps the headers of every request received, for assertions (tokens, ETags).
    """

    def __init__(self, exchanges: list[dict]):
        self.queues: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for exchange in exchanges:
            parts = urlsplit(exchange["url"])
            key = (exchange["method"].upper(), parts.path)
            self.queues[key].append(exchange)
        self.served: dict[tuple[str, str], int] = defaultdict(int)
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = urlsplit(self.path).path
                key = (self.command, path)
                with replay.lock:
                    replay.seen.append((self.command, path, dict(self.headers.items())))
                    queue = replay.queues.get(key)
                    if not queue:
                        exchange = {"status": 404, "headers": {}, "body": {"message": "Not Found"}}
                    else:
                        exchange = queue[min(replay.served[key], len(queue) - 1)]
                        replay.served[key] += 1
                body = exchange.get("body")
                if body is None:
                    raw = b""
                elif isinstance(body, str):
                    raw = body.encode()
                else:
                    raw = json.dumps(body).encode()
                raw = raw.replace(RECORDED_API.encode(), replay.url.encode())
                self.send_response(int(exchange["status"]))
                for name, value in exchange.get("headers", {}).items():
                    if name.lower() in DROPPED:
                        continue
                    self.send_header(name, str(value).replace(RECORDED_API, replay.url))
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = do_PATCH = do_DELETE = _answer  # noqa: N815

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> ReplayServer:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
