"""Academic-influence settings (config/academic.toml)."""

from __future__ import annotations

from pathlib import Path

from ghtalent.config.base import (
    ConfigModel,
    NonNegative,
    NonNegativeInt,
    display,
    read_toml,
    validate,
)
from ghtalent.paths import config_dir


class AcademicConfig(ConfigModel):
    max_requests: NonNegativeInt = 1500
    min_interval: NonNegative = 0.1
    mirror_min_interval: NonNegative = 0.0


def load_academic_config(path: Path | None = None) -> AcademicConfig:
    """Read config/academic.toml (defaults when absent); unknown keys and wrong types are
    errors that name the file."""
    path = Path(path or config_dir() / "academic.toml")
    raw = read_toml(path, "academic config") if path.exists() else {}
    return validate(AcademicConfig, raw, display(path))
