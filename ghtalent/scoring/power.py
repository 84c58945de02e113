"""Power score (最牛开发者/团队): 35 % stars + 35 % forks + 30 % followers + multi-project bonus."""

from __future__ import annotations

import pandas as pd

from ghtalent.scoring.config import ScoringConfig
from ghtalent.scoring.credit import credit_shares
from ghtalent.scoring.frames import dedupe_profiles, dedupe_repos, profile_url
from ghtalent.scoring.normalize import normalize
from ghtalent.scoring.ratios import star_fork_ratio

# Who the person is, from enriched_profiles, carried onto their board rows.
PROFILE_EXTRAS = [
    "name", "company", "country", "university", "twitter_username", "twitter_followers",
    "homepage_url", "research_topics", "active_from", "active_to",
]  # fmt: skip
PERSON_POWER_COLUMNS = [
    "rank", "login", "name", "html_url", "power_score", "score_stars", "score_forks",
    "score_followers", "bonus", "n_repos", "n_strong_repos", "credited_stars",
    "credited_forks", "followers", "star_fork_ratio", "company", "country", "university",
    "twitter_username", "twitter_followers", "homepage_url", "research_topics", "active_from",
    "active_to", "top_repos", "top_repo_urls", "missing",
]  # fmt: skip
TEAM_POWER_COLUMNS = [
    "rank", "login", "name", "html_url", "power_score", "score_stars", "score_forks",
    "score_followers", "bonus", "n_repos", "n_strong_repos", "stars", "forks", "followers",
    "star_fork_ratio", "top_repos", "top_repo_urls", "missing",
]  # fmt: skip


def person_credits(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    cfg: ScoringConfig,
    commits: tuple[pd.DataFrame, dict[str, str]] | None = None,
) -> pd.DataFrame:
    """One row per (person, repo): share and the stars/forks it credits them (`commits`:
    `commit_shares(repos, contributors, cfg)` when the caller has it)."""
    shares = credit_shares(repos, contributors, cfg, commits)
    info = dedupe_repos(repos)[["full_name", "html_url", "stars", "forks"]]
    df = shares.merge(info, on="full_name", how="left")
    df["credited_stars"] = df["share"] * df["stars"]
    df["credited_forks"] = df["share"] * df["forks"]
    return df


def bonus_rate(n_strong_repos: pd.Series, cfg: ScoringConfig) -> pd.Series:
    """The multi-project reward as a fraction of the score: bonus_rate for each strong repo
    beyond the first, capped at bonus_cap."""
    extra = (n_strong_repos.astype(float) - 1).clip(lower=0)
    return (extra * cfg.bonus_rate).clip(upper=cfg.bonus_cap)


def add_power_score(
    df: pd.DataFrame, stars: str, forks: str, followers: str, cfg: ScoringConfig
) -> pd.DataFrame:
    """Normalize the three components within `df`, weight them, add the bonus, rank."""
    out = df.copy()
    out["score_stars"] = normalize(out[stars], cfg.normalization)
    out["score_forks"] = normalize(out[forks], cfg.normalization)
    out["score_followers"] = normalize(out[followers], cfg.normalization)
    base = (
        cfg.weight_stars * out["score_stars"]
        + cfg.weight_forks * out["score_forks"]
        + cfg.weight_followers * out["score_followers"]
    )
    # Proportional reward: points = base × rate, so it never outweighs a clear lead (README).
    out["bonus"] = base * bonus_rate(out["n_strong_repos"], cfg)
    out["power_score"] = base + out["bonus"]
    out = out.sort_values(["power_score", stars, "login"], ascending=[False, False, True])
    out["rank"] = range(1, len(out) + 1)
    return out.reset_index(drop=True)


def evidence(credits: pd.DataFrame, key: str, value: str, cfg: ScoringConfig) -> pd.DataFrame:
    """Per `key`: the top repos by `value` as text ("o/a (12,300★, 45%)") and their URLs."""
    top = credits.sort_values([key, value, "full_name"], ascending=[True, False, True])
    top = top.groupby(key, sort=False).head(cfg.evidence_repos)

    if top.empty:
        return pd.DataFrame(columns=[key, "top_repos", "top_repo_urls"])
    shares = top["share"] if "share" in top.columns else pd.Series(1.0, index=top.index)
    top = top.assign(
        _label=[
            f"{name} ({int(round(stars)):,}★{f', {share:.0%}' if share < 0.995 else ''})"
            for name, stars, share in zip(top["full_name"], top["stars"], shares, strict=True)
        ]
    )
    labels: dict[str, list[str]] = {}
    urls: dict[str, list[str]] = {}
    for k, text, url in zip(top[key], top["_label"], top["html_url"], strict=True):
        labels.setdefault(k, []).append(text)
        urls.setdefault(k, []).append(str(url))
    return pd.DataFrame(
        {
            key: list(labels),
            "top_repos": [", ".join(v) for v in labels.values()],
            "top_repo_urls": [" ".join(urls[k]) for k in labels],
        }
    )


