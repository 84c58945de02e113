from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from ghtalent import netguard
from ghtalent.paths import REALDATA_DIR

# The network guard, for this process and every process the tests start: no test may resolve
# or connect to anything outside loopback (ghtalent/netguard). Refusals from any process land
# in one log; the test during which a line appears fails, naming what was refused.
# One log per pytest process (each xdist worker has its own), so a refusal fails the test that
# caused it and no other.
_GUARD_LOG = Path(tempfile.mkstemp(prefix="ghtalent-netguard-", suffix=".log")[1])
os.environ.update(netguard.guard_env(dict(os.environ), _GUARD_LOG))
os.environ[netguard.ENV_LOG] = str(_GUARD_LOG)
netguard.install(_GUARD_LOG)

_popen_init = subprocess.Popen.__init__


def _guarded_popen_init(self, args, *pos, env=None, **kwargs):
    # A test that hands a child its own environment still hands it the guard.
    if env is not None:
        env = {**netguard.guard_env(env, _GUARD_LOG), netguard.ENV_LOG: str(_GUARD_LOG)}
    _popen_init(self, args, *pos, env=env, **kwargs)


subprocess.Popen.__init__ = _guarded_popen_init


_expected = {"until": 0}


def _log_size() -> int:
    return _GUARD_LOG.stat().st_size if _GUARD_LOG.exists() else 0


def take_expected_refusals() -> list[str]:
    """For the guard's own tests: the refusals logged so far in this test, accepted as expected."""
    lines = netguard.read_refusals(_GUARD_LOG, _expected["until"])
    _expected["until"] = _log_size()
    return lines


@pytest.fixture(autouse=True)
def _network_guard():
    """Fail the test if it (or a process it started) reached outside loopback."""
    _expected["until"] = _log_size()
    yield
    refused = netguard.read_refusals(_GUARD_LOG, _expected["until"])
    _expected["until"] = _log_size()
    if refused:
        pytest.fail(
            f"network guard refused {len(refused)} lookup(s)/connection(s) outside loopback:\n"
            + "\n".join(refused[:10]),
            pytrace=False,
        )


def pytest_sessionfinish(session, exitstatus):
    """A refusal logged between tests (a process outliving its test) still fails the run."""
    late = netguard.read_refusals(_GUARD_LOG, _expected["until"])
    if late:
        print(f"\nnetwork guard refused {len(late)} lookup(s)/connection(s) outside any test:")
        print("\n".join(late[:10]))
        session.exitstatus = 1
    _GUARD_LOG.unlink(missing_ok=True)  # read: nothing is left behind in the temp folder


@pytest.fixture
def realdata():
    """The real public data beside the checkout; tests using it skip cleanly when absent."""
    if not REALDATA_DIR.is_dir():
        pytest.skip(f"real data not present at {REALDATA_DIR}")
    return REALDATA_DIR


# `make test-fast` runs what needs no subprocess, daemon or browser: everything but these.
# They are also collected first, in this order (the demo runs, then the daemon and Dagster
# runs), so that pytest-xdist hands the long files out first and the many short ones fill in
# behind them; `make test` keeps this order (`--no-loadscope-reorder`) instead of xdist's
# default of the files with the most tests first, which left a demo run alone at the end.
SLOW_PARTS = ("ghtalent_tests/e2e/", "ghtalent_tests/defs/", "test_report_browser.py")


def _slow_rank(nodeid: str) -> int:
    return next((i for i, part in enumerate(SLOW_PARTS) if part in nodeid), len(SLOW_PARTS))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _slow_rank(item.nodeid) < len(SLOW_PARTS):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: _slow_rank(item.nodeid))  # stable: files stay whole, in order
