"""Print developer → OpenAlex author matching accuracy on the bundled synthetic world."""

from __future__ import annotations

import argparse
import time

from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR
from ghtalent.scholar.accuracy import board_candidates, measure
from ghtalent.scholar.client import OpenAlexClient


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--world", default=str(SNAPSHOT_DIR / "world.json.gz"))
    parser.add_argument(
        "--everyone", action="store_true", help="every named user, not only board candidates"
    )
    args = parser.parse_args()
    world = load_world(args.world)
    with (
        MirrorServer(world) as mirror,
        OpenAlexClient(mirror.url + "/openalex", min_interval=0) as client,
    ):
        start = time.perf_counter()
        only = None if args.everyone else board_candidates(world)
        result = measure(world, client, mirror.url, only)
        print(result.line() + f", {time.perf_counter() - start:.1f} s")
        print(result.rows["status"].value_counts().to_string())


if __name__ == "__main__":
    main()
