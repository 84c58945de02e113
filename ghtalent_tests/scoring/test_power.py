from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.scoring.config import load_scoring_config
from ghtalent.scoring.power import bonus_points, person_power, team_power
from ghtalent_tests.scoring.helpers import contrib_rows, profile_rows, repo_rows

# Three people, each the only contributor (share 1) of a personal repo.
REPOS = repo_rows(("a/r1", "User", 100, 40), ("b/r2", "User", 300, 10), ("c/r3", "User", 200, 20))
CONTRIB = contrib_rows(("a/r1", "a", "User", 5), ("b/r2", "b", "User", 5), ("c/r3", "c", "User", 5))
PROFILES = profile_rows(("a", "User", 50, None), ("b", "User", 10, None), ("c", "User", 30, None))


def test_weights_35_35_30_over_percentile_components(cfg):
    out = person_power(REPOS, CONTRIB, PROFILES, cfg).set_index("login")
    # percentile with n = 3 → 0 / 50 / 100:
    #   stars     a 100 → 0,   c 200 → 50,  b 300 → 100
    #   forks     b 10  → 0,   c 20  → 50,  a 40  → 100
    #   followers b 10  → 0,   c 30  → 50,  a 50  → 100
    # a = .35×0 + .35×100 + .30×100 = 65;  c = 17.5 + 17.5 + 15 = 50;  b = 35 + 0 + 0 = 35
    assert out.loc[["a", "c", "b"], "power_score"].tolist() == pytest.approx([65, 50, 35])
    assert out.loc[["a", "c", "b"], "rank"].tolist() == [1, 2, 3]
    assert out.loc["a", "top_repos"] == "a/r1 (100★)"
    assert out.loc["a", "html_url"] == "https://github.com/a"


def test_changing_the_weights_in_a_config_dict_changes_the_ranking():
    stars_only = load_scoring_config(
        overrides={"power": {"weights": {"stars": 1.0, "forks": 0.0, "followers": 0.0}}}
    )
    out = person_power(REPOS, CONTRIB, PROFILES, stars_only)
    assert out["login"].tolist() == ["b", "c", "a"]  # by stars alone: 300 > 200 > 100
    assert out["power_score"].tolist() == pytest.approx([100, 50, 0])


@pytest.mark.parametrize(("n_strong", "bonus"), [(0, 0), (1, 0), (2, 5), (4, 15), (9, 15)])
def test_bonus_per_extra_strong_repo_is_capped(cfg, n_strong, bonus):
    # 5 points for each strong repo beyond the first, at most 15
    assert bonus_points(pd.Series([n_strong]), cfg).iloc[0] == bonus


def test_bonus_counts_repos_whose_credited_stars_reach_the_floor(cfg):
    repos = repo_rows(
        ("d/one", "User", 1000, 1), ("d/two", "User", 1500, 1), ("d/three", "User", 5000, 1),
        ("d/four", "User", 999, 1), ("org/big", "Organization", 10000, 1),
    )  # fmt: skip
    contrib = contrib_rows(
        ("d/one", "d", "User", 1), ("d/two", "d", "User", 1), ("d/three", "d", "User", 1),
        ("d/four", "d", "User", 1), ("org/big", "d", "User", 1), ("org/big", "e", "User", 9),
    )  # fmt: skip
    out = person_power(repos, contrib, None, cfg).set_index("login")
    # d: one, two, three at share 1 (≥ 1000); four 999 (no); org/big 10% = 1000 (yes) → 4 strong
    assert out.loc["d", "n_strong_repos"] == 4
    assert out.loc["d", "bonus"] == 15  # (4 − 1) × 5 = 15, the cap
    assert out.loc["e", "n_strong_repos"] == 1 and out.loc["e", "bonus"] == 0  # 90% of 10000
    assert out.loc["d", "missing"] == "followers"  # no profiles: followers unknown, scored 0


def test_bots_and_organizations_are_not_people(cfg):
    repos = repo_rows(("org/y", "Organization", 100, 1))
    contrib = contrib_rows(
        ("org/y", "cy", "User", 5), ("org/y", "github-actions[bot]", "Bot", 50),
        ("org/y", "stale", "User", 50), ("org/y", "org", "User", 1),
    )  # fmt: skip
    profiles = profile_rows(("org", "Organization", 10, None), ("cy", "User", 1, None))
    assert person_power(repos, contrib, profiles, cfg)["login"].tolist() == ["cy"]


def test_team_power_for_organizations(cfg):
    repos = repo_rows(
        ("o1/a", "Organization", 4000, 100), ("o1/b", "Organization", 2000, 50),
        ("o2/c", "Organization", 3000, 300), ("u/d", "User", 9000, 9),
    )  # fmt: skip
    profiles = profile_rows(("o1", "Organization", 10, None), ("o2", "Organization", 20, None))
    out = team_power(repos, profiles, cfg).set_index("login")
    # stars o1 6000 vs o2 3000; forks o1 150 vs o2 300; followers 10 vs 20 (n = 2 → 0 / 100)
    # o1 = .35×100 + 0 + 0 + bonus (2 strong repos → 5) = 40;  o2 = 0 + 35 + 30 + 0 = 65
    assert out.loc["o1", "power_score"] == pytest.approx(40)
    assert out.loc["o2", "power_score"] == pytest.approx(65)
    assert out.loc["o2", "rank"] == 1 and "u" not in out.index
    assert out.loc["o1", "top_repos"] == "o1/a (4,000★), o1/b (2,000★)"
    assert out.loc["o1", "html_url"] == "https://github.com/o1"
