"""Academic-influence settings (config/academic.toml) and where OpenAlex is."""

from __future__ import annotations

from collections.abc import Mapping

from ghtalent.config.academic import AcademicConfig, load_academic_config
from ghtalent.config.environment import OpenAlexEnvironment, read_environment
from ghtalent.scholar.client import DEFAULT_OPENALEX

__all__ = ["AcademicConfig", "load_academic_config", "openalex_url"]


def openalex_url(
    source: str,
    github_url: str | None,
    explicit_github_url: bool,
    env: Mapping[str, str] | None = None,
) -> str:
    """Where OpenAlex calls go: GHTALENT_OPENALEX_URL; else api.openalex.org for a live run
    against api.github.com; else (the offline mirror, or GitHub at a configured base URL such
    as a mirror elsewhere) that server's /openalex."""
    explicit = read_environment(OpenAlexEnvironment, env).openalex_url
    if explicit:
        return explicit.rstrip("/")
    if (source == "live" and not explicit_github_url) or not github_url:
        return DEFAULT_OPENALEX
    return github_url.rstrip("/") + "/openalex"
