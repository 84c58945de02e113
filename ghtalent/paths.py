"""Where things live on disk; every path can be moved by an environment variable.

Data is kept per source (`data/<source>/`: `mirror` for the bundled snapshot, `live` for
api.github.com, `api-<host>-<port>` for any other API URL): each source has its own warehouse,
HTTP cache, profile and page stores and exports, so no source can reach another's boards.
"""

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


def current_source() -> str:
    """The source slug the environment selects (see `Settings.source_slug`)."""
    from ghtalent.settings import load_settings  # settings reads the GitHub client's defaults

    return load_settings().source_slug()


def source_dir(source: str | None = None) -> Path:
    """`data/<source>/`: everything one source's runs read and write."""
    return data_dir() / (source or current_source())


def warehouse_path(source: str | None = None) -> Path:
    return source_dir(source) / "warehouse.duckdb"


def cache_dir(source: str | None = None) -> Path:
    return source_dir(source) / "cache"


def exports_dir(date: str, source: str | None = None) -> Path:
    return source_dir(source) / "exports" / date