def person_power(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    profiles: pd.DataFrame | None,
    cfg: ScoringConfig,
    credits: pd.DataFrame | None = None,
    with_evidence: bool = True,
) -> pd.DataFrame:
    """Power score of people: credited stars/forks (by commit share) and their followers.

    `credits`: `person_credits(repos, contributors, cfg)` when the caller has it already (a
    share belongs to one repository, so a wider table's rows of these repos are the same).
    `with_evidence=False` leaves `top_repos` / `top_repo_urls` empty, for a caller that fills
    them (`evidence`) only for the people it shows."""
    if credits is None:
        credits = person_credits(repos, contributors, cfg)
    profiles = dedupe_profiles(profiles)
    not_people = set(profiles.loc[profiles["type"].isin(["Organization", "Bot"]), "login"])
    credits = credits[~credits["login"].isin(not_people)]
    if credits.empty:
        return pd.DataFrame(columns=PERSON_POWER_COLUMNS)
    credits = credits.assign(strong=credits["credited_stars"] >= cfg.bonus_repo_min_stars)
    people = credits.groupby("login").agg(
        credited_stars=("credited_stars", "sum"),
        credited_forks=("credited_forks", "sum"),
        n_repos=("full_name", "nunique"),
        n_strong_repos=("strong", "sum"),
    )
    people = people.reset_index()
    # Each profile column looked up once for everyone (what `login.map(column)` gives).
    wanted = [c for c in ("followers", *PROFILE_EXTRAS, "html_url") if c in profiles.columns]
    prof = profiles[["login", *wanted]].set_index("login")
    found = prof.reindex(people["login"]).set_axis(people.index)
    people["followers"] = pd.to_numeric(found["followers"], errors="coerce")
    people["missing"] = people["followers"].isna().map({True: "followers", False: ""})
    people["followers"] = people["followers"].fillna(0)
    for col in PROFILE_EXTRAS:
        people[col] = found.get(col)
    urls = found["html_url"] if "html_url" in found else pd.Series(None, index=people.index)
    people["html_url"] = urls.fillna(people["login"].map(profile_url))
    people["star_fork_ratio"] = star_fork_ratio(people["credited_stars"], people["credited_forks"])
    if with_evidence:
        ev = evidence(credits, "login", "credited_stars", cfg)
        people = people.merge(ev, on="login", how="left")
    else:
        people["top_repos"] = people["top_repo_urls"] = None
    scored = add_power_score(people, "credited_stars", "credited_forks", "followers", cfg)
    return scored[PERSON_POWER_COLUMNS]


def team_power(
    repos: pd.DataFrame | None, profiles: pd.DataFrame | None, cfg: ScoringConfig
) -> pd.DataFrame:
    """Power score of organizations: stars/forks of the repos they own and their followers."""
    repos = dedupe_repos(repos)
    orgs = repos[repos["owner_type"] == "Organization"].copy()
    if orgs.empty:
        return pd.DataFrame(columns=TEAM_POWER_COLUMNS)
    orgs["login"] = orgs["owner_login"]
    orgs["strong"] = orgs["stars"] >= cfg.bonus_repo_min_stars
    teams = orgs.groupby("login").agg(
        stars=("stars", "sum"),
        forks=("forks", "sum"),
        n_repos=("full_name", "nunique"),
        n_strong_repos=("strong", "sum"),
        owner_url=("owner_url", "first"),
    )
    teams = teams.reset_index()
    prof = dedupe_profiles(profiles).set_index("login")
    teams["followers"] = teams["login"].map(pd.to_numeric(prof["followers"], errors="coerce"))
    teams["missing"] = teams["followers"].isna().map({True: "followers", False: ""})
    teams["followers"] = teams["followers"].fillna(0)
    teams["name"] = teams["login"].map(prof["name"])
    teams["html_url"] = teams["owner_url"].fillna(teams["login"].map(profile_url))
    teams["star_fork_ratio"] = star_fork_ratio(teams["stars"], teams["forks"])
    teams = teams.merge(evidence(orgs, "login", "stars", cfg), on="login", how="left")
    scored = add_power_score(teams, "stars", "forks", "followers", cfg)
    return scored[TEAM_POWER_COLUMNS]
