"""The mirror started as a script (`python -m ghtalent.mirror.server`, as `make mirror` and
scripts/bench_pipeline.py start it) answers the profile GraphQL query, not only when imported."""

from __future__ import annotations

import json
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
        _, stderr = proc.communicate(timeout=10)
    assert "Traceback" not in stderr, stderr
