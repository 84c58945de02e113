"""Jobs: refresh one keyword partition, re-score one, rebuild the boards of one date.

Runs of keyword×date assets and runs of the date-partitioned boards are separate jobs (one run
targets one partitions definition); `boards_sensor` starts the boards run once the keyword
runs of a date have finished. See docs/team.md, "Schedules and sensors".
"""

from __future__ import annotations

import argparse
import sys

import dagster as dg

from ghtalent.config import ConfigError
from ghtalent.defs.partitions import date_partitions, keyword_config

KEYWORD_ASSETS = (
    "keyword_repos",
    "contributors",
    "star_history",
    "enriched_profiles",
    "academic_profiles",
    "scores",
)
TRIGGER_TAG = "ghtalent/trigger"  # schedule, new_keyword, rescore, curation, boards, demo, ...
# Dagster tags every run of a multi-partition with one tag per dimension.
DATE_TAG = "dagster/partition/date"
KEYWORD_TAG = "dagster/partition/keyword"

refresh_job = dg.define_asset_job(
    "refresh_job",
    selection=dg.AssetSelection.assets(*KEYWORD_ASSETS),
    description="Every keyword×date asset of one partition: GitHub → people → scores.",
)
rescore_job = dg.define_asset_job(
    "rescore_job",
    selection=dg.AssetSelection.assets("scores"),
    description="Re-score one keyword×date partition from what the warehouse holds.",
)
boards_job = dg.define_asset_job(
    "boards_job",
    selection=dg.AssetSelection.assets("boards"),
    description="The boards of one date from every keyword partition of that date.",
)

JOBS = [refresh_job, rescore_job, boards_job]

NOT_FINISHED = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def partition_key(date: str, keyword: str) -> dg.MultiPartitionKey:
    return dg.MultiPartitionKey({"date": date, "keyword": keyword})


def runs_in_flight(
    instance: dg.DagsterInstance, date: str, keyword: str | None = None
) -> list[dg.DagsterRun]:
    """Queued or running runs of keyword assets for `date` (and `keyword`, when given)."""
    tags = {DATE_TAG: date} if keyword is None else {DATE_TAG: date, KEYWORD_TAG: keyword}
    return list(instance.get_runs(dg.RunsFilter(statuses=NOT_FINISHED, tags=tags)))


def backfill_partitions(start: str, end: str, names: list[str] | None = None) -> list[str]:
    """Keyword×date partition keys from `start` to `end` (inclusive) for keywords or groups."""
    dates = date_partitions.get_partition_keys_in_range(dg.PartitionKeyRange(start, end))
    if not dates:
        raise ValueError(f"no date partitions from {start} to {end}")
    return [str(partition_key(d, k.slug)) for k in keyword_config.select(names) for d in dates]


def main(argv: list[str] | None = None) -> int:
    """Print the partition keys of a backfill, comma-separated, for `dagster job backfill`."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--from", dest="start", required=True, help="first date, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last date, YYYY-MM-DD")
    parser.add_argument("--keywords", nargs="*", help="keyword or group slugs (default: all)")
    args = parser.parse_args(argv)
    try:
        print(",".join(backfill_partitions(args.start, args.end, args.keywords)))
    except (ConfigError, ValueError, dg.DagsterInvalidInvocationError) as exc:
        print(f"ghtalent: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
