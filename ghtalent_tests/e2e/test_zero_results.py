"""A search with 0 results: the run completes on a fresh warehouse (the tables exist, empty for
that partition) and, on an old one, only that keyword's partition is emptied, with a warning;
the date's other keywords keep their boards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from ghtalent.paths import REPO_ROOT
from ghtalent_tests.e2e.test_demo_pipeline import free_port

DATE = "2026-11-25"
CONFIG = """
repos_per_keyword = 20

[[keyword]]
slug = "diffusion"
query = "Diffusion"

[[keyword]]
slug = "ghost"
query = "{ghost}"

[[group]]
slug = "all"
label = "All"
keywords = ["diffusion", "ghost"]
"""


@pytest.fixture
def world(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(REPO_ROOT / "config", config)
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GHTALENT_", "GITHUB_"))}
    env.update(
        GHTALENT_DATA_DIR=str(tmp_path / "data"),
        GHTALENT_CONFIG_DIR=str(config),
        GHTALENT_MIRROR_PORT=str(free_port()),
        DAGSTER_HOME=str(home),
    )

    def run(ghost_query: str, *keywords: str) -> subprocess.CompletedProcess:
        (config / "keywords.toml").write_text(CONFIG.replace("{ghost}", ghost_query))
        return subprocess.run(
            [sys.executable, "-m", "ghtalent.demo", "--date", DATE, "--keywords", *keywords],
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=400,
        )

    return tmp_path, run


def repos(tmp_path) -> pd.DataFrame:
    path = tmp_path / "data" / "mirror" / "warehouse.duckdb"
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select keyword, count(*) n from ghtalent.keyword_repos group by 1").df()


def test_zero_results_on_a_fresh_warehouse(world):
    tmp_path, run = world
    result = run("qqqzzzxxnothing", "ghost")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "0 repos" in result.stdout
    assert repos(tmp_path).empty


def test_zero_results_on_an_old_warehouse_empty_only_that_keyword(world):
    tmp_path, run = world
    first = run("LLM", "diffusion", "ghost")
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    before = repos(tmp_path).set_index("keyword")["n"].to_dict()
    assert before == {"diffusion": 20, "ghost": 20}
    again = run("qqqzzzxxnothing", "ghost")
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    after = repos(tmp_path).set_index("keyword")["n"].to_dict()
    assert after == {"diffusion": 20}
    people = pd.read_csv(
        tmp_path / "data" / "mirror" / "exports" / DATE / "overall__people_power.csv",
        encoding="utf-8-sig",
    )
    assert len(people) > 0  # the other keyword's people are still on the date's boards
