"""Growth per period (week / month / quarter) and growth speed from weekly star gains."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ghtalent.scoring.config import ScoringConfig
from ghtalent.scoring.daily import days_matrix
from ghtalent.scoring.frames import dedupe_history, dedupe_repos

GROWTH_COLUMNS = [
    "full_name", "gained_week", "gained_month", "gained_quarter", "growth_speed",
    "recent_share", "momentum", "growth_class", "total_stars", "age_days",
    "history_complete", "history_from", "history_to",
]  # fmt: skip
EXPLODING, LASTING = "exploding now", "long-lasting"


def growth(
    star_history: pd.DataFrame | None,
    asof: str | pd.Timestamp,
    cfg: ScoringConfig | None = None,
    repos: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Stars gained in the last week/month/quarter before `asof`, speed and class per repo."""
    cfg = cfg or ScoringConfig()
    h = dedupe_history(star_history)
    end = pd.Timestamp(asof).normalize() + pd.Timedelta(days=1)  # the asof day counts
    h = h[h["week"] < end]
    if h.empty:
        return pd.DataFrame(columns=GROWTH_COLUMNS)
    start = h["week"]
    # A week row spans 7 days, except the current week, which only runs to `asof`.
    stop = (start + pd.Timedelta(days=7)).clip(upper=end)
    span = (stop - start).dt.total_seconds()
    windows = {"gained_week": cfg.week_days, "gained_month": cfg.month_days,
               "gained_quarter": cfg.quarter_days}  # fmt: skip
    for col, days in windows.items():
        lo = end - pd.Timedelta(days=days)
        overlap = (stop - start.clip(lower=lo)).dt.total_seconds().clip(lower=0)
        h[col] = h["stars_gained"] * overlap / span  # a straddling week counts pro rata
    _whole_days(h, end, windows)

    agg = {c: (c, "sum") for c in windows}
    agg |= {"held": ("stars_gained", "sum"), "history_complete": ("complete", "max"),
            "history_from": ("week", "min"), "history_to": ("week", "max")}  # fmt: skip
    if "observed_to" in h.columns:
        agg["observed_to"] = ("observed_to", "max")
    out = h.groupby("full_name").agg(**agg).reset_index()
    out["history_to"] = (out["history_to"] + pd.Timedelta(days=6)).clip(
        upper=end - pd.Timedelta(days=1)
    )
    if "observed_to" in out.columns:
        # A series from snapshots that stops before `asof` cannot say what came after: unknown.
        seen = out["observed_to"].isna() | (out["observed_to"] >= end - pd.Timedelta(days=1))
        for col in windows:
            out[col] = out[col].where(seen)
        out["history_to"] = out["observed_to"].fillna(out["history_to"])

    if repos is not None:
        info = dedupe_repos(repos).set_index("full_name")
        stars = info["stars"].reindex(out["full_name"]).to_numpy(dtype=float)
        born = pd.Series(info["created_at"].reindex(out["full_name"]).to_numpy(), index=out.index)
    else:
        stars = np.full(len(out), np.nan)
        born = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    # Today's total when known (history may not reach creation); else the stars the history holds.
    out["total_stars"] = np.where(np.isnan(stars), out["held"], stars)
    born = pd.to_datetime(born).fillna(out["history_from"].where(out["history_complete"]))
    out["age_days"] = (end - born.dt.normalize()).dt.days.clip(lower=1)

    # growth_speed: stars per week over the quarter window (or over the repo's life if younger).
    weeks = np.minimum(cfg.quarter_days, out["age_days"].fillna(cfg.quarter_days)) / 7.0
    out["growth_speed"] = out["gained_quarter"] / weeks
    lifetime_rate = out["total_stars"] / (out["age_days"] / 7.0)
    out["momentum"] = (out["growth_speed"] / lifetime_rate.where(lifetime_rate > 0)).where(
        out["age_days"].notna()
    )
    total = out["total_stars"].astype(float)
    out["recent_share"] = (out["gained_quarter"] / total.where(total > 0)).clip(upper=1.0)
    out["growth_class"] = np.where(
        out["recent_share"].isna(),
        None,
        np.where(out["recent_share"] >= cfg.exploding_share, EXPLODING, LASTING),
    )
    return out[GROWTH_COLUMNS].sort_values("full_name").reset_index(drop=True)


def _whole_days(h: pd.DataFrame, end: pd.Timestamp, windows: dict[str, int]) -> None:
    """Weeks that carry GitHub's daily counts: each window sums its whole days instead."""
    if "days" not in h.columns:
        return
    rows, counts = days_matrix(h["days"])  # n × 7 for the rows that carry them
    if not rows.any():
        return
    first = h.loc[rows, "week"].dt.normalize().to_numpy(dtype="datetime64[D]")
    dates = first[:, None] + np.arange(7).astype("timedelta64[D]")
    stop = np.datetime64(end.date(), "D")
    for col, days in windows.items():
        lo = stop - np.timedelta64(days, "D")
        inside = (dates >= lo) & (dates < stop)
        h.loc[rows, col] = (counts * inside).sum(axis=1)
