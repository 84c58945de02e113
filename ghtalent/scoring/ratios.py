"""Star/fork ratio for repositories and people."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ghtalent.scoring.frames import dedupe_repos


def star_fork_ratio(stars: pd.Series, forks: pd.Series) -> pd.Series:
    """stars ÷ forks; null (not inf) when there are no forks, since the ratio is undefined."""
    s = pd.to_numeric(stars, errors="coerce").astype(float)
    f = pd.to_numeric(forks, errors="coerce").astype(float)
    return (s / f.where(f > 0)).replace([np.inf, -np.inf], np.nan)


def repo_star_fork_ratio(repos: pd.DataFrame | None) -> pd.DataFrame:
    """Per repository: stars, forks and their ratio (null when forks = 0)."""
    df = dedupe_repos(repos)
    out = df[["full_name", "html_url", "stars", "forks"]].copy()
    out["star_fork_ratio"] = star_fork_ratio(out["stars"], out["forks"])
    return out.reset_index(drop=True)
