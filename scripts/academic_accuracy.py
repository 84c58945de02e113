"""Print developer → OpenAlex author matching accuracy on the bundled synthetic world."""

from __future__ import annotations

import argparse
import time

from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR
from ghtalent.scholar.accuracy import measure
from ghtalent.scholar.client import OpenAlexClient


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--world", default=str(SNAPSHOT_DIR / "world.json.gz"))
    args = parser.parse_args()
    world = load_world(args.world)
    with MirrorServer(world) as mirror, OpenAlexClient(mirror.url + "/openalex", min_interval=0) as client:
        start = time.perf_counter()
        result = measure(world, client, mirror.url)
        print(result.line() + f", {time.perf_counter() - start:.1f} s")
        print(result.rows["status"].value_counts().to_string())


if __name__ == "__main__":
    main()
