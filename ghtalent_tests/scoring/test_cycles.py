from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.scoring.cycles import group_peaks, modality_cycles

HISTORY = pd.DataFrame(
    {
        "full_name": ["a/x", "a/x", "b/y"],
        "week": pd.to_datetime(["2024-01-28", "2024-02-04", "2024-03-03"]),
        "stars_gained": [70, 14, 700],
        "complete": True,
    }
)
GROUPS = {"lm": ["a/x"], "gpt": ["a/x", "b/y"]}


def test_cycles_split_weeks_over_months_and_count_a_repo_in_each_group():
    out = modality_cycles(GROUPS, HISTORY)
    got = {(r.group, r.month): r.stars_gained for r in out.itertuples()}
    # week 01-28 spans Jan 28–31 (4 days) and Feb 1–3 (3 days): 70 → Jan 40, Feb 30; + 14 in Feb
    assert got == pytest.approx(
        {
            ("lm", "2024-01"): 40, ("lm", "2024-02"): 44,
            ("gpt", "2024-01"): 40, ("gpt", "2024-02"): 44, ("gpt", "2024-03"): 700,
        }
    )  # fmt: skip


def test_peaks():
    peaks = group_peaks(modality_cycles(GROUPS, HISTORY)).set_index("group")
    assert peaks.loc["lm", "peak_month"] == "2024-02"
    assert peaks.loc["gpt", "peak_month"] == "2024-03"
    assert peaks.loc["gpt", "peak_share"] == pytest.approx(700 / 784)  # 40 + 44 + 700 = 784


def test_empty_inputs():
    assert modality_cycles(None, None).empty
    assert group_peaks(None).empty
