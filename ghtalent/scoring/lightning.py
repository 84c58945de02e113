"""Lightning new stars (闪电新星): how fast a repo went from creation to the threshold."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ghtalent.scoring.daily import parsed_days
from ghtalent.scoring.frames import dedupe_history, dedupe_repos

EXACT_DAYS = "exact (daily star counts)"
EXACT = "exact (daily snapshots)"
ESTIMATE = "estimate (weekly star history)"
LIGHTNING_COLUMNS = [
    "full_name", "html_url", "owner_login", "owner_url", "stars", "created_at", "crossed_on",
    "days_to_threshold", "source", "note",
]  # fmt: skip


def lightning(
    repos: pd.DataFrame | None,
    star_history: pd.DataFrame | None,
    daily_stars: pd.DataFrame | None = None,
    threshold: int = 10000,
) -> pd.DataFrame:
    """When each repo at/above `threshold` crossed it: exact from daily snapshots, else estimate."""
    repos = dedupe_repos(repos)
    repos = repos[repos["stars"] >= threshold]
    if repos.empty:
        return pd.DataFrame(columns=LIGHTNING_COLUMNS)
    history = dedupe_history(star_history)
    history = history[history["full_name"].isin(set(repos["full_name"]))]  # only these repos
    hist = {k: g for k, g in history.groupby("full_name")}
    daily = _daily_by_repo(daily_stars)
    rows = []
    for r in repos.itertuples(index=False):
        created = r.created_at.normalize() if pd.notna(r.created_at) else pd.NaT
        crossed, source, note = _from_days(hist.get(r.full_name), r.stars, created, threshold)
        if crossed is None and source is None:
            crossed, source, note = _from_daily(daily.get(r.full_name), threshold)
        if crossed is None and source is None:
            crossed, source, note2 = _from_history(hist.get(r.full_name), r.stars, threshold)
            note = "; ".join(n for n in (note, note2) if n)
        if crossed is not None and pd.notna(created):
            crossed = max(crossed, created)  # a history week can start before creation
        days = (crossed - created).days if crossed is not None and pd.notna(created) else None
        rows.append(
            {
                "full_name": r.full_name, "html_url": r.html_url, "owner_login": r.owner_login,
                "owner_url": r.owner_url, "stars": r.stars, "created_at": r.created_at,
                "crossed_on": crossed, "days_to_threshold": days, "source": source, "note": note,
            }
        )  # fmt: skip
    out = pd.DataFrame(rows, columns=LIGHTNING_COLUMNS)
    out["crossed_on"] = pd.to_datetime(out["crossed_on"])
    out["days_to_threshold"] = pd.to_numeric(out["days_to_threshold"]).astype("Int64")
    out = out.sort_values(["days_to_threshold", "full_name"], na_position="last")
    return out.reset_index(drop=True)


def _from_days(
    h: pd.DataFrame | None, stars_now: float, created: pd.Timestamp, threshold: int
) -> tuple[pd.Timestamp | None, str | None, str]:
    """First day the running total of GitHub's daily counts reaches the threshold.

    Answers (None, None, "") when the history lacks daily counts (other sources are tried),
    (None, EXACT_DAYS, why) when the days say the date cannot be known."""
    if h is None or h.empty or "days" not in h.columns:
        return None, None, ""
    h = h.sort_values("week")
    ok, counts = parsed_days(h["days"])
    if not ok.all():
        return None, None, ""
    days = counts.ravel()
    first = h["week"].iloc[0].normalize()
    dates = pd.date_range(first, periods=len(days), freq="D")
    notes = []
    if pd.notna(created):
        # Stars cannot come before the repo existed: a day before creation counts on creation day.
        early = dates < created
        if days[early].sum() > 0:
            notes.append(f"{int(days[early].sum()):,} stars dated before creation counted on it")
            days[np.argmax(~early) if (~early).any() else len(days) - 1] += days[early].sum()
            days[early] = 0
    complete = bool(h["complete"].iloc[0])
    # Incomplete history: the stars held before its first day = today's total − all gains.
    base = 0.0 if complete else max(0.0, float(stars_now) - days.sum())
    if base >= threshold:
        return None, EXACT_DAYS, f"crossed before {first:%Y-%m-%d} (history starts above it)"
    cum = base + np.cumsum(days)
    reached = cum >= threshold
    if not reached.any():
        return None, EXACT_DAYS, f"daily counts hold {int(cum[-1]):,} stars, below {threshold:,}"
    notes.append("counts only stars still held, so the real crossing may be earlier")
    if not complete:
        notes.insert(0, "history incomplete; counted back from today's total")
    return dates[int(np.argmax(reached))], EXACT_DAYS, "; ".join(notes)


def _daily_by_repo(daily_stars: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    if daily_stars is None or daily_stars.empty:
        return {}
    d = daily_stars[["date", "full_name", "stars"]].dropna().copy()
    d["date"] = pd.to_datetime(d["date"]).dt.normalize()
    d = d.groupby(["full_name", "date"], as_index=False)["stars"].max().sort_values("date")
    return {k: g for k, g in d.groupby("full_name")}


def _from_daily(
    snaps: pd.DataFrame | None, threshold: int
) -> tuple[pd.Timestamp | None, str | None, str]:
    """First snapshot at/above the threshold right after one below it."""
    if snaps is None or snaps.empty:
        return None, None, ""
    above = (snaps["stars"] >= threshold).to_numpy()
    if not above.any():
        return None, None, ""
    i = int(np.argmax(above))
    if i == 0:
        return None, None, "already above the threshold at the first daily snapshot"
    day, before = snaps["date"].iloc[i], snaps["date"].iloc[i - 1]
    gap = (day - before).days
    note = "" if gap <= 1 else f"crossed between {before:%Y-%m-%d} and {day:%Y-%m-%d}"
    return day, EXACT, note


def _from_history(
    h: pd.DataFrame | None, stars_now: float, threshold: int
) -> tuple[pd.Timestamp | None, str | None, str]:
    """Crossing week from the cumulative weekly gains; only when the history covers it."""
    if h is None or h.empty:
        return None, None, "no star history"
    h = h.sort_values("week")
    gains = h["stars_gained"].to_numpy(dtype=float)
    complete = bool(h["complete"].iloc[0])
    if complete:
        base, note = 0.0, "counts only stars still held, so the real crossing may be earlier"
    else:
        # Held stars before the first known week = today's total − everything gained since.
        base = float(stars_now) - gains.sum()
        if base >= threshold:
            first = h["week"].iloc[0]
            return None, None, f"history incomplete: crossed before {first:%Y-%m-%d}, date unknown"
        note = "history incomplete; counted back from today's total (stars still held)"
    cum = base + np.cumsum(gains)
    reached = cum >= threshold
    if not reached.any():
        return None, None, f"star history holds {int(cum[-1]):,} stars, below {threshold:,}"
    i = int(np.argmax(reached))
    before = cum[i] - gains[i]
    # Within the crossing week, assume the week's stars came evenly over its 7 days.
    frac = (threshold - before) / gains[i] if gains[i] > 0 else 1.0
    day = min(6, max(0, math.ceil(frac * 7) - 1))
    return h["week"].iloc[i] + pd.Timedelta(days=day), ESTIMATE, note
