"""A search with 0 results: the run completes on a fresh warehouse (the tables exist, empty for
that partition) and, on an old one, only that keyword's partition is emptied, with a warning;
the date's other keywords keep their boards."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd
import pytest

from ghtalent_tests.e2e.demo_runs import demo, table, workdir

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
    # Ten homepages per keyword: these runs are about the searches, not the enrichment.
    env = workdir(tmp_path, CONFIG, scrape_top_n=10)
    config = Path(env["GHTALENT_CONFIG_DIR"])

    def run(ghost_query: str, *keywords: str) -> subprocess.CompletedProcess:
        (config / "keywords.toml").write_text(CONFIG.replace("{ghost}", ghost_query))
        return demo(env, "--date", DATE, "--keywords", *keywords)

    return tmp_path, run


def repos(tmp_path) -> pd.DataFrame:
    return table(
        tmp_path / "data" / "mirror" / "warehouse.duckdb",
        "select keyword, count(*) n from ghtalent.keyword_repos group by 1",
    )


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
