"""Print how long each asset step of the latest demo runs took, from this checkout's Dagster
instance (the figure `make demo` leaves behind), e.g. the `boards` step.

    .venv/bin/python scripts/step_times.py [ASSET ...]
"""

from __future__ import annotations

import sys

import dagster as dg


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"boards"}
    instance = dg.DagsterInstance.get()
    shown = 0
    for run in instance.get_runs(limit=60):
        for stat in instance.get_run_step_stats(run.run_id):
            name = stat.step_key.split(".")[-1]
            if name in wanted and stat.end_time and stat.start_time:
                tags = run.tags.get("dagster/partition", "")
                print(
                    f"{name:<12} {tags:<28} {stat.end_time - stat.start_time:6.2f} s  {run.run_id[:8]}"
                )
                shown += 1
        if shown >= 3:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
