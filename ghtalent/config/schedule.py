"""When the daily refresh starts (config/schedule.toml, overridden by GHTALENT_SCHEDULE_*)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from ghtalent.config.base import ConfigModel, display, read_toml, validate
from ghtalent.paths import config_dir


class ScheduleConfig(ConfigModel):
    # Not strict: the environment overrides come as text ("22").
    hour: int = Field(6, ge=0, le=23, description="a whole number from 0 to 23")
    minute: int = Field(0, ge=0, le=59, description="a whole number from 0 to 59")
    timezone: str = Field("UTC", description="an IANA zone name (e.g. UTC, Europe/Berlin)")
    groups: tuple[str, ...] = Field(
        (), description="a list of keyword or group slugs (empty = every keyword)"
    )

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not an IANA zone name (e.g. UTC, Europe/Berlin)"
            ) from None
        return value

    @property
    def cron(self) -> str:
        return f"{self.minute} {self.hour} * * *"


class ScheduleFile(ConfigModel):
    daily_refresh: ScheduleConfig = ScheduleConfig()


def load_schedule_config(
    path: Path | None = None, env: Mapping[str, str] | None = None
) -> ScheduleConfig:
    """The `[daily_refresh]` table of config/schedule.toml, overridden by GHTALENT_SCHEDULE_*."""
    path = Path(path or config_dir() / "schedule.toml")
    env = os.environ if env is None else env
    raw = read_toml(path, "schedule config") if path.exists() else {}
    table = dict(raw.get("daily_refresh") or {}) if isinstance(raw, dict) else {}
    used = []
    for key in ("hour", "minute", "timezone", "groups"):
        variable = f"GHTALENT_SCHEDULE_{key.upper()}"
        if env.get(variable):
            value = env[variable]
            table[key] = (
                [g.strip() for g in value.split(",") if g.strip()] if key == "groups" else value
            )
            used.append(variable)
    source = display(path) + (f" (or {', '.join(used)})" if used else "")
    return validate(ScheduleFile, {**raw, "daily_refresh": table}, source).daily_refresh
