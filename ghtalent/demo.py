"""`make demo`: materialize every asset for every keyword partition of one date, then the
boards, on this checkout's Dagster instance (offline mirror unless GHTALENT_SOURCE=live)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from datetime import date as Date
from typing import TYPE_CHECKING

from ghtalent.config import START_DATE, ConfigError, default_keyword_config
from ghtalent.github.errors import MissingTokenError
from ghtalent.paths import exports_dir, source_dir, warehouse_path
from ghtalent.preflight import PreflightError, preflight
from ghtalent.provenance import x_followers_note
from ghtalent.settings import SettingsError, load_settings

if TYPE_CHECKING:  # Dagster loads once the arguments are known to be good (`run`)
    import dagster as dg

# Dagster's console logger at WARNING: the summary below is what a demo user reads; every
# event stays in the instance for `make ui`.
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
KEYWORD_ASSETS = [
    "keyword_repos",
    "contributors",
    "star_history",
    "enriched_profiles",
    "academic_profiles",
    "scores",
]


def _metadata(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        if mat.asset_key.to_user_string() == asset:
            return {k: getattr(v, "value", v) for k, v in mat.metadata.items()}
    return {}


def release_dead_runs(instance: dg.DagsterInstance) -> None:
    """Mark demo runs whose process died (killed, power cut) as failed and free their warehouse
    slot, so the rerun does not wait forever on a slot nobody will return."""
    import dagster as dg

    records = instance.get_run_records(
        dg.RunsFilter(
            statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING],
            tags={"ghtalent/trigger": "demo"},
        )
    )
    for record in records:
        run = record.dagster_run
        pid = run.tags.get("ghtalent/pid")
        if pid is None or _alive(int(pid)):
            continue
        instance.report_run_failed(run, "interrupted: its process is gone (found by the next demo)")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        print(f"  run {run.run_id[:8]} was interrupted; marked failed and its warehouse slot freed")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class DemoError(ValueError):
    """A bad argument; the message names the value and what is valid."""


def check_date(value: str, first: str, today: Date | None = None) -> str:
    """`value` as a partition date between `first` and today (UTC), or a DemoError saying so."""
    today = today or datetime.now(UTC).date()
    valid = f"give a date from {first} to {today.isoformat()} (today, UTC) as YYYY-MM-DD"
    try:
        day = Date.fromisoformat(value.strip())
    except ValueError:
        raise DemoError(f"--date {value!r} is not a date; {valid}") from None
    if not Date.fromisoformat(first) <= day <= today:
        raise DemoError(f"--date {value} has no partition; {valid}")
    return day.isoformat()


def run(keywords: list[str] | None, date: str) -> int:
    settings = load_settings()
    config = default_keyword_config()
    chosen = config.select(keywords)
    settings.require_token()
    date = check_date(date, START_DATE)
    preflight(source_dir(settings.source_slug()))
    # Imported here, once the settings, keywords, date and data folder are known to be good: a
    # bad keywords.toml or GHTALENT_SOURCE is one clean line at once, not an import traceback.
    import dagster as dg

    from ghtalent.definitions import defs

    instance = dg.DagsterInstance.get()
    tags = {"ghtalent/trigger": "demo", "ghtalent/pid": str(os.getpid())}
    release_dead_runs(instance)
    print(f"ghtalent: {len(chosen)} keyword(s) for {date} from {settings.describe()}")
    if settings.synthetic:
        print("  (synthetic data: invented people and numbers, for trying the pipeline offline)")
    if x_note := x_followers_note(settings):
        print(f"  note: {x_note}")

    def materialize(selection, partition_key) -> dg.ExecuteInProcessResult:
        # Through the named jobs, so the UI lists runs as refresh_job / boards_job (what they
        # materialize) rather than __ephemeral_asset_job__.
        job = defs.resolve_job_def("boards_job" if selection == ["boards"] else "refresh_job")
        return job.execute_in_process(
            partition_key=partition_key,
            instance=instance,
            raise_on_error=False,
            tags=tags,
            run_config=QUIET,
        )

    failures = 0
    openalex_requests = 0
    for keyword in chosen:
        key = dg.MultiPartitionKey({"date": date, "keyword": keyword.slug})
        result = materialize(KEYWORD_ASSETS, key)
        if not result.success:
            failures += 1
            print(f"  {keyword.query:<10} FAILED (see `make ui` for the run's logs)")
            continue
        openalex_requests += _metadata(result, "academic_profiles").get(
            "openalex_requests_spent", 0
        )
        repo_meta = _metadata(result, "keyword_repos")
        people_meta = _metadata(result, "enriched_profiles")
        print(
            f"  {keyword.query:<10} {repo_meta.get('rows', 0):>5} repos "
            f"(of {repo_meta.get('total_count', 0)} matching), "
            f"{people_meta.get('rows', 0):>5} people, "
            f"{people_meta.get('pages_scraped_now', 0)} pages scraped"
        )

    result = materialize(["boards"], date)
    boards_meta = _metadata(result, "boards") if result.success else {}
    print()
    requests = boards_meta.get("requests", {})
    print(
        f"distinct repositories: {boards_meta.get('distinct_repositories', 0):,}   "
        f"distinct people and orgs: {boards_meta.get('distinct_people', 0):,}"
    )
    print(
        "requests: "
        + ", ".join(
            f"{k} {requests.get(k, 0):,}" for k in ("search", "core", "graphql", "304", "cache")
        )
    )
    print(f"openalex requests (academic_profiles): {openalex_requests:,}")
    print(f"warehouse: {warehouse_path()}")
    if result.success:
        print(f"boards:    {boards_meta.get('boards')} boards; exports in {exports_dir(date)}")
        print(f"report:    {boards_meta.get('report')}")
    else:
        print("boards:    FAILED (see `make ui` for the run's logs)")
    print("Dagster UI with these runs: make ui")
    return 0 if result.success and not failures else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keywords", nargs="*", help="keyword or group slugs (default: all)")
    parser.add_argument(
        "--date",
        default=datetime.now(UTC).date().isoformat(),
        help="YYYY-MM-DD (default: today, UTC)",
    )
    args = parser.parse_args(argv)
    try:
        return run(args.keywords, args.date)
    except (
        ConfigError,
        MissingTokenError,
        SettingsError,
        DemoError,
        PreflightError,
        ValueError,
        FileNotFoundError,
        PermissionError,
    ) as exc:
        print(f"ghtalent: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
