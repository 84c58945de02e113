from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.scoring.growth import EXPLODING, LASTING, growth

ASOF = "2026-03-31"  # a Tuesday: the current week (Sun 03-29) has run 3 days (29, 30, 31)


def weekly(full_name, gains, complete=True, start="2026-01-04"):
    return pd.DataFrame(
        {
            "full_name": full_name,
            "week": pd.date_range(start, periods=len(gains), freq="7D"),
            "stars_gained": gains,
            "complete": complete,
        }
    )


def test_windows_count_straddling_weeks_pro_rata(cfg):
    # weeks 01-04 … 03-22 gain 70 each (12 weeks), the current week 03-29 gains 30 so far
    h = weekly("a/new", [70] * 12 + [30])
    row = growth(h, ASOF, cfg).set_index("full_name").loc["a/new"]
    # week   [03-25, 04-01): 03-29 week whole (30) + 4 of 7 days of 03-22 (70 × 4/7 = 40) = 70
    # month  [03-02, 04-01): 30 + 70 × 3 (03-22, 03-15, 03-08) + 6/7 of 03-01 (60)    = 300
    # quarter [12-31, 04-01): every row                                   12 × 70 + 30 = 870
    assert row["gained_week"] == pytest.approx(70)
    assert row["gained_month"] == pytest.approx(300)
    assert row["gained_quarter"] == pytest.approx(870)
    # complete history → born 01-04, 87 days old: speed = 870 / (87 / 7) = 70 stars a week;
    # all its stars came this quarter → exploding now
    assert row["age_days"] == 87
    assert row["growth_speed"] == pytest.approx(70)
    assert row["recent_share"] == 1.0 and row["growth_class"] == EXPLODING


def test_long_lasting_repo_uses_todays_total(cfg):
    h = weekly("b/old", [10] * 13, complete=False)
    repos = pd.DataFrame(
        {"full_name": ["b/old"], "stars": [10000], "forks": [1], "created_at": ["2020-03-31"]}
    )
    row = growth(h, ASOF, cfg, repos).iloc[0]
    # quarter = 13 × 10 = 130 → 130 / 13 weeks = 10 a week; 130 / 10000 = 1.3 % → long-lasting
    assert row["gained_quarter"] == pytest.approx(130)
    assert row["growth_speed"] == pytest.approx(10)
    assert row["recent_share"] == pytest.approx(0.013) and row["growth_class"] == LASTING
    # age 2020-03-31 → 2026-04-01 = 6 × 365 + 1 leap day + 1 = 2192 days;
    # lifetime rate 10000 / (2192 / 7) ≈ 31.9 a week → momentum 10 / 31.9 ≈ 0.31
    assert row["momentum"] == pytest.approx(10 / (10000 / (2192 / 7)))


def test_gaps_negative_and_duplicate_rows_make_no_spike(cfg):
    h = weekly("c/gappy", [70] * 13)
    h = h.drop(index=[5, 6, 7])  # three missing weeks: no stars recorded, not a jump later
    h.loc[12, "stars_gained"] = -50  # a bad row: clipped to 0, never negative growth
    h = pd.concat([h, h])  # the same series under two keywords
    row = growth(h, ASOF, cfg).iloc[0]
    # quarter: 9 remaining weeks × 70 (weeks 0–4, 8–11); the −50 week counts 0
    assert row["gained_quarter"] == pytest.approx(9 * 70)
    assert row["gained_week"] == pytest.approx(70 * 4 / 7)  # only 4/7 of week 03-22
    assert min(row["gained_week"], row["gained_month"], row["gained_quarter"]) >= 0


def test_future_rows_ignored_and_empty_input(cfg):
    h = weekly("d/x", [5, 5], start="2026-03-29")  # second row is the week after asof
    assert growth(h, ASOF, cfg).iloc[0]["gained_week"] == pytest.approx(5)
    assert growth(None, ASOF, cfg).empty


def test_windows_from_daily_counts_are_whole_stars(cfg):
    # weeks 01-04 … 03-15 (11 weeks) have no days; 03-22 gained 70 all on Sunday 03-22;
    # the current week 03-29 gained 30: 10, 20 on Sun, Mon and 0 on Tue 03-31.
    h = weekly("a/new", [70] * 11 + [70, 30])
    h["days"] = [None] * 11 + ["70,0,0,0,0,0,0", "10,20,0,0,0,0,0"]
    row = growth(h, ASOF, cfg).set_index("full_name").loc["a/new"]
    # week [03-25, 04-01): of 03-22 only Wed 25..Sat 28 count → 0; + 30 = 30 (pro rata said 70)
    assert row["gained_week"] == 30
    # month [03-02, 04-01): 03-29 30 + 03-22 70 + 03-15, 03-08 70 each + 6/7 of 03-01 (60) = 300
    assert row["gained_month"] == pytest.approx(300)


def test_a_star_burst_is_a_week_far_above_its_own_baseline(cfg):
    from ghtalent.scoring.daily import star_bursts

    # 8 quiet weeks of 50, then 5,400 in one week, then 60: baseline median 50 → 108×.
    # "b/launch" gains 5,000 in its first week: no earlier weeks, no baseline, no flag.
    # "c/steady" grows 30 % a week: week 9 gains 1,060, 3.2× the median 328 of weeks 1–8.
    h = pd.concat(
        [
            weekly("a/fake", [50] * 8 + [5400, 60]),
            weekly("b/launch", [5000] + [100] * 9),
            weekly("c/steady", [round(100 * 1.3**i) for i in range(10)]),
        ]
    )
    out = star_bursts(h, cfg).set_index("full_name")
    assert list(out.index) == ["a/fake"]
    assert out.loc["a/fake", "burst_stars"] == 5400 and out.loc["a/fake", "burst_baseline"] == 50
    assert (
        out.loc["a/fake", "star_burst"]
        == "burst: week of 2026-03-01 +5,400★, 108× its usual 50/week"
    )


def test_a_one_day_spike_is_a_burst_when_daily_counts_show_it(cfg):
    from ghtalent.scoring.daily import star_bursts

    # 8 weeks of 50 stars a day (350/week), then a week with 1,400 stars on its Tuesday only.
    # The week (1,400) is 4× its median week (350): no weekly burst. The day is 1,400 against
    # a daily median of 50 over the previous 56 days: 28× and ≥ 1,000 → a day burst.
    h = weekly("d/spike", [350] * 8 + [1400])
    h["days"] = ["50,50,50,50,50,50,50"] * 8 + ["0,0,1400,0,0,0,0"]
    out = star_bursts(h, cfg).set_index("full_name")
    assert out.loc["d/spike", "star_burst"] == (
        "burst: 2026-03-03 +1,400★ in a day, 28× its usual 50/day"
    )
    # the same week without daily counts is no burst at all
    assert star_bursts(h.drop(columns="days"), cfg).empty


def test_daily_counts_of_repos_too_small_for_any_burst_give_no_burst(cfg):
    from ghtalent.scoring.daily import star_bursts

    # No week reaches burst_min_stars: nothing is read from the days, and nothing is flagged.
    h = weekly("e/small", [5] * 12)
    h["days"] = ["1,1,1,1,1,0,0"] * 12
    assert star_bursts(h, cfg).empty
