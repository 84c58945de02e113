"""Daily star counts from GitHub's weekly star history (`days`: Sunday..Saturday), and the
fake-star burst rule that reads them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ghtalent.scoring.config import ScoringConfig

DAILY_COLUMNS = ["full_name", "day", "gained"]
BURST_COLUMNS = ["full_name", "star_burst", "burst_week", "burst_stars", "burst_baseline"]


def parse_days(value: object) -> list[int] | None:
    """ "3,0,12,5,1,0,2" (or a 7-item list) → seven non-negative ints; None when absent/bad."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple | np.ndarray):
        parts = list(value)
    else:
        return None
    if len(parts) != 7:
        return None
    try:
        return [max(0, int(p)) for p in parts]
    except (TypeError, ValueError):
        return None


def has_days(history: pd.DataFrame) -> pd.Series:
    """Per repo: True when every week of its history carries its seven daily counts."""
    if "days" not in history.columns or history.empty:
        return pd.Series(False, index=pd.Index(history.get("full_name", []).unique()))
    ok = history["days"].map(lambda v: parse_days(v) is not None)
    return ok.groupby(history["full_name"]).all()


def expand_days(history: pd.DataFrame) -> pd.DataFrame:
    """One row per (repo, day) for the weeks that carry daily counts (whole stars)."""
    if "days" not in history.columns or history.empty:
        return pd.DataFrame(columns=DAILY_COLUMNS)
    names, days, gained = [], [], []
    for full_name, week, value in zip(
        history["full_name"], history["week"], history["days"], strict=True
    ):
        counts = parse_days(value)
        if counts is None:
            continue
        start = pd.Timestamp(week).normalize()
        names.extend([full_name] * 7)
        days.extend(start + pd.Timedelta(days=i) for i in range(7))
        gained.extend(counts)
    out = pd.DataFrame({"full_name": names, "day": pd.to_datetime(days), "gained": gained})
    return out.sort_values(["full_name", "day"]).reset_index(drop=True)


def star_bursts(history: pd.DataFrame, cfg: ScoringConfig) -> pd.DataFrame:
    """Per repo, its biggest star burst, if any (README, Fake-star bursts): a week that gains
    ≥ burst_min_stars and ≥ burst_factor × the median of the previous burst_baseline_weeks
    weeks (at least 7, a star a day). A repo needs that many earlier weeks to have a baseline,
    so a launch is never a burst. Weeks are whole GitHub weeks; daily counts sum into them."""
    rows = []
    n = cfg.burst_baseline_weeks
    for full_name, g in history.sort_values("week").groupby("full_name", sort=True):
        # Weeks GitHub leaves out gained nothing: put every week on one grid first.
        series = g.groupby("week")["stars_gained"].max()
        grid = pd.date_range(series.index.min(), series.index.max(), freq="7D")
        series = series.reindex(grid, fill_value=0)
        gains = series.to_numpy(dtype=float)
        weeks = series.index.to_numpy()
        best = None
        for i in range(n, len(gains)):
            baseline = max(7.0, float(np.median(gains[i - n : i])))
            if gains[i] >= cfg.burst_min_stars and gains[i] >= cfg.burst_factor * baseline:
                ratio = gains[i] / baseline
                if best is None or ratio > best[3]:
                    best = (pd.Timestamp(weeks[i]), int(gains[i]), baseline, ratio)
        if best is not None:
            week, stars, baseline, ratio = best
            rows.append(
                {
                    "full_name": full_name,
                    "star_burst": (
                        f"burst: week of {week:%Y-%m-%d} +{stars:,}★, {ratio:.0f}× its usual "
                        f"{baseline:,.0f}/week"
                    ),
                    "burst_week": week,
                    "burst_stars": stars,
                    "burst_baseline": baseline,
                }
            )
    return pd.DataFrame(rows, columns=BURST_COLUMNS)
