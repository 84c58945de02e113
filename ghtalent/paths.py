"""Where things live on disk; every path can be moved by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path(os.environ.get("GHTALENT_DATA_DIR", REPO_ROOT / "data"))
CONFIG_DIR = Path(os.environ.get("GHTALENT_CONFIG_DIR", REPO_ROOT / "config"))
SNAPSHOT_DIR = Path(os.environ.get("GHTALENT_SNAPSHOT_DIR", REPO_ROOT / "data" / "snapshot"))
# Real public data kept beside the checkout (never copied into the repository).
REALDATA_DIR = Path(
    os.environ.get("GHTALENT_REALDATA", REPO_ROOT.parent / "shared" / "realdata")
).resolve()


def data_dir() -> Path:
    """The data folder, read from the environment at call time (tests and runs may move it)."""
    return Path(os.environ.get("GHTALENT_DATA_DIR", REPO_ROOT / "data"))


def warehouse_path() -> Path:
    return data_dir() / "warehouse.duckdb"


def cache_dir() -> Path:
    return data_dir() / "cache"


def exports_dir(date: str) -> Path:
    return data_dir() / "exports" / date
