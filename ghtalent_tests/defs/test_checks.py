"""Asset checks: every check is described, thresholds come from config/checks.toml, and a run
that lost contributor lists or profiles says so by name."""

from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.definitions import defs
from ghtalent.defs.checks import (
    contributor_checks,
    load_thresholds,
    profile_checks,
    score_checks,
)


def test_every_asset_check_has_a_description():
    specs = [spec for asset in defs.assets for spec in getattr(asset, "check_specs", [])]
    names = {(s.asset_key.to_user_string(), s.name) for s in specs}
    assert {"contributors", "enriched_profiles", "scores", "boards"} <= {a for a, _ in names}
    for spec in specs:
        assert spec.description and len(spec.description) > 20, spec.name


def test_contributor_lists_below_the_threshold_warn_and_name_the_repos(tmp_path, monkeypatch):
    (tmp_path / "checks.toml").write_text("[contributors]\nmin_list_coverage = 0.8\n")
    monkeypatch.setenv("GHTALENT_CONFIG_DIR", str(tmp_path))
    repos = pd.DataFrame({"full_name": ["a/x", "b/y", "c/z", "d/w"], "owner_login": list("abcd")})
    contributors = pd.DataFrame({"full_name": ["a/x", "b/y", "c/z"], "login": ["a", "b", "c"]})
    (ok,) = contributor_checks(contributors, repos)
    assert not ok.passed and ok.metadata["repos_without_list"].value == ["d/w"]
    (ok,) = contributor_checks(contributors, repos.iloc[:3])
    assert ok.passed


def test_profiles_and_scores_checks(tmp_path, monkeypatch):
    monkeypatch.setenv("GHTALENT_CONFIG_DIR", str(tmp_path))  # no file: the defaults
    assert load_thresholds().min_profile_coverage == 0.95
    repos = pd.DataFrame({"full_name": ["a/x"], "owner_login": ["a"]})
    contributors = pd.DataFrame({"full_name": ["a/x"] * 2, "login": ["a", "b"], "kind": "User"})
    (found,) = profile_checks(pd.DataFrame({"login": ["A"]}), repos, contributors)
    assert not found.passed and found.metadata["logins_without_profile"].value == ["b"]
    scores = pd.DataFrame({"login": ["a", "A", "x[bot]"], "followers": [1, None, 3]})
    known, once = score_checks(scores)
    assert not known.passed and not once.passed
    assert once.metadata["twice"].value == ["a"] and once.metadata["bots"].value == ["x[bot]"]


def test_a_threshold_outside_zero_to_one_is_an_error_naming_it(tmp_path, monkeypatch):
    (tmp_path / "checks.toml").write_text("[scores]\nmin_followers_known = 95\n")
    monkeypatch.setenv("GHTALENT_CONFIG_DIR", str(tmp_path))
    with pytest.raises(
        ValueError,
        match=r"checks\.toml: scores\.min_followers_known must be a share between 0 and 1, got 95",
    ):
        load_thresholds()
