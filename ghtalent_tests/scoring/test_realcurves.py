"""Issue 7, part 3: the gap rule on real weekly star counts (EvanLi/Github-Ranking)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ghtalent.scoring.cycles import modality_cycles
from ghtalent.scoring.growth import growth
from ghtalent.scoring.series import snapshots_to_star_history

# Long gaps (dify 413 days, gpt4free 602, LLaMA-Factory 399, ollama 84) and unstar dips (bingai).
REPOS = [
    "langgenius/dify",
    "xtekky/gpt4free",
    "hiyouga/LLaMA-Factory",
    "ollama/ollama",
    "adams549659584/go-proxy-bingai",
]


@pytest.fixture
def snapshots(realdata):
    df = pd.read_csv(realdata / "github-ranking" / "ai_repo_daily_ranks_weekly.csv")
    df["full_name"] = df["repo_url"].str.removeprefix("https://github.com/")
    df = df[df["full_name"].isin(REPOS)][["date", "full_name", "stars"]]
    df["date"] = pd.to_datetime(df["date"])
    assert set(df["full_name"]) == set(REPOS)
    return df


def daily_rate_bound(obs: pd.DataFrame) -> pd.Series:
    """Per day, the stars/day of the snapshot interval it lies in (running maximum)."""
    obs = obs.sort_values("date")
    level = np.maximum.accumulate(obs["stars"].to_numpy(dtype=float))
    days = obs["date"].to_numpy()
    rates = {}
    for i in range(1, len(obs)):
        span = pd.date_range(days[i - 1], days[i], inclusive="right")
        for day in span:
            rates[day] = (level[i] - level[i - 1]) / len(span)
    return pd.Series(rates)


def test_gaps_are_spread_never_a_spike_never_negative(snapshots):
    history = snapshots_to_star_history(snapshots)
    for name, obs in snapshots.groupby("full_name"):
        weeks = history[history["full_name"] == name].set_index("week")["stars_gained"]
        assert (weeks >= 0).all(), name
        # nothing invented, nothing lost: the gains add up to the rise of the running maximum
        assert (
            weeks.sum() == obs["stars"].cummax().iloc[-1] - obs.sort_values("date")["stars"].iloc[0]
        )
        # no week gains more than 7 days at the highest rate of the snapshot intervals it touches
        rate = daily_rate_bound(obs)
        bound = rate.groupby(
            rate.index - pd.to_timedelta((rate.index.dayofweek + 1) % 7, "D")
        ).max()
        assert (weeks.drop(weeks.index[0]) <= 7 * bound.reindex(weeks.index[1:]) + 1).all(), name


def test_a_long_gap_is_not_one_weeks_growth(snapshots):
    dify = snapshots[snapshots["full_name"] == "langgenius/dify"].sort_values("date")
    jumps = dify["stars"].diff()
    gap_end = dify.loc[jumps.idxmax(), "date"]  # 2026-07-27: +48,050 after 413 days unseen
    assert jumps.max() > 40000
    weeks = snapshots_to_star_history(dify).set_index("week")["stars_gained"]
    week_of_gap_end = gap_end - pd.Timedelta(days=(gap_end.dayofweek + 1) % 7)
    # spread: ≈ 48,050 × 7 / 413 ≈ 814 a week inside the gap, not 48,050 in its last week
    assert weeks.loc[week_of_gap_end - pd.Timedelta(days=7)] < 1000
    assert weeks.max() < 0.1 * jumps.max()


def test_growth_and_cycles_on_real_series_are_never_negative(snapshots):
    history = snapshots_to_star_history(snapshots)
    asof = snapshots["date"].max()
    out = growth(history, asof)
    for col in ("gained_week", "gained_month", "gained_quarter"):
        assert (out[col].dropna() >= 0).all()
    # repos not seen on the last day have unknown recent growth, not zero
    last = snapshots.groupby("full_name")["date"].max()
    stale = set(last[last < asof].index)
    assert stale == {"hiyouga/LLaMA-Factory", "adams549659584/go-proxy-bingai"}
    assert out.set_index("full_name").loc[list(stale), "gained_week"].isna().all()
    cycles = modality_cycles({"all": REPOS}, history)
    assert (cycles["stars_gained"] >= 0).all() and not cycles.empty
