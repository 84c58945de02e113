"""Benchmark the whole pipeline, cold, on a generated world: each asset's time and peak memory.

    .venv/bin/python scripts/bench_pipeline.py [--repos-per-keyword 1000 --people 150000]

Generates the world (6 keywords x N repositories), serves it on a local mirror without rate
limits (ready once it has derived its OpenAlex authors, timed apart), and runs `python -m ghtalent.demo` in a fresh process against an empty data folder and
Dagster instance (the exact job a user runs). Then prints, from that instance's event log, the
time of every asset step summed over its partitions, the wall time, the demo process's peak
resident memory, and the time of the first `country_of` lookup in a fresh process (the
gazetteer's load).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ghtalent.mirror.generate import generate_world  # noqa: E402
from ghtalent.mirror.world import save_world  # noqa: E402
from scripts.bench_fetch import free_port  # noqa: E402

FIRST_LOOKUP = (
    "import time; t = time.perf_counter(); from ghtalent.people.countries import country_of; "
    "country_of('Hangzhou, China'); print(f'{time.perf_counter() - t:.2f}')"
)


def wait_up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/_mirror/meta", timeout=1).ok:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"the benchmark mirror at {url} did not come up in {seconds:.0f} s")


def step_times(home: Path) -> dict[str, list[float]]:
    """Seconds per asset step (one entry per run that executed it), from the instance."""
    import dagster as dg

    durations: dict[str, list[float]] = defaultdict(list)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        for record in instance.get_run_records():
            started: dict[str, float] = {}
            for entry in instance.all_logs(record.dagster_run.run_id):
                event = entry.dagster_event
                if event is None or not event.step_key:
                    continue
                if event.event_type == dg.DagsterEventType.STEP_START:
                    started[event.step_key] = entry.timestamp
                elif event.event_type == dg.DagsterEventType.STEP_SUCCESS:
                    begin = started.get(event.step_key)
                    if begin is not None:
                        durations[event.step_key].append(entry.timestamp - begin)
    return durations


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repos-per-keyword", type=int, default=1000)
    parser.add_argument("--people", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ghtalent-bench-pipeline-"))
    try:
        t0 = time.perf_counter()
        world = generate_world(
            seed=args.seed, repos_per_keyword=args.repos_per_keyword, people=args.people
        )
        world_path = save_world(world, tmp / "world.json.gz")
        print(
            f"world: {len(world['repos']):,} repos, {len(world['accounts']):,} accounts "
            f"(generated in {time.perf_counter() - t0:.1f} s)"
        )
        del world
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "ghtalent.mirror.server", "--world", str(world_path)]
            + ["--port", str(port), "--no-limits"],
            stdout=subprocess.DEVNULL,
            cwd=REPO,
        )
        try:
            t_mirror = time.perf_counter()
            wait_up(f"http://127.0.0.1:{port}", seconds=600)
            # Not part of the run: the mirror stands in for GitHub and OpenAlex, which are up.
            print(
                f"mirror ready in {time.perf_counter() - t_mirror:.1f} s "
                "(world loaded, OpenAlex authors derived)"
            )
            home = tmp / "dagster_home"
            home.mkdir()
            shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
            env = {
                **os.environ,
                "DAGSTER_HOME": str(home),
                "GHTALENT_DATA_DIR": str(tmp / "data"),
                "GHTALENT_MIRROR_PORT": str(port),
                "GHTALENT_SOURCE": "mirror",
            }
            env.pop("GITHUB_TOKEN", None)
            t1 = time.perf_counter()
            demo = subprocess.Popen(
                [sys.executable, "-m", "ghtalent.demo"],
                env=env,
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            output, _ = demo.communicate()
            wall = time.perf_counter() - t1
            # only the demo has been reaped so far (the mirror still runs): its peak alone
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        finally:
            server.terminate()
            server.wait(timeout=10)
        print(output.rstrip())
        print()
        print(f"{'asset step':<22} {'runs':>4} {'total s':>8} {'max s':>7}")
        for step, seconds in sorted(step_times(home).items(), key=lambda kv: -sum(kv[1])):
            print(f"{step:<22} {len(seconds):>4} {sum(seconds):>8.1f} {max(seconds):>7.1f}")
        print(f"cold full run: {wall:.1f} s wall, peak memory {peak_mb:,.0f} MB (demo process)")
        lookup = subprocess.run(
            [sys.executable, "-c", FIRST_LOOKUP], cwd=REPO, capture_output=True, text=True
        )
        print(f"first country_of lookup in a fresh process: {lookup.stdout.strip()} s")
        return demo.returncode
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
