"""Modality cycles: stars gained per group and month, and each group's peak."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ghtalent.scoring.frames import dedupe_history

CYCLE_COLUMNS = ["group", "month", "stars_gained", "n_repos"]
PEAK_COLUMNS = [
    "group", "peak_month", "peak_stars_gained", "total_stars_gained", "peak_share",
    "first_month", "last_month", "n_months",
]  # fmt: skip


def groups_frame(
    repos_by_group: pd.DataFrame | Mapping[str, Iterable[str]] | None,
) -> pd.DataFrame:
    """(group, full_name) rows from a frame or a {group: [full_name, ...]} mapping."""
    if repos_by_group is None:
        return pd.DataFrame(columns=["group", "full_name"])
    if isinstance(repos_by_group, pd.DataFrame):
        return repos_by_group[["group", "full_name"]].drop_duplicates().reset_index(drop=True)
    rows = [(g, f) for g, names in repos_by_group.items() for f in names]
    return pd.DataFrame(rows, columns=["group", "full_name"]).drop_duplicates()


def gains_by_period(star_history: pd.DataFrame | None, freq: str = "M") -> pd.DataFrame:
    """(full_name, period, stars_gained): weekly gains split by days over calendar periods."""
    h = dedupe_history(star_history)
    h = h[h["stars_gained"] > 0]
    if h.empty:
        return pd.DataFrame(columns=["full_name", "period", "stars_gained"])
    first = h["week"].dt.to_period(freq)
    next_start = (first + 1).dt.start_time
    # Days of the week [week, week + 7) that fall in the first period; the rest in the next.
    d1 = ((next_start - h["week"]).dt.days).clip(0, 7).to_numpy()
    gain = h["stars_gained"].to_numpy(dtype=float)
    both = pd.DataFrame(
        {
            "full_name": np.concatenate([h["full_name"], h["full_name"]]),
            "period": pd.concat([first, first + 1], ignore_index=True),
            "stars_gained": np.concatenate([gain * d1 / 7, gain * (7 - d1) / 7]),
        }
    )
    both = both[both["stars_gained"] > 0]
    return both.groupby(["full_name", "period"], as_index=False)["stars_gained"].sum()


def modality_cycles(
    repos_by_group: pd.DataFrame | Mapping[str, Iterable[str]] | None,
    star_history: pd.DataFrame | None,
) -> pd.DataFrame:
    """Stars gained per group and calendar month (a repo in two groups counts in both)."""
    groups = groups_frame(repos_by_group)
    monthly = gains_by_period(star_history, "M")
    df = groups.merge(monthly, on="full_name", how="inner")
    if df.empty:
        return pd.DataFrame(columns=CYCLE_COLUMNS)
    out = df.groupby(["group", "period"], as_index=False).agg(
        stars_gained=("stars_gained", "sum"), n_repos=("full_name", "nunique")
    )
    out["month"] = out["period"].astype(str)
    return out.sort_values(["group", "month"])[CYCLE_COLUMNS].reset_index(drop=True)


def group_peaks(cycles: pd.DataFrame | None) -> pd.DataFrame:
    """Each group's month with the most stars gained, with its share of the group's total."""
    if cycles is None or cycles.empty:
        return pd.DataFrame(columns=PEAK_COLUMNS)
    rows = []
    for group, g in cycles.groupby("group", sort=True):
        g = g.sort_values(["stars_gained", "month"], ascending=[False, True])
        top = g.iloc[0]
        total = float(g["stars_gained"].sum())
        rows.append(
            {
                "group": group,
                "peak_month": top["month"],
                "peak_stars_gained": float(top["stars_gained"]),
                "total_stars_gained": total,
                "peak_share": float(top["stars_gained"]) / total if total else np.nan,
                "first_month": g["month"].min(),
                "last_month": g["month"].max(),
                "n_months": int(g["month"].nunique()),
            }
        )
    return pd.DataFrame(rows, columns=PEAK_COLUMNS)
