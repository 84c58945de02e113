"""Asset-check thresholds (config/checks.toml): every value a share in [0, 1]."""

from __future__ import annotations

from pathlib import Path

from ghtalent.config.base import ConfigModel, Share, display, read_toml, validate
from ghtalent.paths import config_dir


class Thresholds(ConfigModel):
    min_list_coverage: Share = 0.9
    min_profile_coverage: Share = 0.95
    min_followers_known: Share = 0.95


class _Contributors(ConfigModel):
    min_list_coverage: Share = Thresholds().min_list_coverage


class _Profiles(ConfigModel):
    min_profile_coverage: Share = Thresholds().min_profile_coverage


class _Scores(ConfigModel):
    min_followers_known: Share = Thresholds().min_followers_known


class ChecksFile(ConfigModel):
    """The shape of config/checks.toml: one table per checked asset."""

    contributors: _Contributors = _Contributors()
    enriched_profiles: _Profiles = _Profiles()
    scores: _Scores = _Scores()


def load_thresholds(path: Path | None = None) -> Thresholds:
    """config/checks.toml (GHTALENT_CONFIG_DIR moves it; defaults when absent)."""
    path = Path(path or config_dir() / "checks.toml")
    raw = read_toml(path, "check thresholds") if path.exists() else {}
    parsed = validate(ChecksFile, raw, display(path))
    return Thresholds(
        min_list_coverage=parsed.contributors.min_list_coverage,
        min_profile_coverage=parsed.enriched_profiles.min_profile_coverage,
        min_followers_known=parsed.scores.min_followers_known,
    )
