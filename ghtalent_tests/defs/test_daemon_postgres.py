"""End to end on the team setup: Postgres storage, `dagster-daemon run`, a sensor turned on,
a run that reaches SUCCESS. Needs a Postgres (scripts/ci_postgres.sh starts one); skips without
it on a workstation, fails without it in CI."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dagster as dg
import pytest

from ghtalent.paths import REPO_ROOT
from ghtalent_tests.defs.conftest import subprocess_env

psycopg2 = pytest.importorskip("psycopg2")

DEFAULT_URL = "postgresql://ghtalent:ghtalent@127.0.0.1:5432/ghtalent"
URL_FILE = Path(os.environ.get("GHTALENT_PG_DIR", "/tmp/ghtalent-pg")) / "url"
DEADLINE = 180  # seconds for the whole round trip: daemon up, sensor tick, run, SUCCESS
BIN = Path(sys.executable).parent  # the tools installed beside this interpreter


def postgres_url() -> str:
    if os.environ.get("GHTALENT_TEST_PG_URL"):
        return os.environ["GHTALENT_TEST_PG_URL"]
    if URL_FILE.exists():
        return URL_FILE.read_text().strip()
    return DEFAULT_URL


@pytest.fixture
def scratch_db():
    """A fresh database on the test server (dropped afterwards): each run starts with no history."""
    url = urlsplit(postgres_url())
    server = {
        "host": url.hostname,
        "port": url.port or 5432,
        "user": unquote(url.username or ""),
        "password": unquote(url.password or ""),
        "connect_timeout": 3,
    }
    try:
        admin = psycopg2.connect(dbname=url.path.lstrip("/") or "postgres", **server)
    except psycopg2.OperationalError as exc:
        reason = f"no Postgres at {url.hostname}:{url.port} ({str(exc).strip()}); start one with scripts/ci_postgres.sh"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    admin.autocommit = True
    name = f"ghtalent_test_{uuid.uuid4().hex[:10]}"
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {
            "DAGSTER_PG_HOST": server["host"],
            "DAGSTER_PG_PORT": str(server["port"]),
            "DAGSTER_PG_USERNAME": server["user"],
            "DAGSTER_PG_PASSWORD": server["password"],
            "DAGSTER_PG_DB": name,
        }
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def stop(proc: subprocess.Popen) -> None:
    """Stop the process group we started: SIGTERM, up to 20 s for the daemon to exit, then
    SIGKILL for whatever is left in the group (its code server can outlive a SIGTERM)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def test_daemon_on_postgres_runs_the_new_keyword_sensor(
    tmp_path, mirror, one_keyword_config, scratch_db, monkeypatch
):
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.postgres.yaml").read_text())
    env = subprocess_env(
        home, tmp_path / "data", one_keyword_config, urlsplit(mirror.url).port, **scratch_db
    )
    for key, value in scratch_db.items():
        monkeypatch.setenv(key, value)  # this process reads the same instance
    workspace = ["-w", str(REPO_ROOT / "workspace.yaml")]

    started = subprocess.run(
        [str(BIN / "dagster"), "sensor", "start", "new_keyword_sensor", *workspace],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stdout[-2000:] + started.stderr[-2000:]

    log = (tmp_path / "daemon.log").open("w")
    daemon = subprocess.Popen(
        [str(BIN / "dagster-daemon"), "run", *workspace],
        env=env,
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    today = datetime.now(UTC).date().isoformat()
    try:
        with dg.DagsterInstance.from_config(str(home)) as instance:
            deadline = time.monotonic() + DEADLINE
            runs: list[dg.DagsterRun] = []
            while time.monotonic() < deadline and daemon.poll() is None:
                runs = instance.get_runs()
                if any(
                    r.status in (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE)
                    for r in runs
                ):
                    break
                time.sleep(2)
            assert daemon.poll() is None, (
                "the daemon exited early:\n" + (tmp_path / "daemon.log").read_text()[-3000:]
            )
            assert runs, (
                f"no run within {DEADLINE} s:\n" + (tmp_path / "daemon.log").read_text()[-3000:]
            )
            [run] = runs
            errors = [
                e.dagster_event.event_specific_data.error.to_string()
                for e in instance.all_logs(run.run_id)
                if e.dagster_event
                and e.dagster_event.is_failure
                and e.dagster_event.event_specific_data
                and getattr(e.dagster_event.event_specific_data, "error", None)
            ]
            assert run.status == dg.DagsterRunStatus.SUCCESS, "\n".join(errors)[-3000:]
            assert run.job_name == "refresh_job"
            assert run.tags["ghtalent/trigger"] == "new_keyword"
            assert run.tags["dagster/partition"] == f"{today}|llm"
            assert instance.get_materialized_partitions(dg.AssetKey("scores")) == {f"{today}|llm"}
            # every step ran in the run worker itself (no process started per step)
            step_pids = {
                e.dagster_event.pid
                for e in instance.all_logs(run.run_id)
                if e.dagster_event and e.dagster_event.event_type == dg.DagsterEventType.STEP_START
            }
            assert len(step_pids) == 1, step_pids
    finally:
        stop(daemon)
        log.close()
