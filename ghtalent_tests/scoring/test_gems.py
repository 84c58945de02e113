from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from ghtalent.scoring.authors import authorship
from ghtalent.scoring.gems import X_ESTIMATED, X_KNOWN, X_NONE, hidden_gems
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


def test_gem_score_with_known_twitter_and_no_linked_account(cfg):
    out = hidden_gems(REPOS, CONTRIB, PROFILES, cfg).set_index("login")
    # p4: 5000 / (0 + 0 + 1) = 5000
    # p1: 1000 / (9 + 90 + 1) = 10
    # p2: no handle anywhere → no X account linked, X counted 0: 1000 / (99 + 1) = 10, marked
    # p3: 400 project stars < floor 500 → not a candidate
    assert out["gem_score"].to_dict() == pytest.approx({"p4": 5000, "p1": 10, "p2": 10})
    assert out["rank"].to_dict() == {"p4": 1, "p1": 2, "p2": 3}  # tie: more stars, then login
    assert out.loc["p2", "x_status"] == X_NONE and out.loc["p1", "x_status"] == X_KNOWN
    assert "twitter_followers" in out.loc["p2", "missing"]
    assert out.loc["p2", "audience"] == 99


def test_drive_by_committers_are_not_gems_but_leads_are(cfg):
    # Old rule: 1 % of a 96k-star repo credited 960 stars → gem 960 with 0 followers.
    repos = repo_rows(("org/huge", "Organization", 96000, 10), ("org/mid", "Organization", 3000, 1))
    contrib = contrib_rows(
        ("org/huge", "drive", "User", 1), ("org/huge", "core", "User", 12),
        *[("org/huge", f"m{i}", "User", 9) for i in range(9)],
        ("org/mid", "lead", "User", 40), ("org/mid", "drive", "User", 60),
        ("org/mid", "side", "User", 25),
    )  # fmt: skip
    # huge: 1 + 12 + 81 = 94 commits: core 12/94 = 12.8 % is top (≥ 10 %) → top contributor;
    #       m_i 9.6 % and drive 1.1 % → not authors.
    # mid: 125 commits: drive 48 % ≥ 30 % → lead; lead 32 % → lead; side 20 % → no.
    a = authorship(repos, contrib, cfg)
    assert sorted(zip(a["full_name"], a["login"], strict=True)) == [
        ("org/huge", "core"), ("org/mid", "drive"), ("org/mid", "lead"),
    ]  # fmt: skip
    assert a.set_index("login").loc["core", "part"] == "top contributor, 13% of commits"
    out = hidden_gems(repos, contrib, None, cfg).set_index("login")
    # no profiles: followers 0; project stars: core 96000, drive 3000, lead 3000
    assert out["gem_score"].to_dict() == pytest.approx({"core": 96000, "drive": 3000, "lead": 3000})
    assert out.loc["drive", "top_repos"] == "org/mid (3,000★, lead, 48% of commits)"
    assert out.loc["drive", "best_share"] == pytest.approx(0.48)


def test_owner_of_a_personal_repo_is_an_author_whatever_their_share(cfg):
    repos = repo_rows(("ow/tool", "User", 2000, 1))
    contrib = contrib_rows(("ow/tool", "ow", "User", 5), ("ow/tool", "helper", "User", 95))
    out = hidden_gems(repos, contrib, None, cfg).set_index("login")
    assert out.loc["ow", "best_part"] == "ow/tool: owner, 5% of commits"
    assert out.loc["helper", "best_part"] == "ow/tool: lead, 95% of commits"


def test_unknown_x_count_ranks_on_a_conservative_estimate_not_zero(cfg):
    repos = repo_rows(*[(f"u{i}/r", "User", 1000 * (i + 1), 1) for i in range(5)])
    contrib = contrib_rows(*[(f"u{i}/r", f"u{i}", "User", 1) for i in range(5)])
    profiles = pd.DataFrame(
        {
            "login": [f"u{i}" for i in range(5)],
            "type": "User",
            "followers": [0, 0, 0, 0, 0],
            "twitter_username": ["a", "b", "c", "d", "hidden"],
            "twitter_followers": [100, 200, 300, 400, None],
        }
    )
    out = hidden_gems(repos, contrib, profiles, cfg).set_index("login")
    # known X counts 100, 200, 300, 400 → 75th percentile (linear) = 325
    # u4: 5000 / (0 + 325 + 1) = 15.34; as if zero it would have been 5000 / 1 = 5000, first.
    assert out.loc["u4", "x_status"] == X_ESTIMATED
    assert out.loc["u4", "x_audience_used"] == pytest.approx(325)
    assert out.loc["u4", "gem_score"] == pytest.approx(5000 / 326)
    # u0: 1000 / 101 = 9.9; u3: 4000 / 401 = 9.98; u4 ranks first only on its stars' merit
    assert out.loc["u3", "gem_score"] == pytest.approx(4000 / 401)
    assert pd.isna(out.loc["u4", "twitter_followers"])


def test_smoothing_is_configurable(cfg):
    out = hidden_gems(REPOS, CONTRIB, PROFILES, replace(cfg, gem_smoothing=0.0))
    # without smoothing p4 would divide by zero → inf; it still ranks first, nothing raises
    assert out.iloc[0]["login"] == "p4"


def test_no_people_gives_empty_board(cfg):
    out = hidden_gems(None, None, None, cfg)
    assert out.empty and "gem_score" in out.columns


def test_every_project_is_listed_with_the_part_and_the_evidence_keeps_the_first_few(cfg):
    repos = repo_rows(*[(f"ow/r{i}", "User", 1000 * (i + 1), 1) for i in range(5)])
    contrib = contrib_rows(*[(f"ow/r{i}", "ow", "User", 1) for i in range(5)])
    row = hidden_gems(repos, contrib, None, cfg).iloc[0]
    assert row["n_projects"] == 5 and row["project_stars"] == 15000
    assert row["projects"].split("; ")[0] == "ow/r4 (5,000★, owner, 100% of commits)"
    assert len(row["projects"].split("; ")) == 5
    assert row["top_repos"].endswith(", +2 more")
