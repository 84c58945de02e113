from __future__ import annotations

import pandas as pd

from ghtalent.scoring.lightning import ESTIMATE, EXACT, lightning


def repos(*rows):
    return pd.DataFrame(rows, columns=["full_name", "stars", "created_at"]).assign(
        created_at=lambda d: pd.to_datetime(d["created_at"])
    )


def weeks(full_name, start, gains, complete):
    return pd.DataFrame(
        {
            "full_name": full_name,
            "week": pd.date_range(start, periods=len(gains), freq="7D"),
            "stars_gained": gains,
            "complete": complete,
        }
    )


def test_crossing_from_complete_weekly_history():
    r = repos(("a/fast", 12000, "2026-01-04"))
    h = weeks("a/fast", "2026-01-04", [4000, 4000, 4000], True)
    row = lightning(r, h, None, 10000).iloc[0]
    # cumulative 4000, 8000, 12000 → crosses in the week of 01-18: needs 2000 of its 4000 = half
    # the week → day ceil(0.5 × 7) − 1 = 3 → 2026-01-21; 17 days after creation
    assert row["crossed_on"] == pd.Timestamp("2026-01-21")
    assert row["days_to_threshold"] == 17
    assert row["source"] == ESTIMATE


def test_incomplete_history_counted_back_from_todays_total():
    r = repos(("b/late", 15000, "2026-02-01"))
    h = weeks("b/late", "2026-03-01", [3000, 3000, 3000], False)
    row = lightning(r, h, None, 10000).iloc[0]
    # before 03-01: 15000 − 9000 = 6000 held; cumulative 9000, 12000 → week of 03-08 needs 1000
    # of 3000 → day ceil(7/3) − 1 = 2 → 2026-03-10; 37 days after 02-01
    assert row["crossed_on"] == pd.Timestamp("2026-03-10")
    assert row["days_to_threshold"] == 37
    assert "incomplete" in row["note"]


def test_incomplete_history_that_starts_above_the_threshold_invents_nothing():
    r = repos(("c/old", 30000, "2020-01-01"))
    h = weeks("c/old", "2026-03-01", [3000, 3000, 3000], False)
    row = lightning(r, h, None, 10000).iloc[0]
    # 30000 − 9000 = 21000 already held before the first known week: crossing date unknown
    assert pd.isna(row["crossed_on"]) and pd.isna(row["days_to_threshold"])
    assert row["note"].startswith("history incomplete: crossed before 2026-03-01")


def test_daily_snapshots_give_the_exact_date_and_win_over_history():
    r = repos(("d/day", 10005, "2026-04-01"), ("e/gap", 11000, "2026-04-01"))
    daily = pd.DataFrame(
        {
            "date": ["2026-05-01", "2026-05-02", "2026-05-01", "2026-05-05"],
            "full_name": ["d/day", "d/day", "e/gap", "e/gap"],
            "stars": [9990, 10005, 9000, 11000],
        }
    )
    h = weeks("d/day", "2026-03-29", [10005], True)  # would say 2026-04-01..04 otherwise
    out = lightning(r, h, daily, 10000).set_index("full_name")
    assert out.loc["d/day", "crossed_on"] == pd.Timestamp("2026-05-02")
    assert out.loc["d/day", "days_to_threshold"] == 31 and out.loc["d/day", "source"] == EXACT
    assert out.loc["e/gap", "note"] == "crossed between 2026-05-01 and 2026-05-05"


def test_below_threshold_and_missing_history():
    r = repos(("f/small", 9999, "2026-01-01"), ("g/none", 20000, "2026-01-01"))
    out = lightning(r, None, None, 10000)
    assert out["full_name"].tolist() == ["g/none"]
    assert out.iloc[0]["note"] == "no star history" and pd.isna(out.iloc[0]["crossed_on"])
    assert lightning(None, None, None).empty
