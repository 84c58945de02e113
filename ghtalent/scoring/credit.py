"""Who gets the stars of a repository: commit share with an owner minimum."""

from __future__ import annotations

import pandas as pd

from ghtalent.scoring.config import ScoringConfig
from ghtalent.scoring.frames import bot_logins, dedupe_repos, human_contributors

SHARE_COLUMNS = ["full_name", "login", "share", "contributions", "is_owner"]


def commit_shares(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    cfg: ScoringConfig,
    humans: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Each human contributor's share of each repo's human commits (full_name, login, share,
    contributions, is_owner), and the owner login of every personal repo that has a list.
    `humans`: `human_contributors(contributors, cfg)` when the caller has it."""
    repos = dedupe_repos(repos)
    if humans is None:
        humans = human_contributors(contributors, cfg)
    humans = humans[humans["full_name"].isin(repos["full_name"])]
    total = humans.groupby("full_name")["contributions"].transform("sum")
    count = humans.groupby("full_name")["login"].transform("count")
    # All human contributors report 0 commits (should not happen): split evenly.
    share = (humans["contributions"] / total).where(total > 0, 1.0 / count)
    rows = pd.DataFrame(
        {
            "full_name": humans["full_name"].to_numpy(),
            "login": humans["login"].to_numpy(),
            "share": share.astype(float).to_numpy(),
            "contributions": humans["contributions"].astype(float).to_numpy(),
        }
    )
    # A repo with no human on its contributor list (none fetched, deleted, all bots) credits
    # nobody: who built it is unknown, so its owner is not assumed to have (README, Credit).
    listed = set(humans["full_name"])
    personal = repos[
        repos["full_name"].isin(listed)
        & (repos["owner_type"].fillna("User") == "User")
        & ~bot_logins(repos["owner_login"], cfg)
    ]
    owner_of = dict(zip(personal["full_name"], personal["owner_login"], strict=True))
    rows["is_owner"] = (rows["full_name"].map(owner_of) == rows["login"]).to_numpy(dtype=bool)
    return rows, owner_of


def credit_shares(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    cfg: ScoringConfig,
    commits: tuple[pd.DataFrame, dict[str, str]] | None = None,
) -> pd.DataFrame:
    """Each person's share of each repo: commits ÷ human commits; personal-repo owner ≥ min.
    `commits`: `commit_shares(repos, contributors, cfg)` when the caller has it (not changed)."""
    rows, owner_of = commits if commits is not None else commit_shares(repos, contributors, cfg)
    rows = rows.copy()  # rescaled in place below

    # Personal repos: owner share = max(commit share, floor) (1 when alone); others rescaled.
    own = rows[rows["is_owner"]].groupby("full_name")["share"].sum()
    has_others = rows[~rows["is_owner"]].groupby("full_name")["share"].sum() > 0
    new_owner = {}
    for full_name in owner_of:
        alone = not bool(has_others.get(full_name, False))
        new_owner[full_name] = (
            1.0 if alone else max(float(own.get(full_name, 0.0)), cfg.owner_min_share)
        )
    target = rows["full_name"].map(new_owner)
    old_rest = 1.0 - rows["full_name"].map(own).fillna(0.0)
    personal_rows = target.notna()
    scale = ((1.0 - target) / old_rest).where(old_rest > 0, 0.0)
    rows.loc[personal_rows & ~rows["is_owner"], "share"] *= scale[personal_rows & ~rows["is_owner"]]
    rows.loc[personal_rows & rows["is_owner"], "share"] = target[personal_rows & rows["is_owner"]]

    present = set(rows.loc[rows["is_owner"], "full_name"])
    missing = [
        {"full_name": f, "login": o, "share": new_owner[f], "contributions": 0.0, "is_owner": True}
        for f, o in owner_of.items()
        if f not in present
    ]
    if missing:
        rows = pd.concat([rows, pd.DataFrame(missing)], ignore_index=True)
    rows = rows[rows["share"] > 0]
    rows = rows.sort_values(["full_name", "share", "login"], ascending=[True, False, True])
    return rows[SHARE_COLUMNS].reset_index(drop=True)


def uncredited_repos(
    repos: pd.DataFrame | None, contributors: pd.DataFrame | None, cfg: ScoringConfig
) -> list[str]:
    """Repos whose credit is unknown: no human contributor rows (list missing, or bots only)."""
    names = dedupe_repos(repos)["full_name"]
    listed = set(human_contributors(contributors, cfg)["full_name"])
    return sorted(set(names) - listed)
