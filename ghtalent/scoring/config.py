"""Scoring settings (config/scoring.toml): validated in `ghtalent.config.scoring`."""

from ghtalent.config.scoring import (
    NORMALIZATIONS,
    PACKAGE_DIR,
    ScoringConfig,
    ScoringConfigError,
    default_config_path,
    load_scoring_config,
    read_stopwords,
    scoring_config_from_dict,
)

__all__ = [
    "NORMALIZATIONS",
    "PACKAGE_DIR",
    "ScoringConfig",
    "ScoringConfigError",
    "default_config_path",
    "load_scoring_config",
    "read_stopwords",
    "scoring_config_from_dict",
]
