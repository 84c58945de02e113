from __future__ import annotations

import math

import pandas as pd
import pytest

from ghtalent.scoring.normalize import normalize


def test_percentile_rank_within_the_board():
    # n = 4, ranks 1..4 → 100 × (rank − 1) / 3 = 0, 33.3, 66.7, 100
    out = normalize(pd.Series([10, 20, 30, 40]), "percentile")
    assert out.tolist() == pytest.approx([0, 100 / 3, 200 / 3, 100])


def test_percentile_ties_share_the_average_rank_and_zero_scores_zero():
    # values 0, 5, 5, 10 → average ranks 1, 2.5, 2.5, 4 → 0, 50, 50, 100 (0 → 0 anyway)
    out = normalize(pd.Series([0, 5, 5, 10]), "percentile")
    assert out.tolist() == pytest.approx([0, 50, 50, 100])


def test_unknown_counts_as_zero_and_single_row_is_full_marks():
    assert normalize(pd.Series([None, 3.0]), "percentile").tolist() == [0.0, 100.0]
    assert normalize(pd.Series([7]), "percentile").tolist() == [100.0]
    assert normalize(pd.Series([0]), "percentile").tolist() == [0.0]


def test_log_minmax():
    # log1p values 0, 1, 2 (value = e^k − 1) → 100 × k / 2 = 0, 50, 100
    out = normalize(pd.Series([0, math.e - 1, math.e**2 - 1]), "log_minmax")
    assert out.tolist() == pytest.approx([0, 50, 100])


def test_unknown_method():
    with pytest.raises(ValueError, match="unknown normalization 'z'"):
        normalize(pd.Series([1]), "z")
