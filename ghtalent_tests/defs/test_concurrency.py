"""Two runs at once on one DuckDB warehouse: the `warehouse` pool queues them, both succeed."""

from __future__ import annotations

import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import dagster as dg
import duckdb
import pytest

from ghtalent.defs.jobs import KEYWORD_ASSETS
from ghtalent.paths import REPO_ROOT
from ghtalent_tests.defs.conftest import subprocess_env

PARTITIONS = ["2026-03-01|llm", "2026-03-02|llm"]
DAGSTER = str(Path(sys.executable).parent / "dagster")  # the CLI installed beside this Python


def pool_limit(env: dict[str, str], *args: str) -> str:
    """Run `dagster instance concurrency <args>` on the instance of `env` and return its output."""
    done = subprocess.run(
        [DAGSTER, "instance", "concurrency", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def step_intervals(instance: dg.DagsterInstance) -> list[tuple[float, float, str]]:
    """(start, end, run/step) of every step of every run on the instance."""
    spans = []
    for run in instance.get_runs():
        starts, ends = {}, {}
        for entry in instance.all_logs(run.run_id):
            event = entry.dagster_event
            if event is None or event.step_key is None:
                continue
            if event.event_type == dg.DagsterEventType.STEP_START:
                starts[event.step_key] = entry.timestamp
            elif event.event_type in (
                dg.DagsterEventType.STEP_SUCCESS,
                dg.DagsterEventType.STEP_FAILURE,
            ):
                ends[event.step_key] = entry.timestamp
        spans += [(starts[k], ends[k], f"{run.run_id[:8]}/{k}") for k in starts if k in ends]
    return sorted(spans)


def materialize(partition: str, env: dict[str, str]) -> subprocess.Popen:
    """`dagster asset materialize` of the keyword assets for one partition, in the background."""
    return subprocess.Popen(
        [
            DAGSTER,
            "asset",
            "materialize",
            "-m",
            "ghtalent.definitions",
            "--select",
            ",".join(KEYWORD_ASSETS),
            "--partition",
            partition,
        ],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_first_step(home: Path, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Return once the instance at `home` records a started step (bounded; fails on timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return  # it ended already: the assertions on its output say how
        with dg.DagsterInstance.from_config(str(home)) as instance:
            for run in instance.get_runs():
                if any(
                    e.dagster_event and e.dagster_event.event_type == dg.DagsterEventType.STEP_START
                    for e in instance.all_logs(run.run_id)
                ):
                    return
        time.sleep(0.2)
    raise AssertionError(f"no step started within {timeout:.0f} s")


def test_two_runs_at_once_take_turns_on_the_warehouse(tmp_path, mirror, one_keyword_config):
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.yaml").read_text())
    env = subprocess_env(home, tmp_path / "data", one_keyword_config, urlsplit(mirror.url).port)
    # what `make install` does once per instance (docs/team.md): two first runs racing to
    # create the pool from `default_limit` can both get a slot
    pool_limit(env, "set", "warehouse", "1")
    # The second run starts once the first is inside a pool step, so it meets an occupied slot.
    # Two claims in the very same millisecond are not serialized by Dagster's SQLite storage (it
    # selects a free slot, then updates it, without a row lock); DuckDB's own file lock, retried
    # by dagster-duckdb, still keeps such writers apart, and Postgres storage locks the row.
    procs = [materialize(PARTITIONS[0], env)]
    try:
        wait_for_first_step(home, procs[0])
        procs.append(materialize(PARTITIONS[1], env))
        outputs = [p.communicate(timeout=150)[0] for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=10)
    for p, out in zip(procs, outputs, strict=True):
        assert p.returncode == 0, out[-3000:]
        assert "Could not set lock" not in out

    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * 2
        spans = step_intervals(instance)
    assert pool_limit(env, "get", "warehouse") == '"warehouse": 0 / 1 slots occupied'
    assert len(spans) == 2 * len(KEYWORD_ASSETS)
    overlaps = [(a[2], b[2]) for a, b in pairwise(spans) if b[0] < a[1]]
    assert overlaps == []  # never two writers at once

    with duckdb.connect(
        str(tmp_path / "data" / "mirror" / "warehouse.duckdb"), read_only=True
    ) as con:
        dates = con.execute(
            "select distinct strftime(date, '%Y-%m-%d') from ghtalent.scores order by 1"
        ).fetchall()
    assert [d for (d,) in dates] == ["2026-03-01", "2026-03-02"]


def load_instance(home: Path, text: str, monkeypatch) -> dg.DagsterInstance:
    """The Dagster instance a DAGSTER_HOME holding `text` as dagster.yaml gives (Dagster validates
    the file and refuses to start on a setting its run launcher cannot honour)."""
    home.mkdir()
    (home / "dagster.yaml").write_text(text)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return dg.DagsterInstance.get()


def with_local_storage(text: str, base_dir: Path) -> str:
    """`text` with its top-level `storage:` block replaced by SQLite storage under `base_dir`."""
    out, skipping = [], False
    for line in text.splitlines():
        top_level = bool(line) and not line[0].isspace() and not line.startswith("#")
        if top_level:
            skipping = line.startswith("storage:")
            if skipping:
                out += ["storage:", "  sqlite:", f"    base_dir: {base_dir}"]
                continue
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("yaml_name", ["dagster.yaml", "dagster.postgres.yaml"])
def test_instance_files_give_slots_back_and_never_try_to_resume(tmp_path, monkeypatch, yaml_name):
    """Both instance files load as Dagster instances; the default launcher cannot resume a run,
    so monitoring must not try (Dagster refuses to start otherwise), and ended runs free their
    slots. The Postgres storage is swapped for SQLite here: test_daemon_postgres.py runs the
    team file on a real Postgres."""
    text = with_local_storage((REPO_ROOT / yaml_name).read_text(), tmp_path / "storage")
    with load_instance(tmp_path / "home", text, monkeypatch) as instance:
        monitoring = instance.get_settings("run_monitoring")
        pools = instance.get_settings("concurrency")["pools"]
    assert monitoring["enabled"] is True
    assert monitoring["max_resume_run_attempts"] == 0
    assert monitoring["free_slots_after_run_end_seconds"] > 0
    assert monitoring["max_runtime_seconds"] >= 3600  # a live keyword can take an hour
    assert pools["default_limit"] == 1

    resuming = text.replace("max_resume_run_attempts: 0", "max_resume_run_attempts: 3")
    assert resuming != text
    with pytest.raises(Exception, match="does not support resuming runs"):
        load_instance(tmp_path / "resuming", resuming, monkeypatch)
