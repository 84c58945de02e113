"""Reading the DuckDB warehouse outside a run's IO manager (earlier snapshots, the pipeline's
own daily counts, academic rows): read-only, and None when there is nothing to read yet."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from ghtalent.paths import warehouse_path


def read_warehouse(sql: str, params: list, path: Path | None = None) -> pd.DataFrame | None:
    """The answer to `sql` over the warehouse, or None when the file or the table does not
    exist yet (a first run, or a date before a table was written)."""
    path = Path(path or warehouse_path())
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute(sql, params).df()
    except duckdb.Error:
        return None
