from __future__ import annotations

import pytest

from ghtalent.scoring.gems import hidden_gems
from ghtalent_tests.scoring.helpers import contrib_rows, profile_rows, repo_rows

REPOS = repo_rows(
    ("p1/a", "User", 1000, 1), ("p2/b", "User", 1000, 1), ("p3/c", "User", 400, 1),
    ("p4/d", "User", 5000, 1),
)  # fmt: skip
CONTRIB = contrib_rows(
    ("p1/a", "p1", "User", 1), ("p2/b", "p2", "User", 1), ("p3/c", "p3", "User", 1),
    ("p4/d", "p4", "User", 1),
)  # fmt: skip
PROFILES = profile_rows(
    ("p1", "User", 9, 90), ("p2", "User", 99, None), ("p3", "User", 0, 0), ("p4", "User", 0, 0)
)


def test_gem_score_with_known_and_unknown_twitter(cfg):
    out = hidden_gems(REPOS, CONTRIB, PROFILES, cfg).set_index("login")
    # p4: 5000 / (0 + 0 + 1) = 5000
    # p1: 1000 / (9 + 90 + 1) = 10
    # p2: twitter unknown → GitHub only: 1000 / (99 + 1) = 10, and marked
    # p3: 400 credited stars < floor 500 → not a candidate
    assert out["gem_score"].to_dict() == pytest.approx({"p4": 5000, "p1": 10, "p2": 10})
    assert out["rank"].to_dict() == {"p4": 1, "p1": 2, "p2": 3}  # tie: more stars, then login
    assert not out.loc["p2", "twitter_followers_known"]
    assert out.loc["p1", "twitter_followers_known"]
    assert "twitter_followers" in out.loc["p2", "missing"]
    assert out.loc["p2", "audience"] == 99


def test_smoothing_is_configurable(cfg):
    from dataclasses import replace

    out = hidden_gems(REPOS, CONTRIB, PROFILES, replace(cfg, gem_smoothing=0.0))
    # without smoothing p4 would divide by zero → inf; it still ranks first, nothing raises
    assert out.iloc[0]["login"] == "p4"


def test_no_people_gives_empty_board(cfg):
    out = hidden_gems(None, None, None, cfg)
    assert out.empty and "gem_score" in out.columns
