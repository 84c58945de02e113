from __future__ import annotations

import pytest

from ghtalent.paths import REALDATA_DIR


@pytest.fixture
def realdata():
    """The real public data beside the checkout; tests using it skip cleanly when absent."""
    if not REALDATA_DIR.is_dir():
        pytest.skip(f"real data not present at {REALDATA_DIR}")
    return REALDATA_DIR
