"""Tidying the input tables: missing columns, duplicates across keywords, bots."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ghtalent.scoring.config import ScoringConfig

REPO_COLUMNS = [
    "full_name", "owner_login", "owner_type", "name", "description", "topics", "language",
    "license", "stars", "forks", "created_at", "pushed_at", "html_url", "owner_url",
]  # fmt: skip
CONTRIBUTOR_COLUMNS = ["full_name", "login", "kind", "contributions", "html_url"]
HISTORY_COLUMNS = ["full_name", "week", "stars_gained", "complete"]
PROFILE_COLUMNS = ["login", "name", "html_url", "type", "followers", "twitter_username"]
GITHUB = "https://github.com/"


def ensure_columns(df: pd.DataFrame | None, columns: Iterable[str]) -> pd.DataFrame:
    """A copy of `df` (or an empty frame) that has at least `columns` (added as null)."""
    out = pd.DataFrame() if df is None else df.copy()
    for col in columns:
        if col not in out.columns:
            out[col] = pd.Series([None] * len(out), index=out.index, dtype="object")
    return out


def dedupe_repos(repos: pd.DataFrame | None) -> pd.DataFrame:
    """One row per repository (a repo found by several keywords counts once)."""
    if _already_deduped(repos):
        return repos.copy()  # type: ignore[union-attr]
    df = ensure_columns(repos, REPO_COLUMNS + ["keyword"])
    df = df[df["full_name"].notna()]
    df["stars"] = pd.to_numeric(df["stars"], errors="coerce").fillna(0)
    df["forks"] = pd.to_numeric(df["forks"], errors="coerce").fillna(0)
    found = df.dropna(subset=["keyword"])[["full_name", "keyword"]].astype({"keyword": str})
    found = found.drop_duplicates().sort_values(["full_name", "keyword"])
    keywords = found.groupby("full_name")["keyword"].agg(",".join)
    df = df.sort_values(["full_name", "stars"], ascending=[True, False])
    df = df.drop_duplicates("full_name").drop(columns=["keyword"])
    df["keywords"] = df["full_name"].map(keywords)
    owner = df["full_name"].str.split("/").str[0]
    df["owner_login"] = df["owner_login"].fillna(owner)
    df["html_url"] = df["html_url"].fillna(GITHUB + df["full_name"])
    df["owner_url"] = df["owner_url"].fillna(GITHUB + df["owner_login"])
    for col in ("created_at", "pushed_at"):
        df[col] = pd.to_datetime(df[col], errors="coerce")
    return df.reset_index(drop=True)


def _already_deduped(repos: pd.DataFrame | None) -> bool:
    """True for a frame dedupe_repos made (or a row subset of one): nothing left to do."""
    return (
        repos is not None
        and "keyword" not in repos.columns
        and "keywords" in repos.columns
        and set(REPO_COLUMNS) <= set(repos.columns)
        and pd.api.types.is_numeric_dtype(repos["stars"])
        and pd.api.types.is_datetime64_any_dtype(repos["created_at"])
        and repos["full_name"].notna().all()
        and repos["full_name"].is_unique
    )


def is_bot(login: object, kind: object, cfg: ScoringConfig) -> bool:
    """True for bot accounts: kind "Bot", a bot login suffix, or a known bot name."""
    if isinstance(kind, str) and kind.lower() == "bot":
        return True
    return bool(bot_logins(pd.Series([login], dtype=object), cfg)[0])


def bot_logins(logins: pd.Series, cfg: ScoringConfig) -> np.ndarray:
    """Per login: a bot login suffix or a known bot name (case aside). Worked out once per
    distinct login; anything but a string is no bot."""
    codes, uniques = pd.factorize(logins)  # a missing login: code -1
    distinct = pd.Series(uniques, dtype=object)
    text = distinct.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    low = distinct.where(text, "").str.lower()
    bot = low.str.endswith(tuple(cfg.bot_login_suffixes)).to_numpy(dtype=bool) | (
        low.str.removesuffix("[bot]").isin(cfg.bot_names).to_numpy()
    )
    return np.append(bot & text, False)[codes]


def human_contributors(contributors: pd.DataFrame | None, cfg: ScoringConfig) -> pd.DataFrame:
    """Contributor rows of real people only, one per (repo, login)."""
    df = ensure_columns(contributors, CONTRIBUTOR_COLUMNS)
    df = df[df["login"].notna() & df["full_name"].notna()]
    kind = df["kind"].fillna("User").astype(str).str.lower()
    bots = (kind == "bot").to_numpy() | bot_logins(df["login"].astype(str), cfg)
    df = df[(kind != "anonymous").to_numpy() & ~bots]
    df = df.assign(contributions=pd.to_numeric(df["contributions"], errors="coerce").fillna(0))
    df = df.sort_values("contributions", ascending=False)
    return df.drop_duplicates(["full_name", "login"]).reset_index(drop=True)


def dedupe_profiles(profiles: pd.DataFrame | None) -> pd.DataFrame:
    """One profile per login (the row with most known fields wins). A table that is one
    already comes back as it is (not a copy: the scorers only read it)."""
    columns = PROFILE_COLUMNS + ["twitter_followers", "company", "country", "university"]
    if _tidy_profiles(profiles, columns):
        return profiles  # type: ignore[return-value]
    df = ensure_columns(profiles, columns)
    df = df[df["login"].notna()]
    if df["login"].is_unique:
        return df.reset_index(drop=True)
    df = df.assign(_known=df.notna().sum(axis=1)).sort_values("_known", ascending=False)
    return df.drop_duplicates("login").drop(columns="_known").reset_index(drop=True)


def _tidy_profiles(profiles: pd.DataFrame | None, columns: list[str]) -> bool:
    """True for a frame dedupe_profiles made: every column, one row per login, numbered."""
    return (
        profiles is not None
        and set(columns) <= set(profiles.columns)
        and isinstance(profiles.index, pd.RangeIndex)
        and profiles.index.start == 0
        and profiles.index.step == 1
        and profiles["login"].notna().all()
        and profiles["login"].is_unique
    )


def dedupe_history(star_history: pd.DataFrame | None) -> pd.DataFrame:
    """One row per (repo, week); negative or missing gains become 0."""
    if _tidy_history(star_history):  # what this function made: the growth, lightning… inputs
        return star_history.copy()  # type: ignore[union-attr]
    df = ensure_columns(star_history, HISTORY_COLUMNS)
    df = df[df["full_name"].notna() & df["week"].notna()]
    df = df.assign(
        week=_dates(df["week"]),
        stars_gained=pd.to_numeric(df["stars_gained"], errors="coerce").fillna(0).clip(lower=0),
        complete=df["complete"].fillna(False).astype(bool),
    )
    df = df[df["week"].notna()]
    aggs = {"stars_gained": ("stars_gained", "max"), "complete": ("complete", "max")}
    # Series built from snapshots say how far they were observed (see scoring/series.py).
    for col in ("observed_from", "observed_to"):
        if col in df.columns:
            df[col] = _dates(df[col])
            aggs[col] = (col, "min" if col == "observed_from" else "max")
    if df.duplicated(["full_name", "week"]).any():  # the same series under several keywords
        merged = df.groupby(["full_name", "week"], as_index=False).agg(**aggs)
        if "days" in df.columns:  # GitHub's daily counts of the week (scoring/daily.py)
            days = df.dropna(subset=["days"]).drop_duplicates(["full_name", "week"])
            merged = merged.merge(days[["full_name", "week", "days"]], how="left")
        df = merged
    # `complete` describes the whole series: true if any copy of it reached creation.
    df["complete"] = df.groupby("full_name")["complete"].transform("max").astype(bool)
    return df.sort_values(["full_name", "week"]).reset_index(drop=True)


def _tidy_history(df: pd.DataFrame | None) -> bool:
    """True for a frame dedupe_history would give back unchanged: numbered rows sorted by
    (repo, week), one per pair, known non-negative gains, one `complete` per repo."""
    if df is None or not set(HISTORY_COLUMNS) <= set(df.columns) or df.empty:
        return False
    index, week, gained = df.index, df["week"], df["stars_gained"]
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        return False
    dated = [week] + [df[c] for c in ("observed_from", "observed_to") if c in df.columns]
    if not all(pd.api.types.is_datetime64_any_dtype(d) for d in dated):
        return False
    if df["complete"].dtype != bool or not (
        isinstance(gained.dtype, np.dtype) and gained.dtype.kind in "iuf"
    ):
        return False
    if df["full_name"].isna().any() or week.isna().any() or gained.isna().any():
        return False
    if (gained < 0).any():
        return False
    names, weeks, complete = df["full_name"].to_numpy(), week.to_numpy(), df["complete"].to_numpy()
    same = names[1:] == names[:-1]
    try:
        ordered = np.where(same, weeks[1:] > weeks[:-1], names[1:] > names[:-1])
    except TypeError:  # names that do not compare (not all text)
        return False
    return bool(ordered.all() and ((complete[1:] == complete[:-1]) | ~same).all())


def _dates(values: pd.Series) -> pd.Series:
    """Timestamps (unparseable → NaT); a column that already is one is kept as it is."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    if values.isna().all():
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    return pd.to_datetime(values, errors="coerce")


def profile_url(login: str) -> str:
    """The GitHub profile URL of a login."""
    return GITHUB + login
