"""Scoring settings (config/scoring.toml) as a validated, frozen dataclass."""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ghtalent.config import read_toml
from ghtalent.paths import CONFIG_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
NORMALIZATIONS = ("percentile", "log_minmax")


class ScoringConfigError(ValueError):
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


# TOML table → key → (dataclass field, kind). Kind drives validation.
_SCHEMA: dict[str, dict[str, tuple[str, str]]] = {
    "power": {
        "weights": ("", "weights"),
        "normalization": ("normalization", "normalization"),
        "bonus_repo_min_stars": ("bonus_repo_min_stars", "nonneg"),
        "bonus_rate": ("bonus_rate", "fraction"),
        "bonus_cap": ("bonus_cap", "fraction"),
        "evidence_repos": ("evidence_repos", "posint"),
    },
    "credit": {"owner_min_share": ("owner_min_share", "fraction")},
    "hidden_gem": {
        "min_stars": ("gem_min_stars", "nonneg"),
        "smoothing": ("gem_smoothing", "nonneg"),
        "author_min_share": ("author_min_share", "fraction"),
        "lead_min_share": ("lead_min_share", "fraction"),
        "unknown_x_quantile": ("unknown_x_quantile", "fraction"),
    },
    "lightning": {"threshold": ("lightning_threshold", "posint")},
    "bursts": {
        "factor": ("burst_factor", "nonneg"),
        "min_stars": ("burst_min_stars", "posint"),
        "baseline_weeks": ("burst_baseline_weeks", "posint"),
    },
    "star_fork": {"min_stars": ("star_fork_min_stars", "nonneg")},
    "growth": {
        "week_days": ("week_days", "posint"),
        "month_days": ("month_days", "posint"),
        "quarter_days": ("quarter_days", "posint"),
        "exploding_share": ("exploding_share", "fraction"),
    },
    "boards": {
        "top_n": ("top_n", "posint"),
        "cross_modal_top_n": ("cross_modal_top_n", "posint"),
    },
    "bots": {
        "login_suffixes": ("bot_login_suffixes", "strlist"),
        "names": ("bot_names", "strlist"),
    },
    "top_terms": {
        "count": ("top_terms_count", "posint"),
        "stopwords_file": ("", "stopwords"),
        "min_token_length": ("min_token_length", "posint"),
        "bigrams": ("bigrams", "bool"),
    },
}
_WEIGHT_KEYS = ("stars", "forks", "followers")


def default_config_path() -> Path:
    """The scoring config the pipeline reads unless told otherwise."""
    return CONFIG_DIR / "scoring.toml"


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
    values: dict[str, Any] = {"source": source}
    for table, entries in data.items():
        if table not in _SCHEMA:
            raise ScoringConfigError(
                f"unknown section [{table}] in {source}; known: {', '.join(_SCHEMA)}"
            )
        if not isinstance(entries, Mapping):
            raise ScoringConfigError(f"[{table}] in {source} must be a table")
        for key, value in entries.items():
            if key not in _SCHEMA[table]:
                raise ScoringConfigError(
                    f"unknown key '{table}.{key}' in {source}; known: {', '.join(_SCHEMA[table])}"
                )
            name, kind = _SCHEMA[table][key]
            where = f"'{table}.{key}' in {source}"
            if kind == "weights":
                values.update(_weights(value, where))
            elif kind == "stopwords":
                values["stopwords"] = read_stopwords(_find_stopwords(value, base_dir, where))
            else:
                values[name] = _check(kind, value, where)
    if "stopwords" not in values:
        values["stopwords"] = read_stopwords(PACKAGE_DIR / "stopwords.txt")
    return ScoringConfig(**values)


def read_stopwords(path: Path) -> frozenset[str]:
    """One stopword a line; `#` starts a comment."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def _weights(value: Any, where: str) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise ScoringConfigError(f"{where} must be a table like {{ stars = 0.35, ... }}")
    unknown = sorted(set(value) - set(_WEIGHT_KEYS))
    if unknown:
        raise ScoringConfigError(
            f"unknown weight '{unknown[0]}' in {where}; known: {', '.join(_WEIGHT_KEYS)}"
        )
    missing = [k for k in _WEIGHT_KEYS if k not in value]
    if missing:
        raise ScoringConfigError(f"{where} is missing weight(s): {', '.join(missing)}")
    out = {f"weight_{k}": _check("nonneg", value[k], f"{where} ({k})") for k in _WEIGHT_KEYS}
    total = sum(out.values())
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        raise ScoringConfigError(f"{where}: weights must sum to 1, got {total:g}")
    return out


def _check(kind: str, value: Any, where: str) -> Any:
    if kind == "bool":
        if not isinstance(value, bool):
            raise ScoringConfigError(f"{where} must be true or false, got {value!r}")
        return value
    if kind == "normalization":
        if value not in NORMALIZATIONS:
            raise ScoringConfigError(f"{where} is {value!r}; known: {', '.join(NORMALIZATIONS)}")
        return value
    if kind == "strlist":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ScoringConfigError(f"{where} must be a list of strings, got {value!r}")
        if "names" in where:
            return frozenset(v.lower() for v in value)
        return tuple(v.lower() for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScoringConfigError(f"{where} must be a number, got {value!r}")
    if kind == "posint":
        if int(value) != value or value < 1:
            raise ScoringConfigError(f"{where} must be a positive integer, got {value!r}")
        return int(value)
    if value < 0 or not math.isfinite(value):
        raise ScoringConfigError(f"{where} must be a non-negative number, got {value!r}")
    if kind == "fraction" and value > 1:
        raise ScoringConfigError(f"{where} must be between 0 and 1, got {value!r}")
    return float(value)


def _find_stopwords(value: Any, base_dir: Path | None, where: str) -> Path:
    if not isinstance(value, str) or not value:
        raise ScoringConfigError(f"{where} must be a file name, got {value!r}")
    candidates = [Path(value)] if Path(value).is_absolute() else []
    if base_dir is not None:
        candidates.append(base_dir / value)
    candidates.append(PACKAGE_DIR / value)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise ScoringConfigError(f"{where}: stopwords file not found (tried {tried})")


def _deep_merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
