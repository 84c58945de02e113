"""Enrichment settings (config/enrich.toml)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from ghtalent.config import read_toml
from ghtalent.paths import CONFIG_DIR


@dataclass(frozen=True)
class EnrichConfig:
    scrape_top_n: int = 80
    gem_min_stars: int = 500
    profile_max_age_days: float = 7.0
    per_host_interval: float = 1.0
    mirror_per_host_interval: float = 0.0
    page_timeout: float = 10.0
    max_page_bytes: int = 2_000_000
    max_crawl_delay: float = 30.0


def load_enrich_config(path: Path | None = None) -> EnrichConfig:
    """Read config/enrich.toml; unknown keys and wrong types are errors that name the file."""
    path = Path(path or CONFIG_DIR / "enrich.toml")
    raw = read_toml(path, "enrichment config", ValueError)
    known = {f.name: f for f in fields(EnrichConfig)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ValueError(f"unknown setting(s) {unknown} in {path}; known: {', '.join(known)}")
    for key, value in raw.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{key} in {path} must be a non-negative number, got {value!r}")
    return EnrichConfig(**raw)
