"""Where things live on disk; every path can be moved by an environment variable.

The variables (GHTALENT_DATA_DIR, GHTALENT_CONFIG_DIR, GHTALENT_SNAPSHOT_DIR, GHTALENT_REALDATA)
are read through the typed environment (`ghtalent.config.environment.Folders`): one naming a
file instead of a folder is a one-line error naming it. The functions read them at call time
(tests and runs may move them); `DATA_DIR`, `CONFIG_DIR`, `SNAPSHOT_DIR` and `REALDATA_DIR` are
the folders as the environment set them when first asked for.

Data is kept per source (`data/<source>/`: `mirror` for the bundled snapshot, `live` for
api.github.com, `api-<host>-<port>` for any other API URL): each source has its own warehouse,
HTTP cache, profile and page stores and exports, so no source can reach another's boards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _folders():
    # Imported here: the config layer imports this module (each loader's default file).
    from ghtalent.config.environment import Folders, read_environment

    return read_environment(Folders)


def data_dir() -> Path:
    """The data folder (GHTALENT_DATA_DIR, default `data/`)."""
    return _folders().data_dir or REPO_ROOT / "data"


def config_dir() -> Path:
    """The configuration folder (GHTALENT_CONFIG_DIR, default `config/`)."""
    return _folders().config_dir or REPO_ROOT / "config"


def snapshot_dir() -> Path:
    """The bundled snapshot the mirror serves (GHTALENT_SNAPSHOT_DIR, default `data/snapshot/`)."""
    return _folders().snapshot_dir or REPO_ROOT / "data" / "snapshot"


def realdata_dir() -> Path:
    """Real public data kept beside the checkout, never copied into the repository
    (GHTALENT_REALDATA, default `../shared/realdata`)."""
    return (_folders().realdata_dir or REPO_ROOT.parent / "shared" / "realdata").resolve()


_CONSTANTS: dict[str, Callable[[], Path]] = {
    "DATA_DIR": data_dir,
    "CONFIG_DIR": config_dir,
    "SNAPSHOT_DIR": snapshot_dir,
    "REALDATA_DIR": realdata_dir,
}


def __getattr__(name: str) -> Path:
    # Read on first use, not on import: a bad variable then stops the command that needs it with
    # its one line, instead of a traceback from whichever import came first.
    if name in _CONSTANTS:
        value = globals()[name] = _CONSTANTS[name]()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
