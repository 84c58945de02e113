"""Daily star counts from GitHub's weekly star history (`days`: Sunday..Saturday), and the
fake-star burst rule that reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ghtalent.scoring.config import ScoringConfig

DAILY_COLUMNS = ["full_name", "day", "gained"]
BURST_COLUMNS = ["full_name", "star_burst", "burst_week", "burst_stars", "burst_baseline"]


def parse_days(value: object) -> list[int] | None:
    """ "3,0,12,5,1,0,2" (or a 7-item list) → seven non-negative ints; None when absent/bad."""
    if isinstance(value, str):
        parts = value.split(",")
        if len(parts) == 7 and all(p.isdigit() for p in parts):
            return [int(p) for p in parts]
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


# What the warehouse stores: seven comma-separated whole numbers (short enough for int64).
_SEVEN_COUNTS = re.compile(r"[0-9]{1,15}(?:,[0-9]{1,15}){6}")


def parsed_days(values: Iterable[object]) -> tuple[np.ndarray, np.ndarray]:
    """`parse_days` of every value at once: (which parse, n × 7 counts with 0 rows for the
    others). Stored strings are read by numpy in one go; anything else goes through
    `parse_days` one by one, so the answer is always the same as its."""
    items = list(values)
    plain = np.array(
        [v.__class__ is str and _SEVEN_COUNTS.fullmatch(v) is not None for v in items],
        dtype=bool,
    )
    ok = plain.copy()
    counts = np.zeros((len(items), 7))
    if plain.any():
        text = ",".join(v for v, p in zip(items, plain, strict=True) if p)
        counts[plain] = np.fromstring(text, dtype=np.int64, sep=",").reshape(-1, 7)
    for i in np.flatnonzero(~plain):
        found = parse_days(items[i])
        if found is not None:
            ok[i] = True
            counts[i] = found
    return ok, counts


def days_matrix(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Vectorized `parse_days` of stored strings: (rows that parse, their n × 7 counts)."""
    ok, counts = parsed_days(values)
    return ok, counts[ok]


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
    weeks (at least 7, a star a day); else, from GitHub's daily counts, a day that gains
    ≥ burst_min_stars and ≥ burst_factor × the median of the previous 7 × burst_baseline_weeks
    days (at least 1). A repo needs that much earlier history to have a baseline, so a launch
    is never a burst."""
    rows = []
    n = cfg.burst_baseline_weeks
    if history.empty:
        return pd.DataFrame(columns=BURST_COLUMNS)
    h = history.groupby(["full_name", "week"], as_index=False)["stars_gained"].max()
    # A repo never gaining min_stars in a week cannot have a burst.
    peak = h.groupby("full_name")["stars_gained"].transform("max")
    h = h[peak >= cfg.burst_min_stars]
    week_no = (pd.to_datetime(h["week"]) - EPOCH_SUNDAY).dt.days // 7
    h = h.assign(_w=week_no.to_numpy())
    days_of = _days_by_repo(history, set(h["full_name"]))
    for full_name, g in h.groupby("full_name", sort=True):
        # Weeks GitHub leaves out gained nothing: put every week on one grid first.
        first = int(g["_w"].min())
        gains = np.zeros(int(g["_w"].max()) - first + 1)
        gains[g["_w"].to_numpy() - first] = g["stars_gained"].to_numpy(dtype=float)
        found = _biggest_burst(gains, n, 7.0, cfg)
        if found is not None:
            i, stars, base, ratio = found
            when = EPOCH_SUNDAY + pd.Timedelta(weeks=first + i)
            text = f"burst: week of {when:%Y-%m-%d} +{stars:,}★, {ratio:.0f}× its usual {base:,.0f}/week"
        elif full_name in days_of:
            start, daily = days_of[full_name]
            found = _biggest_burst(daily, 7 * n, 1.0, cfg)
            if found is None:
                continue
            i, stars, base, ratio = found
            when = start + pd.Timedelta(days=i)
            text = f"burst: {when:%Y-%m-%d} +{stars:,}★ in a day, {ratio:.0f}× its usual {base:,.0f}/day"
        else:
            continue
        rows.append(
            {
                "full_name": full_name, "star_burst": text, "burst_week": when,
                "burst_stars": stars, "burst_baseline": base,
            }
        )  # fmt: skip
    return pd.DataFrame(rows, columns=BURST_COLUMNS)


EPOCH_SUNDAY = pd.Timestamp("1970-01-04")


def _biggest_burst(
    gains: np.ndarray, n: int, floor: float, cfg: ScoringConfig
) -> tuple[int, int, float, float] | None:
    """(index, gain, baseline, ratio) of the step furthest above the median of the n before."""
    if len(gains) <= n:
        return None
    windows = np.lib.stride_tricks.sliding_window_view(gains, n)[:-1]
    baseline = np.maximum(floor, np.median(windows, axis=1))
    current = gains[n:]
    ratio = current / baseline
    hit = (current >= cfg.burst_min_stars) & (ratio >= cfg.burst_factor)
    if not hit.any():
        return None
    i = int(np.argmax(np.where(hit, ratio, -1.0)))
    return n + i, int(current[i]), float(baseline[i]), float(ratio[i])


def _days_by_repo(
    history: pd.DataFrame, names: set[str]
) -> dict[str, tuple[pd.Timestamp, np.ndarray]]:
    """Repo → (first day, daily gains) for repos whose every week carries its daily counts."""
    if "days" not in history.columns:
        return {}
    out: dict[str, tuple[pd.Timestamp, np.ndarray]] = {}
    sub = history[history["full_name"].isin(names)].sort_values(["full_name", "week"])
    if sub.empty:
        return out
    ok, counts = parsed_days(sub["days"])
    week_no = (pd.to_datetime(sub["week"]).dt.normalize() - EPOCH_SUNDAY).dt.days.to_numpy() // 7
    repo = sub["full_name"].to_numpy()
    starts = np.flatnonzero(np.r_[True, repo[1:] != repo[:-1]])
    for a, b in zip(starts, [*starts[1:], len(repo)], strict=True):
        if not ok[a:b].all():
            continue
        weeks = week_no[a:b].astype(np.int64)
        first = int(weeks.min())
        daily = np.zeros((int(weeks.max()) - first + 1, 7))
        for w, row in zip(weeks - first, counts[a:b], strict=True):  # a later copy wins
            daily[w] = row
        out[repo[a]] = (EPOCH_SUNDAY + pd.Timedelta(weeks=first), daily.ravel())
    return out
