from __future__ import annotations

import math

import pandas as pd

from ghtalent.scoring.ratios import repo_star_fork_ratio, star_fork_ratio
from ghtalent_tests.scoring.helpers import repo_rows


def test_star_fork_ratio_and_zero_forks_is_null_not_inf():
    out = star_fork_ratio(pd.Series([1000, 500, 0]), pd.Series([250, 0, 0]))
    assert out.iloc[0] == 4.0  # 1000 / 250
    assert math.isnan(out.iloc[1]) and math.isnan(out.iloc[2])  # undefined → null


def test_repo_ratio_dedupes_repos():
    repos = pd.concat([repo_rows(("a/x", "User", 300, 3))] * 2)
    out = repo_star_fork_ratio(repos)
    assert out["full_name"].tolist() == ["a/x"] and out["star_fork_ratio"].tolist() == [100.0]
