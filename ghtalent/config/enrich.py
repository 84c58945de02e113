"""Enrichment settings (config/enrich.toml)."""

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


class EnrichConfig(ConfigModel):
    scrape_top_n: NonNegativeInt = 80
    gem_min_stars: NonNegativeInt = 500
    profile_max_age_days: NonNegative = 7.0
    per_host_interval: NonNegative = 1.0
    mirror_per_host_interval: NonNegative = 0.0
    page_timeout: NonNegative = 10.0
    max_page_bytes: NonNegativeInt = 2_000_000
    max_crawl_delay: NonNegative = 30.0


def load_enrich_config(path: Path | None = None) -> EnrichConfig:
    """Read config/enrich.toml; unknown keys and wrong types are errors that name the file."""
    path = Path(path or config_dir() / "enrich.toml")
    return validate(EnrichConfig, read_toml(path, "enrichment config"), display(path))
