"""`daily_refresh_schedule`: one run per keyword partition of the day (config/schedule.toml).

The schedule starts `refresh_job` for every keyword (run key `<date>|<keyword>`) and skips a
keyword whose partition already has a run queued or in progress. The boards of the day follow
through `boards_sensor` once every keyword run of the date has finished.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dagster as dg

from ghtalent.config import ConfigError, read_toml
from ghtalent.defs.jobs import TRIGGER_TAG, partition_key, refresh_job, runs_in_flight
from ghtalent.defs.partitions import keyword_config
from ghtalent.paths import CONFIG_DIR


@dataclass(frozen=True)
class ScheduleConfig:
    hour: int = 6
    minute: int = 0
    timezone: str = "UTC"
    groups: tuple[str, ...] = ()  # keyword or group slugs; empty = every keyword

    @property
    def cron(self) -> str:
        return f"{self.minute} {self.hour} * * *"


def load_schedule_config(
    path: Path | None = None, env: Mapping[str, str] | None = None
) -> ScheduleConfig:
    """The `[daily_refresh]` table of config/schedule.toml, overridden by GHTALENT_SCHEDULE_*."""
    path = Path(path or CONFIG_DIR / "schedule.toml")
    env = os.environ if env is None else env
    raw: dict = {}
    if path.exists():
        raw = read_toml(path, "schedule config").get("daily_refresh", {})
    unknown = set(raw) - {"hour", "minute", "timezone", "groups"}
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {sorted(unknown)} in [daily_refresh] of {path}; known: hour, minute, timezone, groups"
        )
    for key in ("hour", "minute", "timezone"):
        if env.get(f"GHTALENT_SCHEDULE_{key.upper()}"):
            raw[key] = env[f"GHTALENT_SCHEDULE_{key.upper()}"]
    if env.get("GHTALENT_SCHEDULE_GROUPS"):
        raw["groups"] = [g.strip() for g in env["GHTALENT_SCHEDULE_GROUPS"].split(",") if g.strip()]
    hour, minute = (
        _int(raw.get("hour", 6), "hour", 23, path),
        _int(raw.get("minute", 0), "minute", 59, path),
    )
    timezone = str(raw.get("timezone", "UTC"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"timezone {timezone!r} in {path} is not an IANA zone name (e.g. UTC, Europe/Berlin)"
        ) from exc
    groups = raw.get("groups", [])
    if not isinstance(groups, list):
        raise ConfigError(
            f"groups in {path} must be a list of keyword or group slugs, got {groups!r}"
        )
    return ScheduleConfig(hour, minute, timezone, tuple(str(g) for g in groups))


def _int(value: object, name: str, high: int, path: Path) -> int:
    try:
        number = int(str(value))
    except ValueError:
        number = -1
    if not 0 <= number <= high:
        raise ConfigError(
            f"{name} must be a whole number from 0 to {high}, got {value!r} (in {path} or GHTALENT_SCHEDULE_{name.upper()})"
        )
    return number


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
