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


def weeks_with_days(full_name, start, days_per_week, complete):
    h = weeks(full_name, start, [sum(d) for d in days_per_week], complete)
    return h.assign(days=[",".join(map(str, d)) for d in days_per_week])


def test_exact_crossing_day_from_githubs_daily_counts():
    from ghtalent.scoring.lightning import EXACT_DAYS

    r = repos(("c/day", 400, "2026-01-04"))
    # week of 01-04: 70 stars; week of 01-11: all 330 on Wednesday 01-14.
    h = weeks_with_days("c/day", "2026-01-04", [[10] * 7, [0, 0, 0, 330, 0, 0, 0]], True)
    row = lightning(r, h, None, 154).iloc[0]
    # running total 70 on Sat 01-10, 70 Sun, 70 Mon, 70 Tue, 400 Wed → Wednesday, 10 days.
    # The old even split put 84 of 330 at 84/330 × 7 → day ceil(1.78) − 1 = 1, Monday 01-12.
    assert row["crossed_on"] == pd.Timestamp("2026-01-14")
    assert row["days_to_threshold"] == 10 and row["source"] == EXACT_DAYS


def test_history_starting_above_the_threshold_gets_no_date_never_creation_day():
    r = repos(("d/old", 500, "2025-06-01"))
    h = weeks_with_days("d/old", "2026-01-04", [[5] * 7, [10] * 7], False)
    row = lightning(r, h, None, 154).iloc[0]
    # held before 01-04 = 500 − 105 = 395 ≥ 154: crossed before the history starts.
    assert pd.isna(row["crossed_on"]) and pd.isna(row["days_to_threshold"])
    assert "crossed before 2026-01-04" in row["note"]


def test_stars_dated_before_creation_count_on_creation_day():
    r = repos(("e/new", 300, "2026-01-07"))  # a Wednesday
    h = weeks_with_days("e/new", "2026-01-04", [[50, 50, 50, 50, 50, 50, 0]], True)
    row = lightning(r, h, None, 200).iloc[0]
    # 150 stars dated Sun–Tue (impossible) move to Wed 01-07: 200 that day → 0 days, truly
    assert row["crossed_on"] == pd.Timestamp("2026-01-07") and row["days_to_threshold"] == 0
    assert "150 stars dated before creation" in row["note"]


def test_crossing_dates_over_the_mirrors_daily_counts(tmp_path):
    from ghtalent.github import GitHubClient
    from ghtalent.github.collect import collect_star_history
    from ghtalent.mirror.server import MirrorServer
    from ghtalent_tests.worlds import NO_LIMITS, world_of

    accounts = [{"login": "ow", "id": 1, "type": "User", "followers": 3,
                 "created_at": "2019-01-01T00:00:00Z"}]  # fmt: skip
    star_weeks = {"ow/a": [3001, 2999, 2500, 1600, 13, 900], "ow/b": [9999, 1, 6],
                  "ow/c": [12000, 5]}  # fmt: skip
    repo_list = [
        {
            "id": 10 + i,
            "owner": "ow",
            "name": name.split("/")[1],
            "description": "LLM",
            "topics": ["llm"],
            "language": "Python",
            "license": "MIT",
            "stargazers_count": sum(w),
            "forks_count": 1,
            "open_issues_count": 0,
            "created_at": "2025-03-05T10:00:00Z",
            "pushed_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "status": "ok",
            "contributors_status": "ok",
            "contributors": [["ow", 5]],
            "star_weeks": w,
        }  # fmt: skip
        for i, (name, w) in enumerate(star_weeks.items())
    ]
    with MirrorServer(world_of(accounts, repo_list, ["LLM"]), limits=NO_LIMITS) as server:
        client = GitHubClient(server.url, cache_path=tmp_path / "c.sqlite", backoff_base=0.01)
        try:
            info = pd.DataFrame(
                {
                    "full_name": list(star_weeks),
                    "stars": [sum(w) for w in star_weeks.values()],
                    "created_at": pd.Timestamp("2025-03-05 10:00"),
                }
            )
            hist, failures = collect_star_history(client, info, threshold=10_000)
        finally:
            client.close()
    assert not failures and hist["days"].notna().all()
    board = lightning(info, hist, None, 10_000).set_index("full_name")
    for name in star_weeks:
        h = hist[hist["full_name"] == name].sort_values("week")
        daily = [int(d) for v in h["days"] for d in v.split(",")]
        dates = pd.date_range(h["week"].iloc[0], periods=len(daily), freq="D")
        created = pd.Timestamp("2025-03-05")
        held = sum(d for d, day in zip(daily, dates, strict=True) if day < created)
        cum, first = 0, None
        for d, day in zip(daily, dates, strict=True):
            cum += d
            if cum >= 10_000 and first is None:
                first = max(day, created)
        assert board.loc[name, "crossed_on"] == first, name
        zero = board.loc[name, "days_to_threshold"] == 0
        assert not zero or (held + daily[dates.get_loc(created)] >= 10_000), name
