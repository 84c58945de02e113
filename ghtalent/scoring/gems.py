"""Hidden-gem score (最不为人知的有趣开发者): project stars ÷ (Twitter + GitHub followers)."""

from __future__ import annotations

import pandas as pd

from ghtalent.scoring.config import ScoringConfig
from ghtalent.scoring.power import person_power

HIDDEN_GEM_COLUMNS = [
    "rank", "login", "name", "html_url", "gem_score", "credited_stars", "followers",
    "twitter_followers", "twitter_followers_known", "audience", "twitter_username",
    "twitter_url", "company", "country", "university", "n_repos", "top_repos",
    "top_repo_urls", "missing",
]  # fmt: skip


def hidden_gems(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    profiles: pd.DataFrame | None,
    cfg: ScoringConfig,
    power: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """credited_stars ÷ (github + twitter followers + smoothing), for credited_stars ≥ floor."""
    people = power if power is not None else person_power(repos, contributors, profiles, cfg)
    people = people[people["credited_stars"] >= cfg.gem_min_stars].copy()
    if people.empty:
        return pd.DataFrame(columns=HIDDEN_GEM_COLUMNS)
    tw = pd.Series(dtype=float)
    if profiles is not None and {"login", "twitter_followers"} <= set(profiles.columns):
        known = profiles.dropna(subset=["login", "twitter_followers"])
        tw = pd.to_numeric(known.groupby("login")["twitter_followers"].max(), errors="coerce")
    people["twitter_followers"] = people["login"].map(tw)
    people["twitter_followers_known"] = people["twitter_followers"].notna()
    # Unknown Twitter audience is not zero audience: rank on GitHub followers only, and say so.
    people["audience"] = people["followers"] + people["twitter_followers"].fillna(0)
    people["gem_score"] = people["credited_stars"] / (people["audience"] + cfg.gem_smoothing)
    handle = people["twitter_username"].where(people["twitter_username"].notna(), None)
    people["twitter_url"] = handle.map(
        lambda h: f"https://x.com/{h}" if isinstance(h, str) else None
    )
    lacks = people["twitter_followers_known"].map({True: "", False: "twitter_followers"})
    people["missing"] = [
        ", ".join(p for p in (m, t) if p)
        for m, t in zip(people["missing"].fillna(""), lacks, strict=True)
    ]
    people = people.sort_values(
        ["gem_score", "credited_stars", "login"], ascending=[False, False, True]
    )
    people["rank"] = range(1, len(people) + 1)
    return people[HIDDEN_GEM_COLUMNS].reset_index(drop=True)
