"""Turning cumulative star snapshots into weekly gains without fake spikes or dips."""

from __future__ import annotations

import numpy as np
import pandas as pd

SERIES_COLUMNS = [
    "full_name", "week", "stars_gained", "complete", "observed_from", "observed_to",
    "longest_gap_days",
]  # fmt: skip


def week_start(ts: pd.Series) -> pd.Series:
    """The Sunday 00:00 that starts each timestamp's week (GitHub's star-history week)."""
    day = pd.to_datetime(ts).dt.normalize()
    return day - pd.to_timedelta((day.dt.dayofweek + 1) % 7, unit="D")


def snapshots_to_star_history(snapshots: pd.DataFrame | None) -> pd.DataFrame:
    """Weekly gains from cumulative snapshots (date, full_name, stars); gap rule in README."""
    if snapshots is None or snapshots.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    df = snapshots[["date", "full_name", "stars"]].copy()
    df["date"] = pd.to_datetime(df["date"]).dt.normalize()
    df["stars"] = pd.to_numeric(df["stars"], errors="coerce")
    df = df.dropna().groupby(["full_name", "date"], as_index=False)["stars"].max()
    parts = [_one_series(name, g) for name, g in df.groupby("full_name", sort=True)]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    return pd.concat(parts, ignore_index=True)[SERIES_COLUMNS]


def _one_series(full_name: str, obs: pd.DataFrame) -> pd.DataFrame:
    obs = obs.sort_values("date")
    days = obs["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    # Unstars make the count dip; the running maximum keeps gains ≥ 0 and never counts the
    # stars that merely come back after a dip twice.
    level = np.maximum.accumulate(obs["stars"].to_numpy(dtype=float))
    grid = np.arange(days[0], days[-1] + 1)
    # A gap between two snapshots is spread evenly over its days (linear interpolation of the
    # cumulative count), so it is never a spike; rounding the cumulative keeps sums exact.
    cum = np.round(np.interp(grid, days, level))
    gained = np.diff(cum, prepend=cum[0])  # the first snapshot is the baseline: no gain
    gap = np.zeros(len(grid), dtype=np.int64)
    if len(days) > 1:
        # Length of the snapshot interval each day belongs to: (days[i-1], days[i]].
        idx = np.searchsorted(days, grid, side="left")
        widths = np.diff(days)
        inside = idx > 0
        gap[inside] = widths[idx[inside] - 1]
    daily = pd.DataFrame(
        {"day": pd.to_datetime(grid.astype("datetime64[D]")), "gained": gained, "gap": gap}
    )
    daily["week"] = week_start(daily["day"])
    weekly = daily.groupby("week", as_index=False).agg(
        stars_gained=("gained", "sum"), longest_gap_days=("gap", "max")
    )
    weekly["full_name"] = full_name
    # Snapshots never reach a repo's creation: stars before the first one have no date.
    weekly["complete"] = False
    weekly["observed_from"] = pd.Timestamp(obs["date"].iloc[0])
    weekly["observed_to"] = pd.Timestamp(obs["date"].iloc[-1])
    weekly["stars_gained"] = weekly["stars_gained"].astype(np.int64)
    return weekly
