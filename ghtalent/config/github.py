"""GitHub client settings (config/github.toml): requests in flight and the pace per minute."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from ghtalent.config.base import ConfigModel, NonNegativeInt, display, read_toml, validate
from ghtalent.paths import config_dir

InFlight = Annotated[
    int,
    Field(
        strict=True,
        ge=1,
        le=100,
        description="a whole number from 1 to 100 (GitHub allows at most 100 concurrent requests)",
    ),
]


class GitHubConfig(ConfigModel):
    max_in_flight: InFlight = 4
    max_per_minute: NonNegativeInt = 800
    mirror_max_per_minute: NonNegativeInt = 0

    def min_interval(self, local: bool) -> float:
        """Seconds between two request starts: the pace for a live host, or for a local one."""
        per_minute = self.mirror_max_per_minute if local else self.max_per_minute
        return 60.0 / per_minute if per_minute else 0.0


def load_github_config(path: Path | None = None) -> GitHubConfig:
    """Read config/github.toml (defaults when absent); unknown keys and wrong types are errors
    that name the file."""
    path = Path(path or config_dir() / "github.toml")
    raw = read_toml(path, "GitHub config") if path.exists() else {}
    return validate(GitHubConfig, raw, display(path))
