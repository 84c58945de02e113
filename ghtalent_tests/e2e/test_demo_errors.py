"""Bad settings and arguments end in one clean line naming the value and the fix: exit 2, no
traceback, nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from ghtalent.demo import DemoError, check_date
from ghtalent.paths import REPO_ROOT
from ghtalent.settings import SettingsError, load_settings
from ghtalent_tests.e2e.demo_runs import demo


def run_demo(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GHTALENT_", "GITHUB_"))}
    base.update(
        GHTALENT_DATA_DIR=str(tmp_path / "data"),
        DAGSTER_HOME=str(tmp_path / "home"),
        GHTALENT_MIRROR_PORT="1",
        **env,
    )
    (tmp_path / "home").mkdir(exist_ok=True)
    return demo(base, *args, timeout=120)


def one_clean_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("ghtalent:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_unknown_source_is_one_clean_line(tmp_path):
    line = one_clean_line(run_demo(tmp_path, GHTALENT_SOURCE="github"))
    assert "GHTALENT_SOURCE='github'" in line and "mirror" in line and "live" in line
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("GHTALENT_CONFIG_DIR", "{file}", "'{file}' is a file, not a folder"),
        ("GHTALENT_SNAPSHOT_DIR", "{file}", "'{file}' is a file, not a folder"),
        ("GHTALENT_OPENALEX_URL", "api.openalex.org", "'api.openalex.org' is not an http(s) URL"),
    ],
)
def test_a_bad_folder_or_openalex_variable_is_one_clean_line(tmp_path, variable, value, expected):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    value, expected = value.format(file=blocker), expected.format(file=blocker)
    line = one_clean_line(run_demo(tmp_path, **{variable: value}))
    assert line.startswith(f"ghtalent: {variable}={expected}")
    assert not (tmp_path / "data").exists()


def test_a_broken_keywords_toml_is_one_clean_line(tmp_path):
    config = tmp_path / "config"
    shutil.copytree(REPO_ROOT / "config", config)
    (config / "keywords.toml").write_text("[[keyword]]\nslug = \n", encoding="utf-8")
    line = one_clean_line(run_demo(tmp_path, GHTALENT_CONFIG_DIR=str(config)))
    assert "keywords.toml" in line


@pytest.mark.parametrize("token", [" ", "   \t ", "ghp_ab cd"])
def test_a_token_of_spaces_is_rejected(tmp_path, token):
    line = one_clean_line(run_demo(tmp_path, GHTALENT_SOURCE="live", GITHUB_TOKEN=token))
    assert "GITHUB_TOKEN" in line
    with pytest.raises(SettingsError):
        load_settings({"GHTALENT_SOURCE": "live", "GITHUB_TOKEN": token})


@pytest.mark.parametrize("value", ["2025-12-31", "2999-01-01", "yesterday", "2026-13-01"])
def test_a_date_without_a_partition_names_the_valid_range(tmp_path, value):
    line = one_clean_line(run_demo(tmp_path, "--date", value, "--keywords", "llm"))
    today = datetime.now(UTC).date().isoformat()
    assert value in line and "2026-01-01" in line and today in line


def test_check_date_accepts_the_range_ends():
    today = datetime.now(UTC).date()
    assert check_date("2026-01-01", "2026-01-01", today) == "2026-01-01"
    assert check_date(today.isoformat(), "2026-01-01", today) == today.isoformat()
    with pytest.raises(DemoError):
        check_date((today + timedelta(days=1)).isoformat(), "2026-01-01", today)


def test_the_demo_names_the_api_url_it_uses():
    settings = load_settings({"GHTALENT_SOURCE": "live", "GHTALENT_API_URL": "http://127.0.0.1:9/"})
    assert "http://127.0.0.1:9" in settings.describe() and "github.com" not in settings.describe()
    assert "synthetic" in load_settings({}).describe()


def test_the_demo_loads_dagster_only_once_its_arguments_are_good():
    """What makes a bad --date, folder or setting one line within a second: the demo module
    itself imports neither Dagster nor the definitions."""
    probe = "import sys, ghtalent.demo; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert loaded.returncode == 0, loaded.stderr
    assert "'dagster'" not in loaded.stdout and "'pandas'" not in loaded.stdout
