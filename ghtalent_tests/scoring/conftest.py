from __future__ import annotations

import pytest

from ghtalent.scoring.config import load_scoring_config


@pytest.fixture
def cfg():
    """The shipped config/scoring.toml (35/35/30, percentile, bonus 5 per repo capped at 15)."""
    return load_scoring_config()
