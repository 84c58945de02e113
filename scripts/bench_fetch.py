"""Benchmark the fetch stage on a generated world: requests against the floor, time, memory.

    .venv/bin/python scripts/bench_fetch.py [--repos-per-keyword 1000 --people 150000]

Pass 1 is a full refresh on an empty cache; pass 2 is the next day over the unchanged world
(a clock one day ahead), where answers should be free 304 revalidations.
The floor (DESIGN.md): 10·K search calls + one contributors call per distinct repository +
⌈U/50⌉ GraphQL user batches + the star-history pages the boards need; plus one REST call per
distinct organization owner, since GraphQL has no follower count for organizations.
"""

from __future__ import annotations

import argparse
import math
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ghtalent.github import GitHubClient  # noqa: E402
from ghtalent.github.calls import HISTORY_PAGE, SEARCH_CAP  # noqa: E402
from ghtalent.github.clock import FakeClock  # noqa: E402
from ghtalent.github.collect import (  # noqa: E402
    collect_contributors,
    collect_profiles,
    collect_repos,
    collect_star_history,
)
from ghtalent.github.userstore import UserStore  # noqa: E402
from ghtalent.mirror.generate import generate_world  # noqa: E402
from ghtalent.mirror.world import save_world  # noqa: E402

RECENT_WEEKS, THRESHOLD = 26, 10_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_stage(
    client: GitHubClient, store: UserStore, queries: list[str], limit: int, now: datetime
) -> dict:
    """Everything the keyword partitions of one date fetch, keyword by keyword."""
    seen_repos: dict[str, object] = {}
    users: set[str] = set()
    orgs: set[str] = set()
    for query in queries:
        found = collect_repos(client, query, limit)
        repos = found.repos
        batch = collect_contributors(client, repos["full_name"])
        collect_star_history(client, repos, RECENT_WEEKS, THRESHOLD)
        people = batch.contributors.loc[batch.contributors["kind"] == "User", "login"].dropna()
        owners_u = repos.loc[repos["owner_type"] == "User", "owner_login"]
        owners_o = repos.loc[repos["owner_type"] == "Organization", "owner_login"]
        collect_profiles(client, list(people) + list(owners_u), list(owners_o), store, 7.0, now)
        users.update(x.lower() for x in list(people) + list(owners_u))
        orgs.update(x.lower() for x in owners_o)
        for row in repos.itertuples(index=False):
            seen_repos[row.full_name] = row
    return {"repos": seen_repos, "users": users, "orgs": orgs}


def floor(world: dict, fetched: dict, keywords: int, limit: int) -> dict[str, int]:
    by_name = {f"{r['owner']}/{r['name']}": r for r in world["repos"]}
    search = keywords * math.ceil(min(limit, SEARCH_CAP) / 100)
    contributors = len(fetched["repos"])
    graphql = math.ceil(len(fetched["users"]) / 50)
    orgs = len(fetched["orgs"])
    history = 0
    for name, row in fetched["repos"].items():
        repo = by_name[name]
        if repo.get("status") in ("deleted", "dmca"):
            history += 1  # one call to learn it is gone
            continue
        weeks = len(repo.get("star_weeks", []))
        wanted = weeks if row.stars >= THRESHOLD else min(RECENT_WEEKS, weeks)
        history += max(1, math.ceil(wanted / HISTORY_PAGE))
    return {
        "search": search,
        "contributors": contributors,
        "graphql": graphql,
        "orgs": orgs,
        "history": history,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repos-per-keyword", type=int, default=1000)
    parser.add_argument("--people", type=int, default=150_000)
    parser.add_argument(
        "--extra",
        type=int,
        default=200,
        help="extra low-star matches per keyword (exercises the cap)",
    )
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ghtalent-bench-") as tmp:
        tmp_path = Path(tmp)
        t0 = time.perf_counter()
        world = generate_world(
            seed=args.seed,
            repos_per_keyword=args.repos_per_keyword,
            people=args.people,
            extra_matches_per_keyword=args.extra,
        )
        world_path = save_world(world, tmp_path / "world.json.gz")
        print(
            f"world: {len(world['repos']):,} repos, {len(world['accounts']):,} accounts "
            f"(generated in {time.perf_counter() - t0:.1f} s)"
        )
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ghtalent.mirror.server",
                "--world",
                str(world_path),
                "--port",
                str(port),
                "--no-limits",
            ],
            stdout=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if requests.get(f"{url}/_mirror/meta", timeout=1).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.1)
            queries = world["meta"]["keywords"]
            limit = min(args.repos_per_keyword, SEARCH_CAP)
            now = datetime.now(UTC)

            store = UserStore(tmp_path / "profiles.sqlite")
            client = GitHubClient(url, cache_path=tmp_path / "http.sqlite", clock=FakeClock())
            start = time.perf_counter()
            fetched = fetch_stage(client, store, queries, limit, now)
            wall = time.perf_counter() - start
            counts = client.counter.as_dict()
            spent = counts["search"] + counts["core"] + counts["graphql"] + counts["304"]
            fl = floor(world, fetched, len(queries), limit)
            total_floor = sum(fl.values())
            print(
                f"\npass 1 (empty cache): {len(fetched['repos']):,} distinct repos, "
                f"{len(fetched['users']):,} distinct users, {len(fetched['orgs']):,} organizations"
            )
            print("  requests: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
            print(
                "  floor:    "
                + ", ".join(f"{k} {v:,}" for k, v in fl.items())
                + f"  = {total_floor:,}"
            )
            print(f"  spent / floor = {spent:,} / {total_floor:,} = {spent / total_floor:.3f}")
            print(f"  wall time {wall:.1f} s ({spent / wall:.0f} requests/s)")
            print(
                f"  peak memory of the fetching process (RSS): "
                f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (world generation included)"
            )

            tomorrow = FakeClock(start=time.time() + 86400, day=now.date() + timedelta(days=1))
            client2 = GitHubClient(url, cache_path=tmp_path / "http.sqlite", clock=tomorrow)
            start = time.perf_counter()
            fetch_stage(client2, store, queries, limit, now + timedelta(days=1))
            wall2 = time.perf_counter() - start
            c2 = client2.counter.as_dict()
            network = c2["search"] + c2["core"] + c2["graphql"] + c2["304"]
            print("\npass 2 (next day, unchanged world):")
            print("  requests: " + ", ".join(f"{k} {v:,}" for k, v in c2.items()))
            print(
                f"  304 share = {c2['304']:,} / {network:,} = {c2['304'] / max(network, 1):.3f}; "
                f"rate-limit points spent {network - c2['304']:,}; wall time {wall2:.1f} s"
            )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
