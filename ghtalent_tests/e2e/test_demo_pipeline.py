"""End to end, as a user runs it: `python -m ghtalent.demo` over the local mirror, in a
subprocess with its own data folder, config and Dagster instance."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from ghtalent.paths import REPO_ROOT

DATE = "2026-11-25"
KEYWORDS = """
repos_per_keyword = 40

[[keyword]]
slug = "llm"
query = "LLM"

[[keyword]]
slug = "diffusion"
query = "Diffusion"

[[group]]
slug = "language_models"
label = "LLM"
keywords = ["llm"]

[[group]]
slug = "diffusion"
label = "Diffusion"
keywords = ["diffusion"]
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    config = root / "config"
    shutil.copytree(REPO_ROOT / "config", config)
    (config / "keywords.toml").write_text(KEYWORDS, encoding="utf-8")
    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {
        **os.environ,
        "GHTALENT_DATA_DIR": str(root / "data"),
        "GHTALENT_CONFIG_DIR": str(config),
        "GHTALENT_MIRROR_PORT": str(free_port()),
        "DAGSTER_HOME": str(home),
        "GHTALENT_SOURCE": "mirror",
    }
    env.pop("GITHUB_TOKEN", None)
    return root, env


def demo(env: dict, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ghtalent.demo", "--date", DATE, *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def requests_line(stdout: str) -> dict[str, int]:
    line = re.search(r"^requests: (.*)$", stdout, re.M).group(1)
    return {k: int(v.replace(",", "")) for k, v in (part.split() for part in line.split(", "))}


def table(root: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(root / "data" / "mirror" / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).df()


@pytest.fixture(scope="module")
def first_run(workdir):
    root, env = workdir
    result = demo(env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_demo_fetches_enriches_scores_and_exports(workdir, first_run):
    root, _ = workdir
    counts = requests_line(first_run.stdout)
    assert counts["search"] == 2 and counts["core"] > 80 and counts["graphql"] >= 2
    repos = table(
        root,
        "select keyword, count(*) n, count(distinct full_name) d from ghtalent.keyword_repos group by 1",
    )
    assert (
        set(repos["keyword"]) == {"llm", "diffusion"}
        and (repos["n"] == 40).all()
        and (repos["d"] == 40).all()
    )
    people = table(root, "select * from ghtalent.enriched_profiles")
    assert len(people) > 200
    for field in (
        "company",
        "university",
        "country",
        "twitter_followers",
        "research_topics",
        "active_from",
    ):
        assert people[field].notna().sum() > 0, field
    assert not people["login"].str.lower().str.endswith("[bot]").any()
    assert (people["scraped"] == "ok").sum() > 0
    out = root / "data" / "mirror" / "exports" / DATE
    assert (out / "report.html").stat().st_size > 100_000  # every board, CSS and script inline
    assert (out / "boards.xlsx").exists()
    assert (out / "overall__people_power.csv").exists() and (out / "diffusion__repos.csv").exists()
    boards = table(root, "select board, count(*) n from ghtalent.boards group by 1")
    assert boards.set_index("board").loc["overall/people_power", "n"] > 10
    assert "distinct repositories" in first_run.stdout and "report:" in first_run.stdout


def test_same_day_rerun_spends_no_requests_and_duplicates_nothing(workdir, first_run):
    root, env = workdir
    before = table(root, "select count(*) n from ghtalent.contributors").iloc[0, 0]
    again = demo(env)
    assert again.returncode == 0, again.stderr
    counts = requests_line(again.stdout)
    assert counts["search"] == counts["graphql"] == 0 and counts["cache"] > 80
    # only error answers (a deleted or blocked repository: 404/451) are asked again
    assert counts["core"] <= 4
    assert table(root, "select count(*) n from ghtalent.contributors").iloc[0, 0] == before


def test_config_change_reshapes_boards_without_code_change(workdir, first_run):
    root, env = workdir
    out = root / "data" / "mirror" / "exports" / DATE
    before = (
        pd.read_csv(out / "overall__people_power.csv", encoding="utf-8-sig")["login"]
        .head(10)
        .tolist()
    )
    config = Path(env["GHTALENT_CONFIG_DIR"])
    scoring = (config / "scoring.toml").read_text(encoding="utf-8")
    (config / "scoring.toml").write_text(
        scoring.replace(
            "weights = { stars = 0.35, forks = 0.35, followers = 0.30 }",
            "weights = { stars = 0.0, forks = 0.0, followers = 1.0 }",
        ),
        encoding="utf-8",
    )
    with open(config / "keywords.toml", "a", encoding="utf-8") as f:
        f.write(
            '\n[[group]]\nslug = "everything"\nlabel = "All"\nkeywords = ["llm", "diffusion"]\n'
        )
    try:
        result = demo(env)
        assert result.returncode == 0, result.stderr
        after = pd.read_csv(out / "overall__people_power.csv", encoding="utf-8-sig")
        assert after["login"].head(10).tolist() != before
        # followers alone now decide (plus the multi-project bonus)
        expected = after["score_followers"] + after["bonus"]
        # each of the three CSV values is rounded to 2 decimals: at most 3 × 0.005 apart
        assert (after["power_score"] - expected).abs().max() <= 0.015 + 1e-9
        assert (out / "everything__people_power.csv").exists()
    finally:
        (config / "scoring.toml").write_text(scoring, encoding="utf-8")
        (config / "keywords.toml").write_text(KEYWORDS, encoding="utf-8")


def test_unknown_keyword_is_named_with_the_known_ones(workdir):
    _, env = workdir
    result = demo(env, "--keywords", "gtp")
    assert result.returncode == 2
    assert "'gtp'" in result.stderr and "llm" in result.stderr and "diffusion" in result.stderr


def test_live_mode_without_token_says_how_to_set_one(workdir):
    _, env = workdir
    result = demo({**env, "GHTALENT_SOURCE": "live"})
    assert result.returncode == 2
    assert "GITHUB_TOKEN" in result.stderr and "make demo" in result.stderr
