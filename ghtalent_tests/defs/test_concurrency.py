"""Two runs at once on one DuckDB warehouse: the `warehouse` pool queues them, both succeed."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import dagster as dg
import duckdb
import pytest
from dagster._core.instance.config import dagster_instance_config

from ghtalent.defs.jobs import KEYWORD_ASSETS
from ghtalent.paths import REPO_ROOT
from ghtalent_tests.defs.conftest import subprocess_env

PARTITIONS = ["2026-03-01|llm", "2026-03-02|llm"]


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


def test_two_runs_at_once_take_turns_on_the_warehouse(tmp_path, mirror, one_keyword_config):
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.yaml").read_text())
    env = subprocess_env(home, tmp_path / "data", one_keyword_config, urlsplit(mirror.url).port)
    with dg.DagsterInstance.from_config(str(home)) as instance:
        # what `dagster instance concurrency set warehouse 1` does once per instance (docs/team.md):
        # two first runs racing to create the pool from `default_limit` can both get a slot
        instance.event_log_storage.set_concurrency_slots("warehouse", 1)
    procs = [
        subprocess.Popen(
            [
                str(Path(sys.executable).parent / "dagster"),
                "asset",
                "materialize",
                "-m",
                "ghtalent.definitions",
                "--select",
                ",".join(KEYWORD_ASSETS),
                "--partition",
                key,
                # one process per run keeps the test quick; the pool works the same across processes
                "--config-json",
                '{"execution": {"config": {"in_process": {}}}}',
            ],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for key in PARTITIONS
    ]
    try:
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
        assert instance.event_log_storage.get_concurrency_info("warehouse").slot_count == 1
        spans = step_intervals(instance)
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


@pytest.mark.parametrize("yaml_name", ["dagster.yaml", "dagster.postgres.yaml"])
def test_instance_files_give_slots_back_and_never_try_to_resume(tmp_path, monkeypatch, yaml_name):
    """Both instance files validate; the default launcher cannot resume a run, so monitoring
    must not try (Dagster refuses to start otherwise), and ended runs free their slots."""
    for var in ("HOST", "PORT", "USERNAME", "PASSWORD", "DB"):
        monkeypatch.setenv(f"DAGSTER_PG_{var}", "5432" if var == "PORT" else "x")
    (tmp_path / "dagster.yaml").write_text((REPO_ROOT / yaml_name).read_text())
    config, _ = dagster_instance_config(str(tmp_path))
    monitoring = config["run_monitoring"]
    assert monitoring["enabled"] is True
    assert monitoring["max_resume_run_attempts"] == 0
    assert monitoring["free_slots_after_run_end_seconds"] > 0
    assert monitoring["max_runtime_seconds"] >= 3600  # a live keyword can take an hour
    assert config["concurrency"]["pools"]["default_limit"] == 1
