"""The GitHub client's own CPU per request, against the mirror of the bundled snapshot.

    .venv/bin/python scripts/bench_client.py [--repos 600]

One request at a time (contributor lists and star histories of the first N repositories), on
an empty cache, then again from the cache, without a token and with one. The mirror runs in
its own process, so the CPU time printed is the client's alone: URL and cache-key work,
requests and urllib3, the cache reads and writes, JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ghtalent.github import GitHubClient, GitHubError  # noqa: E402
from ghtalent.github.calls import list_contributors, star_history  # noqa: E402
from ghtalent.mirror.world import load_world  # noqa: E402
from ghtalent.paths import REPO_ROOT, SNAPSHOT_DIR  # noqa: E402
from scripts.bench_fetch import free_port  # noqa: E402
from scripts.bench_pipeline import wait_up  # noqa: E402


def one_pass(
    url: str, token: str | None, cache: Path, names: list[str]
) -> tuple[float, float, int]:
    client = GitHubClient(url, token=token, cache_path=cache)
    wall, cpu = time.perf_counter(), time.process_time()
    for name in names:
        for call in (list_contributors, lambda c, n: star_history(c, n, weeks=60)):
            # a repository the world marks gone or blocked is answered all the same
            with contextlib.suppress(GitHubError):
                call(client, name)
    requests = sum(client.counter.counts.values())
    return time.perf_counter() - wall, time.process_time() - cpu, requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=600)
    args = parser.parse_args()
    world = load_world(SNAPSHOT_DIR / "world.json.gz")
    names = [f"{r['owner']}/{r['name']}" for r in world["repos"]][: args.repos]
    del world
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ghtalent.mirror.server", "--port", str(port)]
        + ["--no-limits", "--lazy-openalex"],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_up(url)
        print(f"{len(names)} repositories, one request at a time")
        for label, token in (("no token", None), ("token", "ghp_" + "b" * 36)):
            with tempfile.TemporaryDirectory() as tmp:
                cache = Path(tmp) / "http.sqlite"
                for kind in ("cold", "cached"):
                    wall, cpu, n = one_pass(url, token, cache, names)
                    print(
                        f"{label:>8} {kind:>6}: {n:,} requests, {wall:.2f} s wall, "
                        f"{cpu:.2f} s CPU, {1000 * cpu / max(1, n):.2f} ms CPU per request"
                    )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
