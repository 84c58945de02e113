from __future__ import annotations

import pandas as pd

from ghtalent.scoring.series import snapshots_to_star_history, week_start


def test_gaps_are_spread_dips_ignored_first_snapshot_is_the_baseline():
    snaps = pd.DataFrame(
        {
            "full_name": "a/x",
            "date": ["2024-01-07", "2024-01-14", "2024-02-04", "2024-02-11", "2024-02-18"],
            "stars": [1000, 1070, 1280, 1270, 1300],
        }
    )
    out = snapshots_to_star_history(snaps).set_index("week")["stars_gained"]
    # 01-07→01-14: 70 over 7 days = 10/day; 01-14→02-04 (3-week gap): 210 over 21 days = 10/day;
    # 02-04→02-11 dips to 1270: running max stays 1280 → 0; 02-11→02-18: 20 over 7 days.
    # week 01-07 = days 8–13 (6 × 10; 01-07 is the baseline)      = 60
    # weeks 01-14, 01-21, 01-28 = 7 × 10                          = 70 each (no spike at 02-04)
    # week 02-04 = 02-04 (10) + 0                                 = 10
    # week 02-11 = round(1280 + 20 × 6/7) − 1280 = 1297 − 1280    = 17; week 02-18 = 3
    assert out.to_dict() == {
        pd.Timestamp(d): v
        for d, v in [
            ("2024-01-07", 60), ("2024-01-14", 70), ("2024-01-21", 70), ("2024-01-28", 70),
            ("2024-02-04", 10), ("2024-02-11", 17), ("2024-02-18", 3),
        ]
    }  # fmt: skip
    assert out.sum() == 1300 - 1000 and (out >= 0).all()


def test_marks_gaps_and_incompleteness():
    snaps = pd.DataFrame(
        {"full_name": "a/x", "date": ["2024-01-07", "2024-01-28"], "stars": [10, 31]}
    )
    out = snapshots_to_star_history(snaps)
    assert not out["complete"].any()
    assert out["longest_gap_days"].max() == 21
    assert out["observed_to"].iloc[0] == pd.Timestamp("2024-01-28")


def test_week_starts_on_sunday():
    days = pd.Series(pd.to_datetime(["2024-01-07", "2024-01-08", "2024-01-13"]))
    assert week_start(days).tolist() == [pd.Timestamp("2024-01-07")] * 3
    assert snapshots_to_star_history(None).empty
