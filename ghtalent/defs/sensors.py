"""Sensors that keep the boards current without anyone clicking.

- `new_keyword_sensor`: a keyword added to config/keywords.toml (picked up on code reload) that
  has never been materialized gets a `refresh_job` run for today.
- `rescore_sensor`: new `contributors` / `enriched_profiles` data for a partition that its
  `scores` have not seen yet, or a curated file dropped into `data/inbox/`, re-scores that
  partition (`rescore_job`).
- `boards_sensor`: new `scores` of a date rebuild the boards of that date (`boards_job`), once
  no keyword run of that date is queued or running any more.

The two event sensors keep a JSON cursor `{"after": <storage id>, "pending": {...}}`: `after`
is the last event read, `pending` what was read but must wait for a run in flight. The cursor
only moves with the `SensorResult` a tick returns, so a tick that fails re-reads the same events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from ghtalent import inbox, paths
from ghtalent.defs.jobs import (
    TRIGGER_TAG,
    boards_job,
    partition_key,
    refresh_job,
    rescore_job,
    runs_in_flight,
)
from ghtalent.defs.partitions import (
    date_partitions,
    keyword_config,
    keyword_date_partitions,
    keyword_partitions,
)
from ghtalent.defs.schedules import refresh_requests

EVENT_BATCH = 1000  # events read per asset per tick; the rest wait for the next tick
RESCORE_INPUTS = ("contributors", "enriched_profiles")


def today() -> str:
    """The UTC date of now: the date partition a sensor works on."""
    return datetime.now(UTC).date().isoformat()


def inbox_dir() -> Path:
    return paths.data_dir() / "inbox"


def curation_dir() -> Path:
    return paths.data_dir() / "curation"


def dims(key: str) -> tuple[str, str]:
    """(date, keyword) of a keyword×date partition key string."""
    parsed = keyword_date_partitions.get_partition_key_from_str(key).keys_by_dimension
    return parsed["date"], parsed["keyword"]


@dataclass
class EventCursor:
    """Where an event sensor stopped: the last storage id read, and what still waits."""

    after: int = 0
    pending: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def loads(cls, text: str | None) -> EventCursor:
        if not text:
            return cls()
        raw = json.loads(text)
        return cls(int(raw.get("after", 0)), dict(raw.get("pending", {})))

    def dumps(self) -> str:
        return json.dumps({"after": self.after, "pending": self.pending}, sort_keys=True)


def new_materializations(
    instance: dg.DagsterInstance, assets: tuple[str, ...], after: int, limit: int = EVENT_BATCH
) -> tuple[list[tuple[str, dg.EventLogRecord]], int]:
    """(asset name, record) of materializations after storage id `after`, oldest first, and the
    storage id up to which every asset was read (never past an asset that had more to read)."""
    found: list[tuple[str, dg.EventLogRecord]] = []
    cap: int | None = None
    for name in assets:
        page = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=dg.AssetKey(name), after_storage_id=after),
            limit=limit,
            ascending=True,
        )
        found += [(name, record) for record in page.records]
        if page.has_more and page.records:
            last = page.records[-1].storage_id
            cap = last if cap is None else min(cap, last)
    if cap is not None:
        found = [(n, r) for n, r in found if r.storage_id <= cap]
    found.sort(key=lambda item: item[1].storage_id)
    high = cap if cap is not None else max((r.storage_id for _, r in found), default=after)
    return found, high


def latest_storage_id(instance: dg.DagsterInstance, asset: str, partition: str) -> int:
    """Storage id of the newest materialization of one partition of `asset` (0 if none)."""
    ids = instance.get_latest_storage_id_by_partition(
        dg.AssetKey(asset), dg.DagsterEventType.ASSET_MATERIALIZATION, {partition}
    )
    return ids.get(partition, 0)


def run_finished(instance: dg.DagsterInstance, run_id: str | None) -> bool:
    if not run_id:  # reported without a run (e.g. `report_runless_asset_event`)
        return True
    run = instance.get_run_by_id(run_id)
    return run is None or run.is_finished


# --- new keywords --------------------------------------------------------------------------------


@dg.sensor(
    name="new_keyword_sensor",
    job=refresh_job,
    minimum_interval_seconds=60,
    description="A keyword added to config/keywords.toml gets its first refresh (today) on the next code reload.",
)
def new_keyword_sensor(context: dg.SensorEvaluationContext):
    """Refresh today's partition of every keyword that has never been materialized."""
    done = context.instance.get_materialized_partitions(dg.AssetKey("keyword_repos"))
    seen = {dims(key)[1] for key in done}
    new = [slug for slug in keyword_partitions.get_partition_keys() if slug not in seen]
    if not new:
        return dg.SkipReason(
            "every keyword in config/keywords.toml has been materialized at least once"
        )
    context.log.info(f"keywords never materialized: {', '.join(new)}")
    return refresh_requests(context.instance, today(), new, "new_keyword", context.log)


# --- re-scoring ----------------------------------------------------------------------------------


def rescore_request(partition: str, run_key: str, trigger: str, **tags: str) -> dg.RunRequest:
    return dg.RunRequest(
        run_key=run_key,
        job_name=rescore_job.name,
        partition_key=partition,
        tags={TRIGGER_TAG: trigger, **tags},
    )


