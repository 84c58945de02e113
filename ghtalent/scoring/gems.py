"""Hidden-gem score (最不为人知的有趣开发者): their projects' stars ÷ (GitHub + X followers)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ghtalent.scoring.authors import authorship
from ghtalent.scoring.config import ScoringConfig
from ghtalent.scoring.frames import dedupe_profiles, profile_url

HIDDEN_GEM_COLUMNS = [
    "rank", "login", "name", "html_url", "gem_score", "project_stars", "n_projects",
    "best_share", "best_part", "projects", "followers", "twitter_followers", "twitter_followers_known",
    "x_status", "x_audience_used", "audience", "twitter_username", "twitter_url", "company",
    "country", "university", "top_repos", "top_repo_urls", "missing",
]  # fmt: skip
X_KNOWN, X_NONE, X_ESTIMATED = "known", "no X account linked", "estimated (count unknown)"


def hidden_gems(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    profiles: pd.DataFrame | None,
    cfg: ScoringConfig,
    power: pd.DataFrame | None = None,
    projects: pd.DataFrame | None = None,
    with_evidence: bool = True,
) -> pd.DataFrame:
    """project stars ÷ (github + X followers + smoothing), for project stars ≥ floor.

    A person's projects are the repos they built or lead (`authorship`; `projects` when the
    caller has it already). `power` is accepted for the callers that pass it and unused:
    project stars are not credited stars. `with_evidence=False` leaves the project columns
    (`best_part`, `projects`, `top_repos`, `top_repo_urls`) empty, for a caller that fills
    them (`gem_evidence`) only for the people it shows."""
    if projects is None:
        projects = authorship(repos, contributors, cfg)
    prof = dedupe_profiles(profiles)
    not_people = set(prof.loc[prof["type"].isin(["Organization", "Bot"]), "login"])
    projects = projects[~projects["login"].isin(not_people)]
    if projects.empty:
        return pd.DataFrame(columns=HIDDEN_GEM_COLUMNS)
    people = projects.groupby("login").agg(
        project_stars=("stars", "sum"),
        n_projects=("full_name", "nunique"),
        best_share=("commit_share", "max"),
    )
    people = people[people["project_stars"] >= cfg.gem_min_stars].reset_index()
    if people.empty:
        return pd.DataFrame(columns=HIDDEN_GEM_COLUMNS)
    info = prof.set_index("login")
    followers = pd.to_numeric(info["followers"], errors="coerce")
    people["followers"] = people["login"].map(followers)
    missing_gh = people["followers"].isna()
    people["followers"] = people["followers"].fillna(0)
    for col in ("name", "company", "country", "university", "twitter_username", "html_url"):
        people[col] = people["login"].map(info[col]) if col in info else None
    people["html_url"] = people["html_url"].fillna(people["login"].map(profile_url))
    tw = pd.to_numeric(info["twitter_followers"], errors="coerce")
    people["twitter_followers"] = people["login"].map(tw)
    people["twitter_followers_known"] = people["twitter_followers"].notna()
    _x_audience(people, cfg)
    people["audience"] = people["followers"] + people["x_audience_used"]
    people["gem_score"] = people["project_stars"] / (people["audience"] + cfg.gem_smoothing)
    handle = people["twitter_username"]
    people["twitter_url"] = handle.map(
        lambda h: f"https://x.com/{h}" if isinstance(h, str) and h else None
    )
    if with_evidence:
        eligible = projects[projects["login"].isin(set(people["login"]))]
        people = people.merge(gem_evidence(eligible, cfg), on="login", how="left")
    else:
        for column in GEM_EVIDENCE_COLUMNS:
            people[column] = None
    people["missing"] = [
        ", ".join(p for p in (gh, x) if p)
        for gh, x in zip(
            missing_gh.map({True: "followers", False: ""}),
            people["x_status"].map(lambda s: "" if s == X_KNOWN else "twitter_followers"),
            strict=True,
        )
    ]
    people = people.sort_values(
        ["gem_score", "project_stars", "login"], ascending=[False, False, True]
    )
    people["rank"] = range(1, len(people) + 1)
    return people[HIDDEN_GEM_COLUMNS].reset_index(drop=True)


def _x_audience(people: pd.DataFrame, cfg: ScoringConfig) -> None:
    """The X audience each person is ranked on (README, Hidden gem: unknown X audience)."""
    known = people.loc[people["twitter_followers_known"], "twitter_followers"]
    reference = known if len(known) else people["followers"]
    estimate = float(reference.quantile(cfg.unknown_x_quantile)) if len(reference) else 0.0
    has_handle = people["twitter_username"].map(lambda h: isinstance(h, str) and bool(h))
    status = np.where(
        people["twitter_followers_known"], X_KNOWN, np.where(has_handle, X_ESTIMATED, X_NONE)
    )
    people["x_status"] = status
    people["x_audience_used"] = np.where(
        status == X_KNOWN,
        people["twitter_followers"].fillna(0).astype(float),
        np.where(status == X_ESTIMATED, estimate, 0.0),
    )


GEM_EVIDENCE_COLUMNS = ["best_part", "projects", "top_repos", "top_repo_urls"]


def gem_evidence(projects: pd.DataFrame, cfg: ScoringConfig) -> pd.DataFrame:
    """Per person: every project ("o/a (12,300★, owner, 80% of commits); …"), the first few
    as evidence with their URLs, and the project behind their best share."""
    cols = ["login", *GEM_EVIDENCE_COLUMNS]
    if projects.empty:
        return pd.DataFrame(columns=cols)
    g = projects.sort_values(["login", "stars", "full_name"], ascending=[True, False, True])
    n = g.groupby("login")["full_name"].transform("size")
    shown = g[g.groupby("login").cumcount() < cfg.evidence_repos]
    labels = pd.Series(
        [
            f"{name} ({int(round(stars)):,}★, {part})"
            for name, stars, part in zip(
                shown["full_name"], shown["stars"], shown["part"], strict=True
            )
        ],
        index=shown.index,
    )
    text = labels.groupby(shown["login"]).agg(", ".join)
    every = pd.Series(
        [
            f"{name} ({int(round(stars)):,}★, {part})"
            for name, stars, part in zip(g["full_name"], g["stars"], g["part"], strict=True)
        ],
        index=g.index,
    )
    projects = every.groupby(g["login"]).agg("; ".join)
    more = (n - cfg.evidence_repos).groupby(g["login"]).first()
    text = text + more.reindex(text.index).map(lambda m: f", +{m} more" if m > 0 else "")
    urls = shown["html_url"].astype(str).groupby(shown["login"]).agg(" ".join)
    best = g.sort_values(["login", "is_owner", "commit_share"], ascending=[True, False, False])
    best = best.drop_duplicates("login").set_index("login")
    best_part = best["full_name"] + ": " + best["part"]
    return pd.DataFrame(
        {
            "login": text.index,
            "best_part": best_part.reindex(text.index).to_numpy(),
            "projects": projects.reindex(text.index).to_numpy(),
            "top_repos": text.to_numpy(),
            "top_repo_urls": urls.reindex(text.index).to_numpy(),
        }
    )
