"""The network guard refuses every lookup and connection outside loopback, in this process
and in the processes tests start, and counts what it refused."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests

from ghtalent import netguard
from ghtalent_tests.conftest import take_expected_refusals


def test_the_guard_is_on_for_the_whole_suite():
    assert netguard.installed()


@pytest.mark.parametrize(
    "call",
    [
        lambda: socket.getaddrinfo("example.com", 443),
        lambda: socket.gethostbyname("huggingface.co"),
        lambda: socket.gethostbyname_ex("www.linkedin.com"),
        lambda: socket.create_connection(("10.0.0.1", 80), timeout=0.2),
        lambda: socket.create_connection(("8.8.8.8", 53), timeout=0.2),
        lambda: socket.socket(socket.AF_INET6).connect(("2001:4860:4860::8888", 53)),
        lambda: requests.get("http://example.org/", timeout=0.5),
    ],
)
def test_outside_lookups_and_connections_are_refused_and_logged(tmp_path, call):
    log = tmp_path / "refused.log"
    with netguard.recording(log), pytest.raises(OSError):
        call()
    assert len(netguard.read_refusals(log)) >= 1


def test_loopback_and_literals_pass(tmp_path):
    class Ok(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    log = tmp_path / "refused.log"
    try:
        with netguard.recording(log):
            port = server.server_address[1]
            assert requests.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 204
            assert requests.get(f"http://localhost:{port}/", timeout=5).status_code == 204
            socket.getaddrinfo("10.0.0.1", 80)  # a literal: no DNS query is made
    finally:
        server.shutdown()
    assert netguard.read_refusals(log) == []


def test_a_child_process_with_its_own_environment_is_guarded_too():
    # The child is handed a bare environment (no guard variables): the suite adds them anyway,
    # and its refusal lands in the suite's log (which would fail this test if not taken here).
    code = "import socket\ntry:\n    socket.getaddrinfo('example.com', 80)\nexcept OSError:\n    print('refused')\n"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "refused", out.stderr
    refused = take_expected_refusals()
    assert len(refused) == 1 and "example.com" in refused[0]


def test_the_runner_counts_refusals_and_fails(tmp_path):
    log = tmp_path / "run.log"
    code = "import socket\ntry:\n    socket.gethostbyname('x.com')\nexcept OSError:\n    pass\n"
    # The runner's own process is not guarded here (its child writes to --log); run it bare.
    out = subprocess.run(
        [sys.executable, "-m", "ghtalent.netguard", "--log", str(log), "--",
         sys.executable, "-c", code],
        capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    take_expected_refusals()
    assert out.returncode == 3, out.stdout + out.stderr
    assert "1 refused" in out.stdout