def _curations(context: dg.SensorEvaluationContext, requested: dict[str, dg.RunRequest]):
    """Validate inbox files: reject the malformed ones now; return (accepted, observations)."""
    accepted: list[tuple[Path, inbox.Curation, str]] = []
    events: list[dg.AssetObservation] = []
    valid_dates = None
    for path in inbox.inbox_files(inbox_dir()):
        try:
            cur = inbox.parse_curation(path.name, path.read_bytes(), keyword_config)
            date = cur.date or today()
            valid_dates = valid_dates or set(date_partitions.get_partition_keys())
            if date not in valid_dates:
                raise inbox.InboxError(
                    f"{path.name}: date {date} is not a date partition "
                    f"(from {date_partitions.start.date().isoformat()} to today)"
                )
        except (inbox.InboxError, OSError) as exc:
            target = inbox.reject(path, str(exc))
            context.log.error(f"inbox file rejected, moved to {target}: {exc}")
            continue
        accepted.append((path, cur, date))
        for slug in cur.keywords or keyword_config.slugs:
            key = str(partition_key(date, slug))
            if not latest_storage_id(context.instance, "contributors", key):
                context.log.info(
                    f"{path.name}: {key} has no data yet; the curation applies when it is refreshed"
                )
                continue
            events.append(
                dg.AssetObservation(
                    asset_key="enriched_profiles",
                    partition=key,
                    metadata={
                        "curation_file": path.name,
                        "digest": cur.digest,
                        "exclude_repos": len(cur.exclude_repos),
                        "merge_identities": len(cur.merge_identities),
                        "extra_people": len(cur.extra_people),
                        "note": cur.note or "",
                    },
                )
            )
            requested.setdefault(
                key,
                rescore_request(
                    key,
                    f"curation|{cur.digest}|{key}",
                    "curation",
                    **{"ghtalent/curation": path.name},
                ),
            )
    return accepted, events


@dg.sensor(
    name="rescore_sensor",
    jobs=[rescore_job],
    minimum_interval_seconds=30,
    description=(
        "Re-scores a keyword×date partition when its contributors or enriched_profiles change "
        "outside a refresh, or when a curated file lands in data/inbox/."
    ),
)
def rescore_sensor(context: dg.SensorEvaluationContext):
    """Request `rescore_job` for partitions whose scoring inputs are newer than their scores."""
    cursor = EventCursor.loads(context.cursor)
    records, high = new_materializations(context.instance, RESCORE_INPUTS, cursor.after)
    pending = dict(cursor.pending)
    for asset, record in records:
        if record.partition_key:
            pending[record.partition_key] = {
                "id": record.storage_id,
                "run": record.run_id,
                "asset": asset,
            }

    requested: dict[str, dg.RunRequest] = {}
    waiting: dict[str, dict] = {}
    for key, seen in pending.items():
        date, slug = dims(key)
        if not run_finished(context.instance, seen["run"]) or runs_in_flight(
            context.instance, date, slug
        ):
            waiting[key] = seen  # the run that wrote it may still score it
        elif latest_storage_id(context.instance, "scores", key) > seen["id"]:
            continue  # already scored after this input was written
        else:
            requested[key] = rescore_request(
                key, f"rescore|{key}|{seen['id']}", "rescore", **{"ghtalent/cause": seen["asset"]}
            )

    accepted, events = _curations(context, requested)
    result = dg.SensorResult(
        run_requests=list(requested.values()),
        cursor=EventCursor(high, waiting).dumps(),
        asset_events=events,
        skip_reason=None if requested else "no new scoring inputs and no inbox files",
    )
    # Side effects last: if anything above raised, the files stay in the inbox for the next tick.
    for path, cur, date in accepted:
        stored = inbox.store(cur, date, curation_dir())
        path.unlink(missing_ok=True)
        context.log.info(f"inbox file {path.name} applied for {date}: stored as {stored}")
    if waiting:
        context.log.info(f"waiting for runs in flight: {', '.join(sorted(waiting))}")
    return result


# --- boards --------------------------------------------------------------------------------------


@dg.sensor(
    name="boards_sensor",
    jobs=[boards_job],
    minimum_interval_seconds=30,
    description="Rebuilds the boards of a date after new scores, once no keyword run of that date is in flight.",
)
def boards_sensor(context: dg.SensorEvaluationContext):
    """Request `boards_job` for every date with new `scores` and no keyword run still in flight."""
    cursor = EventCursor.loads(context.cursor)
    records, high = new_materializations(context.instance, ("scores",), cursor.after)
    pending = dict(cursor.pending)
    for _, record in records:
        if record.partition_key:
            date = dims(record.partition_key)[0]
            pending[date] = {"id": max(record.storage_id, pending.get(date, {}).get("id", 0))}

    requests, waiting = [], {}
    for date, seen in sorted(pending.items()):
        running = runs_in_flight(context.instance, date)
        if running:
            waiting[date] = seen
            context.log.info(f"boards of {date} wait for {len(running)} keyword run(s) in flight")
            continue
        requests.append(
            dg.RunRequest(
                run_key=f"boards|{date}|{seen['id']}",
                job_name=boards_job.name,
                partition_key=date,
                tags={TRIGGER_TAG: "boards"},
            )
        )
    return dg.SensorResult(
        run_requests=requests,
        cursor=EventCursor(high, waiting).dumps(),
        skip_reason=None if requests else "no date with new scores is ready",
    )


SENSORS = [new_keyword_sensor, rescore_sensor, boards_sensor]
