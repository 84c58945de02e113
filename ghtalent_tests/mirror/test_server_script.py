"""The mirror started as a script (`python -m ghtalent.mirror.server`, as `make mirror` and
scripts/bench_pipeline.py start it) answers the profile GraphQL query, not only when imported."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
import requests

from ghtalent.github.calls import USER_FIELDS
from ghtalent.paths import REPO_ROOT
from scripts.bench_fetch import free_port


@pytest.mark.slow
def test_mirror_run_as_a_script_answers_user_queries():
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ghtalent.mirror.server", "--port", str(port), "--no-limits"],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/_mirror/meta", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        found = requests.get(f"{url}/search/repositories", params={"q": "LLM"}, timeout=10)
        owners = [item["owner"] for item in found.json()["items"]]
        login = next(o["login"] for o in owners if o.get("type") == "User")
        query = f"query {{\n  u0: user(login: {json.dumps(login)}) {{{USER_FIELDS}\n  }}\n}}"
        answer = requests.post(f"{url}/graphql", json={"query": query}, timeout=10)
        assert answer.status_code == 200
        assert "errors" not in answer.json(), answer.json()
        assert answer.json()["data"]["u0"]["login"] == login
    finally:
        proc.terminate()
        try:
            _, stderr = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()  # not left serving after the test
            proc.communicate()
            pytest.fail("the mirror did not stop on SIGTERM")
    assert "Traceback" not in stderr, stderr


@pytest.mark.slow
def test_mirror_stops_on_sigterm_even_when_its_parent_ignored_it():
    port = free_port()
    ignore = "import signal, os, sys; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    ignore += "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
    proc = subprocess.Popen(
        [sys.executable, "-c", ignore, "-m", "ghtalent.mirror.server", "--port", str(port)]
        + ["--no-limits", "--lazy-openalex"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert "serving" in proc.stdout.readline()  # up (the line comes once it listens)
        proc.terminate()
        assert proc.wait(timeout=10) == -signal.SIGTERM
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
