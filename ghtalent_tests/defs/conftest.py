"""Fixtures for the Dagster layer: a small world behind a local mirror, a one-keyword config."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from ghtalent.mirror.server import MirrorServer
from ghtalent.paths import CONFIG_DIR, REPO_ROOT
from ghtalent_tests.worlds import NO_LIMITS, world_of

ONE_KEYWORD = """repos_per_keyword = 20

[[keyword]]
slug = "llm"
query = "LLM"

[[group]]
slug = "language_models"
keywords = ["llm"]
"""


def small_world(n_repos: int = 24) -> dict:
    """Two dozen LLM repositories and the people behind them: enough for every asset, quick."""
    accounts = [
        {
            "login": f"dev{i}",
            "id": 2000 + i,
            "type": "User",
            "name": f"Dev {i}",
            "company": "@openai",
            "blog": "",
            "location": "Paris, France",
            "email": None,
            "bio": "LLM research",
            "twitter_username": None,
            "followers": 10 * i,
            "following": 1,
            "public_repos": 3,
            "created_at": "2018-05-01T00:00:00Z",
        }
        for i in range(30)
    ]
    accounts.append(
        {
            "login": "llm-lab",
            "id": 7,
            "type": "Organization",
            "name": "LLM Lab",
            "followers": 900,
            "public_repos": 12,
            "created_at": "2017-01-01T00:00:00Z",
        }
    )
    repos = [
        {
            "id": 50_000 + i,
            "owner": "llm-lab" if i % 4 == 0 else f"dev{i % 30}",
            "name": f"llm-kit-{i}",
            "description": "Serving LLM models fast",
            "topics": ["llm"],
            "language": "Python",
            "license": "MIT",
            "stargazers_count": 90_000 - i * 1000,
            "forks_count": 500 - i,
            "open_issues_count": 2,
            "created_at": "2023-02-01T00:00:00Z",
            "pushed_at": "2026-10-01T00:00:00Z",
            "updated_at": "2026-10-01T00:00:00Z",
            "status": "ok",
            "contributors_status": "ok",
            "contributors": [[f"dev{(i + j) % 30}", 300 - 10 * j] for j in range(i % 5 + 2)],
            "star_weeks": [40] * 30,
        }
        for i in range(n_repos)
    ]
    return world_of(accounts, repos, ["LLM"])


@pytest.fixture(scope="module")
def mirror():
    """A mirror of `small_world` on 127.0.0.1 (a free port), without rate limits."""
    with MirrorServer(small_world(), limits=NO_LIMITS) as server:
        yield server


@pytest.fixture
def one_keyword_config(tmp_path) -> Path:
    """A config dir with the repository's settings and only the keyword `llm` (20 repos)."""
    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    (folder / "keywords.toml").write_text(ONE_KEYWORD)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def subprocess_env(
    home: Path, data: Path, config: Path, mirror_port: int, **extra: str
) -> dict[str, str]:
    """Environment for a `dagster` subprocess: its own instance, data, config and mirror."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GHTALENT_", "DAGSTER_"))}
    env.update(
        DAGSTER_HOME=str(home),
        GHTALENT_DATA_DIR=str(data),
        GHTALENT_CONFIG_DIR=str(config),
        GHTALENT_SOURCE="mirror",
        GHTALENT_MIRROR_PORT=str(mirror_port),
        PYTHONPATH=str(REPO_ROOT),
        PYTHONUNBUFFERED="1",
        **extra,
    )
    env.pop("GITHUB_TOKEN", None)
    return env
