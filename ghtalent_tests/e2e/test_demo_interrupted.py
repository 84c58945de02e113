"""A demo run killed mid-way: the next run reuses what it had fetched and duplicates nothing
(its own file, so pytest-xdist can run it beside the other demo runs)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import duckdb

from ghtalent.paths import REPO_ROOT
from ghtalent_tests.e2e.demo_runs import demo, requests_line, workdir

DATE = "2026-11-25"


def test_killed_run_resumes_from_what_it_had(tmp_path):
    # Ten homepages: the kill comes long before the pages, and the rerun need not read many.
    env = workdir(tmp_path, scrape_top_n=10)
    data = tmp_path / "data"
    proc = subprocess.Popen(
        # one keyword: it has far more than the 30 answers to store before the kill
        [sys.executable, "-m", "ghtalent.demo", "--date", DATE, "--keywords", "diffusion"],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    cache = data / "mirror" / "cache" / "http.sqlite"
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if cache.exists():
            try:
                with sqlite3.connect(cache, timeout=1) as db:
                    stored = db.execute("select count(*) from responses").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored >= 30:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    result = demo(env, "--date", DATE, "--keywords", "diffusion")
    assert result.returncode == 0, result.stdout + result.stderr
    counts = requests_line(result.stdout)
    assert counts["cache"] >= 30  # what the killed run fetched was not asked again
    with duckdb.connect(str(data / "mirror" / "warehouse.duckdb"), read_only=True) as con:
        dupes = con.execute(
            "select count(*) from (select keyword, full_name, count(*) c from ghtalent.keyword_repos "
            "group by 1, 2 having c > 1)"
        ).fetchone()[0]
    assert dupes == 0
