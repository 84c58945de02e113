"""scripts/ci_postgres.sh as `.ci/run` calls it: inside a `$(...)` capture, starting a server
from nothing. The server outlives the script, so if it inherited the capture pipe the caller
would wait forever; this test gives it a deadline instead. Skips where PostgreSQL is not
installed (the script installs it only as root, in CI)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile

import pytest

from ghtalent.paths import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "ci_postgres.sh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def pg_dir():
    if not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        pytest.skip("PostgreSQL is not installed (scripts/ci_postgres.sh installs it as root)")
    # Under /tmp, not pytest's tmp_path: the server runs as the postgres user, who cannot
    # enter root's private pytest directory.
    root = tempfile.mkdtemp(prefix="ghtalent-pg-test-", dir="/tmp")
    os.chmod(root, 0o755)
    yield root
    bin_dir = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [*run_as, f"{bin_dir}/pg_ctl", "-D", f"{root}/data", "stop", "-m", "immediate"],
        capture_output=True,
        timeout=60,
    )
    shutil.rmtree(root, ignore_errors=True)


def captured(env: dict, timeout: int) -> subprocess.CompletedProcess:
    """The script run the way .ci/run's shape would: its URL comes back through `$(...)`."""
    return subprocess.run(
        ["bash", "-c", f'url="$(bash {SCRIPT})"; echo "got:$url"'],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_captured_start_returns_the_url_and_lets_go_of_the_pipe(pg_dir):
    env = {
        **os.environ,
        "GHTALENT_PG_DIR": pg_dir,
        "GHTALENT_PG_PORT": str(free_port()),
        "GHTALENT_PG_DB": "ghtalent_script_test",
    }
    result = captured(env, timeout=120)
    assert result.returncode == 0, result.stderr
    url = result.stdout.strip().removeprefix("got:")
    assert (
        url
        == f"postgresql://ghtalent:ghtalent@127.0.0.1:{env['GHTALENT_PG_PORT']}/ghtalent_script_test"
    )

    psycopg2 = pytest.importorskip("psycopg2")
    with psycopg2.connect(url, connect_timeout=5) as con, con.cursor() as cur:
        cur.execute("select current_database()")
        assert cur.fetchone() == ("ghtalent_script_test",)
    con.close()

    # A second call finds the running server and answers the same URL.
    again = captured(env, timeout=60)
    assert again.stdout.strip().removeprefix("got:") == url
    assert "already running" in again.stderr
