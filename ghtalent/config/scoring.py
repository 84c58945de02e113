"""Scoring settings (config/scoring.toml): the file's tables as models, read into one flat,
frozen `ScoringConfig` (see ghtalent/scoring/README.md for how each number is used)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, StrictBool, ValidationInfo, field_validator, model_validator

from ghtalent.config.base import (
    ConfigError,
    ConfigModel,
    NonNegative,
    PositiveInt,
    Share,
    read_toml,
    validate,
)
from ghtalent.paths import config_dir

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "scoring"  # stopwords.txt lives there
NORMALIZATIONS = ("percentile", "log_minmax")
Normalization = Literal["percentile", "log_minmax"]


class ScoringConfigError(ConfigError):
    """A scoring setting is missing, unknown or out of range."""


@dataclass(frozen=True)
class ScoringConfig:
    """Every number the metrics use; see ghtalent/scoring/README.md."""

    weight_stars: float = 0.35
    weight_forks: float = 0.35
    weight_followers: float = 0.30
    normalization: str = "log_minmax"
    bonus_repo_min_stars: float = 1000
    bonus_rate: float = 0.01
    bonus_cap: float = 0.03
    evidence_repos: int = 3
    owner_min_share: float = 0.5
    author_min_share: float = 0.3
    lead_min_share: float = 0.1
    gem_min_stars: float = 500
    gem_smoothing: float = 1.0
    unknown_x_quantile: float = 0.75
    lightning_threshold: int = 10000
    burst_factor: float = 10.0
    burst_min_stars: int = 500
    burst_baseline_weeks: int = 8
    star_fork_min_stars: float = 1000
    week_days: int = 7
    month_days: int = 30
    quarter_days: int = 91
    exploding_share: float = 0.5
    top_n: int = 100
    cross_modal_top_n: int = 100
    bot_login_suffixes: tuple[str, ...] = ("[bot]",)
    bot_names: frozenset[str] = field(
        default=frozenset({"dependabot", "github-actions", "renovate"}), repr=False
    )
    top_terms_count: int = 30
    min_token_length: int = 2
    bigrams: bool = True
    stopwords: frozenset[str] = field(default_factory=frozenset, repr=False)
    source: str = "<defaults>"


_D = ScoringConfig()


# The file's tables. Field names are ScoringConfig's; aliases are the keys in the file.
class _Weights(ConfigModel):
    stars: NonNegative
    forks: NonNegative
    followers: NonNegative

    @model_validator(mode="after")
    def _sum_to_one(self) -> _Weights:
        total = self.stars + self.forks + self.followers
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"weights must sum to 1, got {total:g}")
        return self


class _Power(ConfigModel):
    weights: _Weights = Field(
        None, description="a table like { stars = 0.35, forks = 0.35, followers = 0.30 }"
    )
    normalization: Normalization = _D.normalization
    bonus_repo_min_stars: NonNegative = _D.bonus_repo_min_stars
    bonus_rate: Share = _D.bonus_rate
    bonus_cap: Share = _D.bonus_cap
    evidence_repos: PositiveInt = _D.evidence_repos


class _Credit(ConfigModel):
    owner_min_share: Share = _D.owner_min_share


class _HiddenGem(ConfigModel):
    gem_min_stars: NonNegative = Field(_D.gem_min_stars, alias="min_stars")
    gem_smoothing: NonNegative = Field(_D.gem_smoothing, alias="smoothing")
    author_min_share: Share = _D.author_min_share
    lead_min_share: Share = _D.lead_min_share
    unknown_x_quantile: Share = _D.unknown_x_quantile


class _Lightning(ConfigModel):
    lightning_threshold: PositiveInt = Field(_D.lightning_threshold, alias="threshold")


class _Bursts(ConfigModel):
    burst_factor: NonNegative = Field(_D.burst_factor, alias="factor")
    burst_min_stars: PositiveInt = Field(_D.burst_min_stars, alias="min_stars")
    burst_baseline_weeks: PositiveInt = Field(_D.burst_baseline_weeks, alias="baseline_weeks")


class _StarFork(ConfigModel):
    star_fork_min_stars: NonNegative = Field(_D.star_fork_min_stars, alias="min_stars")


class _Growth(ConfigModel):
    week_days: PositiveInt = _D.week_days
    month_days: PositiveInt = _D.month_days
    quarter_days: PositiveInt = _D.quarter_days
    exploding_share: Share = _D.exploding_share


class _Boards(ConfigModel):
    top_n: PositiveInt = _D.top_n
    cross_modal_top_n: PositiveInt = _D.cross_modal_top_n


class _Bots(ConfigModel):
    bot_login_suffixes: tuple[str, ...] = Field(
        _D.bot_login_suffixes, alias="login_suffixes", description="a list of strings"
    )
    bot_names: frozenset[str] = Field(_D.bot_names, alias="names", description="a list of strings")

    @field_validator("bot_login_suffixes", "bot_names")
    @classmethod
    def _lower(cls, value):
        return type(value)(v.lower() for v in value)


class _TopTerms(ConfigModel):
    top_terms_count: PositiveInt = Field(_D.top_terms_count, alias="count")
    stopwords_file: Path = Field(PACKAGE_DIR / "stopwords.txt", description="a stopwords file name")
    min_token_length: PositiveInt = _D.min_token_length
    bigrams: StrictBool = Field(_D.bigrams, description="true or false")

    @field_validator("stopwords_file", mode="before")
    @classmethod
    def _find(cls, value: Any, info: ValidationInfo) -> Path:
        if not isinstance(value, str) or not value:
            raise ValueError(f"must be a file name, got {value!r}")
        base_dir = (info.context or {}).get("base_dir")
        candidates = [Path(value)] if Path(value).is_absolute() else []
        if base_dir is not None:
            candidates.append(Path(base_dir) / value)
        candidates.append(PACKAGE_DIR / value)
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        tried = ", ".join(str(c) for c in candidates)
        raise ValueError(f"stopwords file not found (tried {tried}); give a file that exists")


class ScoringFile(ConfigModel):
    """The shape of config/scoring.toml; a missing table or key keeps its default."""

    power: _Power = _Power()
    credit: _Credit = _Credit()
    hidden_gem: _HiddenGem = _HiddenGem()
    lightning: _Lightning = _Lightning()
    bursts: _Bursts = _Bursts()
    star_fork: _StarFork = _StarFork()
    growth: _Growth = _Growth()
    boards: _Boards = _Boards()
    bots: _Bots = _Bots()
    top_terms: _TopTerms = _TopTerms()


def default_config_path() -> Path:
    """The scoring config the pipeline reads unless told otherwise."""
    return config_dir() / "scoring.toml"


def load_scoring_config(
    path: str | Path | None = None, overrides: Mapping[str, Any] | None = None
) -> ScoringConfig:
    """Read config/scoring.toml (or `path`), deep-merge `overrides`, validate."""
    path = Path(path) if path is not None else default_config_path()
    data = read_toml(path, "scoring config", ScoringConfigError)
    if overrides:
        data = _deep_merge(data, overrides)
    return scoring_config_from_dict(data, source=str(path), base_dir=path.parent)


def scoring_config_from_dict(
    data: Mapping[str, Any], source: str = "<dict>", base_dir: Path | None = None
) -> ScoringConfig:
    """Validate a dict shaped like config/scoring.toml; missing keys keep their defaults."""
    parsed = validate(ScoringFile, data, source, ScoringConfigError, {"base_dir": base_dir})
    values: dict[str, Any] = {"source": source}
    for name in ScoringFile.model_fields:
        section = getattr(parsed, name)
        values.update({key: getattr(section, key) for key in type(section).model_fields})
    weights = values.pop("weights")
    if weights is not None:
        values.update(weight_stars=weights.stars, weight_forks=weights.forks)
        values["weight_followers"] = weights.followers
    values["stopwords"] = read_stopwords(values.pop("stopwords_file"))
    return ScoringConfig(**values)


def read_stopwords(path: Path) -> frozenset[str]:
    """One stopword a line; `#` starts a comment."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def _deep_merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
