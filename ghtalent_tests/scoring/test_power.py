from __future__ import annotations

import math

import pandas as pd
import pytest

from ghtalent.scoring.checks import power_inversions
from ghtalent.scoring.config import load_scoring_config
from ghtalent.scoring.power import bonus_rate, person_power, team_power
from ghtalent_tests.scoring.helpers import contrib_rows, profile_rows, repo_rows

# Three people, each the only contributor (share 1) of a personal repo.
REPOS = repo_rows(("a/r1", "User", 100, 40), ("b/r2", "User", 300, 10), ("c/r3", "User", 200, 20))
CONTRIB = contrib_rows(("a/r1", "a", "User", 5), ("b/r2", "b", "User", 5), ("c/r3", "c", "User", 5))
PROFILES = profile_rows(("a", "User", 50, None), ("b", "User", 10, None), ("c", "User", 30, None))
PERCENTILE = load_scoring_config(overrides={"power": {"normalization": "percentile"}})


def test_weights_35_35_30_over_percentile_components():
    out = person_power(REPOS, CONTRIB, PROFILES, PERCENTILE).set_index("login")
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
        overrides={
            "power": {
                "weights": {"stars": 1.0, "forks": 0.0, "followers": 0.0},
                "normalization": "percentile",
            }
        }
    )
    out = person_power(REPOS, CONTRIB, PROFILES, stars_only)
    assert out["login"].tolist() == ["b", "c", "a"]  # by stars alone: 300 > 200 > 100
    assert out["power_score"].tolist() == pytest.approx([100, 50, 0])


def test_log_minmax_is_the_default_and_keeps_magnitudes(cfg):
    assert cfg.normalization == "log_minmax"
    out = person_power(REPOS, CONTRIB, PROFILES, cfg).set_index("login")

    # stars: max 300 → b 100, c 100·ln201/ln301, a 100·ln101/ln301; forks max 40; followers 50
    def s(v, top):
        return 100 * math.log1p(v) / math.log1p(top)

    a = 0.35 * s(100, 300) + 0.35 * s(40, 40) + 0.30 * s(50, 50)
    b = 0.35 * s(300, 300) + 0.35 * s(10, 40) + 0.30 * s(10, 50)
    assert out.loc["a", "power_score"] == pytest.approx(a)  # ≈ 91.3
    assert out.loc["b", "power_score"] == pytest.approx(b)  # ≈ 78.0
    assert out.loc["b", "score_stars"] == pytest.approx(100)


@pytest.mark.parametrize(("n_strong", "rate"), [(0, 0), (1, 0), (2, 0.01), (4, 0.03), (9, 0.03)])
def test_bonus_is_a_capped_share_of_the_score(cfg, n_strong, rate):
    # +1 % of the person's own score for each strong repo beyond the first, at most +3 %
    assert bonus_rate(pd.Series([n_strong]), cfg).iloc[0] == pytest.approx(rate)


def test_many_strong_repos_cannot_overturn_a_clear_lead(cfg):
    # big: one repo, 2× small's stars, forks and followers; small: five strong repos.
    # The old flat +5 per repo (cap 15) put small first: percentile 35/35/30 of a 2-row board
    # gives big 100 and small 0 + 15. Now small gets +3 % of its own score only.
    repos = repo_rows(
        ("big/x", "User", 20000, 4000), *[(f"small/r{i}", "User", 2000, 400) for i in range(5)]
    )
    contrib = contrib_rows(
        ("big/x", "big", "User", 1), *[(f"small/r{i}", "small", "User", 1) for i in range(5)]
    )
    profiles = profile_rows(("big", "User", 2000, None), ("small", "User", 1000, None))
    out = person_power(repos, contrib, profiles, cfg)
    assert out["login"].tolist() == ["big", "small"]
    small = out.set_index("login").loc["small"]
    assert small["bonus"] == pytest.approx(0.03 * small["power_score"] / 1.03)
    assert power_inversions(out) == 0


def test_inversion_checker_counts_pairs_dominated_in_all_three():
    board = pd.DataFrame(
        {
            "rank": [1, 2, 3],
            "credited_stars": [100, 250, 90],
            "credited_forks": [10, 20, 30],
            "followers": [5, 10, 0],
        }
    )
    # #2 has ≥ 2× #1 on all three → 1; #3 vs #1: stars 90 < 200 → no; #3 vs #2: no
    assert power_inversions(board) == 1


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
    # (4 − 1) × 1 % = 3 %, the cap: bonus = 3 % of the weighted components
    assert out.loc["d", "bonus"] == pytest.approx(out.loc["d", "power_score"] * 0.03 / 1.03)
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


def test_team_power_for_organizations():
    cfg = PERCENTILE
    repos = repo_rows(
        ("o1/a", "Organization", 4000, 100), ("o1/b", "Organization", 2000, 50),
        ("o2/c", "Organization", 3000, 300), ("u/d", "User", 9000, 9),
    )  # fmt: skip
    profiles = profile_rows(("o1", "Organization", 10, None), ("o2", "Organization", 20, None))
    out = team_power(repos, profiles, cfg).set_index("login")
    # stars o1 6000 vs o2 3000; forks o1 150 vs o2 300; followers 10 vs 20 (n = 2 → 0 / 100)
    # o1 = (.35×100 + 0 + 0) × (1 + 1 % for its 2nd strong repo) = 35.35;  o2 = 0 + 35 + 30 = 65
    assert out.loc["o1", "power_score"] == pytest.approx(35.35)
    assert out.loc["o2", "power_score"] == pytest.approx(65)
    assert out.loc["o2", "rank"] == 1 and "u" not in out.index
    assert out.loc["o1", "top_repos"] == "o1/a (4,000★), o1/b (2,000★)"
    assert out.loc["o1", "html_url"] == "https://github.com/o1"
