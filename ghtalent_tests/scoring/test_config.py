from __future__ import annotations

import pytest

from ghtalent.scoring.config import (
    ScoringConfigError,
    default_config_path,
    load_scoring_config,
    scoring_config_from_dict,
)


def test_shipped_config_has_the_users_weights(cfg):
    assert (cfg.weight_stars, cfg.weight_forks, cfg.weight_followers) == (0.35, 0.35, 0.30)
    assert cfg.lightning_threshold == 10000
    assert (cfg.week_days, cfg.month_days, cfg.quarter_days) == (7, 30, 91)
    assert "the" in cfg.stopwords and "dependabot" in cfg.bot_names
    assert cfg.source == str(default_config_path())


def test_unknown_key_names_the_key_and_the_file(tmp_path):
    path = tmp_path / "scoring.toml"
    path.write_text("[power]\nbonus_per_rep = 5\n")
    with pytest.raises(
        ScoringConfigError,
        match=r"scoring\.toml: unknown setting power\.bonus_per_rep; known: weights",
    ):
        load_scoring_config(path)


def test_unknown_section_is_an_error():
    with pytest.raises(ScoringConfigError, match=r"unknown section \[powr\]; known: power, credit"):
        scoring_config_from_dict({"powr": {}})


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"stars": 0.5, "forks": 0.5, "followers": 0.5}, "sum to 1, got 1.5"),
        ({"stars": 1.2, "forks": -0.2, "followers": 0.0}, "non-negative"),
        ({"stars": 0.5, "forks": 0.5}, "power.weights needs `followers`"),
        (
            {"stars": 0.5, "forks": 0.2, "followers": 0.2, "fans": 0.1},
            r"unknown setting power\.weights\.fans; known: stars, forks, followers",
        ),
    ],
)
def test_bad_weights_are_rejected(weights, message):
    with pytest.raises(ScoringConfigError, match=message):
        scoring_config_from_dict({"power": {"weights": weights}})


def test_overrides_merge_into_the_file():
    cfg = load_scoring_config(overrides={"power": {"bonus_cap": 0.2}})
    assert cfg.bonus_cap == 0.2
    assert cfg.weight_stars == 0.35  # untouched keys keep the file's values


def test_bad_values_say_what_was_wrong():
    with pytest.raises(ScoringConfigError, match="between 0 and 1"):
        scoring_config_from_dict({"credit": {"owner_min_share": 1.5}})
    with pytest.raises(ScoringConfigError, match="known: percentile, log_minmax"):
        scoring_config_from_dict({"power": {"normalization": "zscore"}})
    with pytest.raises(ScoringConfigError, match="stopwords file not found"):
        scoring_config_from_dict({"top_terms": {"stopwords_file": "nope.txt"}})


def test_config_is_frozen(cfg):
    with pytest.raises(AttributeError):
        cfg.top_n = 5
