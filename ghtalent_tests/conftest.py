from __future__ import annotations

import pytest

from ghtalent.paths import REALDATA_DIR


@pytest.fixture
def realdata():
    """The real public data beside the checkout; tests using it skip cleanly when absent."""
    if not REALDATA_DIR.is_dir():
        pytest.skip(f"real data not present at {REALDATA_DIR}")
    return REALDATA_DIR


# `make test-fast` runs what needs no subprocess, daemon or browser: everything but these.
SLOW_PARTS = ("ghtalent_tests/e2e/", "ghtalent_tests/defs/", "test_report_browser.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(part in item.nodeid for part in SLOW_PARTS):
            item.add_marker(pytest.mark.slow)
