"""Cumulative star curves for the report's growth chart."""

from __future__ import annotations

import pandas as pd


def star_series(repos: pd.DataFrame, history: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """(full_name, week, cumulative_stars) for the `top` repositories by stars.

    Counted back from today's total (stars now minus what came in later weeks), so a series
    that only covers recent weeks still sits at the right height.
    """
    columns = ["full_name", "week", "cumulative_stars"]
    if repos.empty or history.empty:
        return pd.DataFrame(columns=columns)
    leaders = repos.drop_duplicates("full_name").nlargest(top, "stars")[["full_name", "stars"]]
    weekly = (
        history[history["full_name"].isin(leaders["full_name"])]
        .drop_duplicates(["full_name", "week"])
        .sort_values(["full_name", "week"], ascending=[True, False])
    )
    weekly = weekly.merge(leaders, on="full_name")
    later = weekly.groupby("full_name")["stars_gained"].cumsum() - weekly["stars_gained"]
    weekly["cumulative_stars"] = (weekly["stars"] - later).clip(lower=0)
    return weekly.sort_values(["full_name", "week"])[columns].reset_index(drop=True)
