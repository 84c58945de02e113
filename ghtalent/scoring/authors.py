"""Who built or leads a repository: the projects behind the hidden-gem score."""

from __future__ import annotations

import pandas as pd

from ghtalent.scoring.config import ScoringConfig
from ghtalent.scoring.credit import commit_shares
from ghtalent.scoring.frames import dedupe_repos

AUTHOR_COLUMNS = [
    "full_name", "login", "commit_share", "is_owner", "is_top", "part", "stars", "forks",
    "html_url",
]  # fmt: skip


def authorship(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    cfg: ScoringConfig,
    commits: tuple[pd.DataFrame, dict[str, str]] | None = None,
) -> pd.DataFrame:
    """(repo, person) rows for the repos each person built or leads (README, Hidden gem):
    the owner of a personal repo, anyone with ≥ author_min_share of the human commits, and the
    top human contributor when they hold ≥ lead_min_share. Repos with no human contributor list
    have no known author. `commits`: `commit_shares(repos, contributors, cfg)` when the caller
    has it."""
    repos = dedupe_repos(repos)
    rows, owner_of = commits if commits is not None else commit_shares(repos, contributors, cfg)
    if rows.empty:
        return pd.DataFrame(columns=AUTHOR_COLUMNS)
    rows = rows.rename(columns={"share": "commit_share"}).drop(columns="contributions")
    top = rows.groupby("full_name")["commit_share"].transform("max")
    rows["is_top"] = rows["commit_share"] >= top
    # An owner missing from the list (commits under another identity) still built the repo.
    present = set(rows.loc[rows["is_owner"], "full_name"])
    absent = [
        {"full_name": f, "login": o, "commit_share": 0.0, "is_top": False, "is_owner": True}
        for f, o in owner_of.items()
        if f not in present
    ]
    if absent:
        rows = pd.concat([rows, pd.DataFrame(absent)], ignore_index=True)
    lead = rows["commit_share"] >= cfg.author_min_share
    top_lead = rows["is_top"] & (rows["commit_share"] >= cfg.lead_min_share)
    rows = rows[rows["is_owner"] | lead | top_lead].copy()
    rows["part"] = [
        _part(owner, share, is_top, cfg)
        for owner, share, is_top in zip(
            rows["is_owner"], rows["commit_share"], rows["is_top"], strict=True
        )
    ]
    info = repos.set_index("full_name")
    for col in ("stars", "forks", "html_url"):
        rows[col] = rows["full_name"].map(info[col])
    rows = rows.sort_values(["login", "stars", "full_name"], ascending=[True, False, True])
    return rows[AUTHOR_COLUMNS].reset_index(drop=True)


def _part(owner: bool, share: float, is_top: bool, cfg: ScoringConfig) -> str:
    pct = f"{share:.0%} of commits"
    if owner:
        return f"owner, {pct}" if share > 0 else "owner"
    if share >= cfg.author_min_share:
        return f"lead, {pct}"
    return f"top contributor, {pct}"
