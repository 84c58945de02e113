"""The demo as a user runs it, for the end-to-end tests: `python -m ghtalent.demo` in a
subprocess, over the local mirror, with a data folder, a config and a Dagster instance of its
own."""

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

from ghtalent.paths import REPO_ROOT

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

# Variables a test's run must not inherit from the shell that started pytest.
_FOREIGN = ("GHTALENT_", "GITHUB_TOKEN", "X_BEARER", "DAGSTER_HOME")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_keywords(keywords: str, repos_per_keyword: int) -> str:
    return keywords.replace("repos_per_keyword = 40", f"repos_per_keyword = {repos_per_keyword}")


def workdir(root: Path, keywords: str = KEYWORDS, *, scrape_top_n: int | None = None) -> dict:
    """A config (the repository's, with `keywords` as keywords.toml), a Dagster instance and a
    data folder under `root`; returns the environment of a mirror run over them.

    `scrape_top_n` lowers how many homepages a keyword reads, for tests about something else
    than enrichment: a demo run's time is mostly per-page work, not per-repository work.
    """
    config = root / "config"
    shutil.copytree(REPO_ROOT / "config", config)
    (config / "keywords.toml").write_text(keywords, encoding="utf-8")
    if scrape_top_n is not None:
        enrich = config / "enrich.toml"
        text, n = re.subn(
            r"(?m)^scrape_top_n = \d+",
            f"scrape_top_n = {scrape_top_n}",
            enrich.read_text(encoding="utf-8"),
        )
        assert n == 1, "config/enrich.toml has no scrape_top_n line"
        enrich.write_text(text, encoding="utf-8")
    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(_FOREIGN)}
    env.update(
        GHTALENT_DATA_DIR=str(root / "data"),
        GHTALENT_CONFIG_DIR=str(config),
        GHTALENT_MIRROR_PORT=str(free_port()),
        GHTALENT_SOURCE="mirror",
        DAGSTER_HOME=str(home),
    )
    return env


def demo(env: dict, *args: str, timeout: int = 400) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ghtalent.demo", *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def requests_line(stdout: str) -> dict[str, int]:
    line = re.search(r"^requests: (.*)$", stdout, re.M).group(1)
    return {k: int(v.replace(",", "")) for k, v in (part.split() for part in line.split(", "))}


def table(warehouse: Path, sql: str, params: list | None = None) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).df()
