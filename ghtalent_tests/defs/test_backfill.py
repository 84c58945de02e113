"""Backfilling a range of dates for one keyword: the CLI submits it, the assets fill it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dagster as dg
import duckdb
import pytest
from dagster_duckdb_pandas import DuckDBPandasIOManager

from ghtalent.definitions import ASSETS
from ghtalent.defs.jobs import KEYWORD_ASSETS, backfill_partitions, main
from ghtalent.defs.resources import GitHubResource
from ghtalent.paths import REPO_ROOT
from ghtalent_tests.defs.conftest import subprocess_env

DATES = ["2026-03-01", "2026-03-02", "2026-03-03"]
VENV_BIN = Path(sys.executable).parent  # the tools installed beside this interpreter


def test_backfill_partitions_for_a_date_range_and_one_keyword(capsys):
    assert backfill_partitions("2026-03-01", "2026-03-03", ["llm"]) == [f"{d}|llm" for d in DATES]
    assert len(backfill_partitions("2026-03-01", "2026-03-03", ["language_models"])) == 12
    assert main(["--from", "2026-03-01", "--to", "2026-03-02", "--keywords", "llm"]) == 0
    assert capsys.readouterr().out.strip() == "2026-03-01|llm,2026-03-02|llm"
    assert main(["--from", "2026-03-01", "--to", "2026-03-02", "--keywords", "gtp"]) == 2
    assert "unknown keyword 'gtp'" in capsys.readouterr().err


def test_cli_backfill_queues_one_run_per_partition(tmp_path, one_keyword_config):
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster.yaml").read_text())
    parts = ",".join(backfill_partitions(DATES[0], DATES[-1], ["llm"]))
    env = subprocess_env(home, tmp_path / "data", one_keyword_config, 1)
    cmd = [
        str(VENV_BIN / "dagster"),
        "job",
        "backfill",
        "-m",
        "ghtalent.definitions",
        "-j",
        "refresh_job",
        "--partitions",
        parts,
        "--noprompt",
    ]
    done = subprocess.run(cmd, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    with dg.DagsterInstance.from_config(str(home)) as instance:
        [backfill] = instance.get_backfills()
        assert sorted(backfill.partition_names) == [f"{d}|llm" for d in DATES]
        runs = instance.get_runs()
        assert sorted(r.tags["dagster/partition/date"] for r in runs) == DATES
        assert {r.job_name for r in runs} == {"refresh_job"}
        assert {r.status for r in runs} == {dg.DagsterRunStatus.QUEUED}  # the daemon runs them


@pytest.fixture
def resources(tmp_path, mirror, monkeypatch):
    monkeypatch.setenv("GHTALENT_DATA_DIR", str(tmp_path / "data"))
    port = urlsplit(mirror.url).port
    return {
        "github": GitHubResource(
            source="mirror", mirror_port=port, cache_dir=str(tmp_path / "cache")
        ),
        "io_manager": DuckDBPandasIOManager(
            database=str(tmp_path / "warehouse.duckdb"), schema="ghtalent"
        ),
    }


def test_backfilled_range_lands_in_the_warehouse_and_the_boards(tmp_path, resources):
    with dg.instance_for_test() as instance:
        for key in backfill_partitions(DATES[0], DATES[-1], ["llm"]):
            result = dg.materialize(
                ASSETS,
                selection=list(KEYWORD_ASSETS),
                partition_key=key,
                instance=instance,
                resources=resources,
                tags={"ghtalent/trigger": "backfill"},
            )
            assert result.success
        result = dg.materialize(
            ASSETS,
            selection=["boards"],
            partition_key=DATES[-1],
            instance=instance,
            resources=resources,
        )
        assert result.success
        assert instance.get_materialized_partitions(dg.AssetKey("scores")) == {
            f"{d}|llm" for d in DATES
        }
        assert instance.get_materialized_partitions(dg.AssetKey("boards")) == {DATES[-1]}
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select strftime(date, '%Y-%m-%d'), count(*) from ghtalent.keyword_repos group by 1 order by 1"
        ).fetchall()
    assert rows == [(d, 24) for d in DATES]
    assert (tmp_path / "data" / "mirror" / "exports" / DATES[-1]).is_dir()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
