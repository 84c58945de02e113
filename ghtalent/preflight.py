"""Before a run writes anything: is the data folder writable, is the warehouse readable, are the
caches sound? Each problem is one `PreflightError` naming the path and the fix; nothing is
written into a file that cannot be read (a truncated warehouse stays exactly as it was)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import duckdb

CACHE_FILES = ("http.sqlite", "profiles.sqlite", "pages.sqlite", "x.sqlite")


class PreflightError(RuntimeError):
    """A data file or folder a run needs is unusable; the message names it and the fix."""


def check_data_folder(folder: Path) -> None:
    """The source's data folder exists (or can be made) and takes a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".write-check-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise PreflightError(
            f"the data folder {folder} is not writable ({exc.strerror or exc}); make it writable "
            "or point GHTALENT_DATA_DIR at a folder that is"
        ) from None


def check_warehouse(path: Path) -> None:
    """The warehouse, if present, opens (read-only: a damaged file is never written into)."""
    if not path.exists():
        return
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            con.execute("select count(*) from information_schema.tables").fetchall()
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            return  # another run holds it: Dagster's pool makes this run wait its turn
        raise _unreadable_warehouse(path, exc) from None
    except duckdb.ConnectionException:
        return  # this process has it open already (so it opened)
    except duckdb.Error as exc:
        raise _unreadable_warehouse(path, exc) from None


def _unreadable_warehouse(path: Path, exc: Exception) -> PreflightError:
    first = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
    return PreflightError(
        f"the warehouse {path} cannot be read ({first}); it was left untouched. Move it aside "
        f"(`mv {path} {path}.broken`) and rerun: the caches refill it with few requests"
    )


def check_caches(folder: Path, deep: bool = True) -> None:
    """Each SQLite cache, if present, opens (read-only) and, when `deep`, passes SQLite's quick
    check (a shallow check only reads the schema: cheap enough for every asset)."""
    for name in CACHE_FILES:
        path = folder / name
        if not path.exists():
            continue
        pragma = "PRAGMA quick_check" if deep else "PRAGMA schema_version"
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as db:
                verdict = db.execute(pragma).fetchone()[0]
                verdict = verdict if deep else "ok"
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc).lower():
                continue  # a writer holds it; not damage
            verdict = str(exc)
        except sqlite3.Error as exc:
            verdict = str(exc)
        if verdict != "ok":
            raise PreflightError(
                f"the cache {path} is damaged ({verdict}); delete it (`rm {path}*`) and rerun: "
                "a cache only saves requests, nothing else is lost"
            )


def preflight(source_folder: Path) -> None:
    """All checks for one source's folder (`data/<source>/`)."""
    check_data_folder(source_folder)
    check_warehouse(source_folder / "warehouse.duckdb")
    check_caches(source_folder / "cache")
