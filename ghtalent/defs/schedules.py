"""`daily_refresh_schedule`: one run per keyword partition of the day (config/schedule.toml).

The schedule starts `refresh_job` for every keyword (run key `<date>|<keyword>`) and skips a
keyword whose partition already has a run queued or in progress. The boards of the day follow
through `boards_sensor` once every keyword run of the date has finished.
"""

from __future__ import annotations

from datetime import UTC, datetime

import dagster as dg

from ghtalent.config.schedule import ScheduleConfig, load_schedule_config  # noqa: F401 (re-exported)
from ghtalent.defs.jobs import TRIGGER_TAG, partition_key, refresh_job, runs_in_flight
from ghtalent.defs.partitions import keyword_config


def refresh_requests(
    instance: dg.DagsterInstance, date: str, keywords: list[str], trigger: str, log=None
) -> list[dg.RunRequest] | dg.SkipReason:
    """One `refresh_job` request per keyword of `date`, leaving out partitions with a run in flight."""
    requests, busy = [], []
    for keyword in keywords:
        running = runs_in_flight(instance, date, keyword)
        if running:
            busy.append(f"{keyword} (run {running[0].run_id[:8]} is {running[0].status.value})")
            continue
        requests.append(
            dg.RunRequest(
                run_key=f"{date}|{keyword}",
                partition_key=partition_key(date, keyword),
                tags={TRIGGER_TAG: trigger},
            )
        )
    if busy and log is not None:
        log.info(
            f"not starting {', '.join(busy)}: a run of that partition is already queued or running"
        )
    if not requests:
        return dg.SkipReason(
            f"every keyword partition of {date} already has a run queued or in progress: {', '.join(busy)}"
        )
    return requests


SCHEDULE = load_schedule_config()
SCHEDULED_KEYWORDS = [k.slug for k in keyword_config.select(list(SCHEDULE.groups))]


@dg.schedule(
    name="daily_refresh_schedule",
    job=refresh_job,
    cron_schedule=SCHEDULE.cron,
    execution_timezone=SCHEDULE.timezone,
    description=(
        f"Daily at {SCHEDULE.hour:02d}:{SCHEDULE.minute:02d} {SCHEDULE.timezone}: refresh "
        f"{', '.join(SCHEDULED_KEYWORDS)} for the day (boards follow via boards_sensor)."
    ),
)
def daily_refresh_schedule(context: dg.ScheduleEvaluationContext):
    """One refresh_job run per keyword partition of the (UTC) day of the tick."""
    moment = context.scheduled_execution_time or datetime.now(UTC)
    date = moment.astimezone(UTC).date().isoformat()
    return refresh_requests(context.instance, date, SCHEDULED_KEYWORDS, "schedule", context.log)


SCHEDULES = [daily_refresh_schedule]
