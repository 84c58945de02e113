"""Academic-influence settings (config/academic.toml) and where OpenAlex is."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from ghtalent.config import read_toml
from ghtalent.paths import CONFIG_DIR
from ghtalent.scholar.client import DEFAULT_OPENALEX


@dataclass(frozen=True)
class AcademicConfig:
    max_requests: int = 1500
    min_interval: float = 0.1
    mirror_min_interval: float = 0.0


def load_academic_config(path: Path | None = None) -> AcademicConfig:
    """Read config/academic.toml; unknown keys and wrong types are errors that name the file."""
    path = Path(path or Path(os.environ.get("GHTALENT_CONFIG_DIR", CONFIG_DIR)) / "academic.toml")
    raw = read_toml(path, "academic config", ValueError) if path.exists() else {}
    known = {f.name for f in fields(AcademicConfig)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(
            f"unknown setting(s) {unknown} in {path}; known: {', '.join(sorted(known))}"
        )
    for key, value in raw.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{key} in {path} must be a non-negative number, got {value!r}")
    return AcademicConfig(**raw)


def openalex_url(
    source: str,
    github_url: str | None,
    explicit_github_url: bool,
    env: dict[str, str] | None = None,
) -> str:
    """Where OpenAlex calls go: GHTALENT_OPENALEX_URL; else api.openalex.org for a live run
    against api.github.com; else (the offline mirror, or GitHub at a configured base URL such
    as a mirror elsewhere) that server's /openalex."""
    env = dict(os.environ if env is None else env)
    explicit = (env.get("GHTALENT_OPENALEX_URL") or "").strip()
    if explicit:
        return explicit.rstrip("/")
    if (source == "live" and not explicit_github_url) or not github_url:
        return DEFAULT_OPENALEX
    return github_url.rstrip("/") + "/openalex"
