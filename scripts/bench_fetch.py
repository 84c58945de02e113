"""Benchmark the fetch stage on a generated world: requests against the floor, time, memory.

    .venv/bin/python scripts/bench_fetch.py [--repos-per-keyword 1000 --people 150000]

Each pass runs twice, without a token and with one (a live run always has one, and GitHub
answers it with `Vary: Authorization`), and the figures are printed side by side.
Pass 1 is a full refresh on an empty cache; the same-day rerun should send no request at all;
the next-day pass runs over the unchanged world (a clock one day ahead), where answers should
be free 304 revalidations.
The floor (DESIGN.md): 10·K search calls + one contributors call per distinct repository +
⌈U/50⌉ GraphQL user batches + the star-history pages the boards need; plus one REST call per
distinct organization owner, since GraphQL has no follower count for organizations, and one
stats/contributors call per repository whose contributor list GitHub refuses as too large.
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
    stats = 0
    history = 0
    for name, row in fetched["repos"].items():
        repo = by_name[name]
        if repo.get("status") in ("deleted", "dmca"):
            history += 1  # one call to learn it is gone
            continue
        if repo.get("contributors_status") == "too_large":
            stats += 1  # the list refused: people from stats/contributors
        weeks = len(repo.get("star_weeks", []))
        wanted = weeks if row.stars >= THRESHOLD else min(RECENT_WEEKS, weeks)
        history += max(1, math.ceil(wanted / HISTORY_PAGE))
    return {
        "search": search,
        "contributors": contributors,
        "graphql": graphql,
        "orgs": orgs,
        "stats": stats,
        "history": history,
    }


BENCH_TOKEN = "ghp_bench" + "0" * 31  # the mirror accepts any token; GitHub answers Vary to it


def spent_of(counts: dict[str, int]) -> int:
    return counts["search"] + counts["core"] + counts["graphql"] + counts["304"]


def run_passes(
    url: str, folder: Path, token: str | None, world: dict, queries: list[str], limit: int
) -> dict:
    """Pass 1 on an empty cache, a same-day rerun, and the next day, with or without a token."""
    folder.mkdir(parents=True)
    label = "with a token" if token else "without a token"
    now = datetime.now(UTC)
    today = FakeClock()
    store = UserStore(folder / "profiles.sqlite")
    cache = folder / "http.sqlite"

    client = GitHubClient(url, token=token, cache_path=cache, clock=today)
    start = time.perf_counter()
    fetched = fetch_stage(client, store, queries, limit, now)
    wall = time.perf_counter() - start
    counts = client.counter.as_dict()
    fl = floor(world, fetched, len(queries), limit)
    total_floor = sum(fl.values())
    print(
        f"\n[{label}] pass 1 (empty cache): {len(fetched['repos']):,} distinct repos, "
        f"{len(fetched['users']):,} distinct users, {len(fetched['orgs']):,} organizations"
    )
    print("  requests: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print("  floor:    " + ", ".join(f"{k} {v:,}" for k, v in fl.items()) + f"  = {total_floor:,}")
    print(f"  wall time {wall:.1f} s ({spent_of(counts) / wall:.0f} requests/s)")

    rerun = GitHubClient(url, token=token, cache_path=cache, clock=today)
    start = time.perf_counter()
    fetch_stage(rerun, store, queries, limit, now)
    wall_rerun = time.perf_counter() - start
    c_rerun = rerun.counter.as_dict()
    print(f"[{label}] same-day rerun: " + ", ".join(f"{k} {v:,}" for k, v in c_rerun.items()))

    tomorrow = FakeClock(start=time.time() + 86400, day=now.date() + timedelta(days=1))
    next_day = GitHubClient(url, token=token, cache_path=cache, clock=tomorrow)
    start = time.perf_counter()
    fetch_stage(next_day, store, queries, limit, now + timedelta(days=1))
    wall2 = time.perf_counter() - start
    c2 = next_day.counter.as_dict()
    print(f"[{label}] next day: " + ", ".join(f"{k} {v:,}" for k, v in c2.items()))
    store.close()
    return {
        "pass 1 requests": spent_of(counts),
        "pass 1 floor": total_floor,
        "pass 1 / floor": spent_of(counts) / total_floor,
        "pass 1 wall s": wall,
        "same-day rerun requests": spent_of(c_rerun),
        "same-day rerun cache hits": c_rerun["cache"],
        "same-day rerun wall s": wall_rerun,
        "next-day requests": spent_of(c2),
        "next-day free 304s": c2["304"],
        "next-day 304 share": c2["304"] / max(spent_of(c2), 1),
        "next-day points spent": spent_of(c2) - c2["304"],
        "next-day wall s": wall2,
    }


def print_side_by_side(results: dict[str, dict]) -> None:
    modes = list(results)
    print("\n" + f"{'':28}" + "".join(f"{m:>14}" for m in modes))
    for key in results[modes[0]]:
        cells = []
        for mode in modes:
            value = results[mode][key]
            if isinstance(value, float):
                cells.append(f"{value:>14.3f}" if "wall" not in key else f"{value:>14.1f}")
            else:
                cells.append(f"{value:>14,}")
        print(f"{key:28}" + "".join(cells))
    print(
        "targets: pass 1 / floor <= 1.05, same-day rerun requests = 0, next-day 304 share >= 0.95"
    )
    print(
        f"peak memory of the fetching process (RSS): "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
        "(world generation included)"
    )


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
                "--lazy-openalex",  # the fetch stage asks OpenAlex nothing
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
            results = {
                mode: run_passes(url, tmp_path / mode, token, world, queries, limit)
                for mode, token in (("no token", None), ("token", BENCH_TOKEN))
            }
            print_side_by_side(results)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
