"""The warehouse across code versions: a table written by older code gains the new columns,
keeps its rows, and takes rows from code that dropped or reordered a column."""

from __future__ import annotations

import dagster as dg
import duckdb
import pandas as pd

from ghtalent.defs.resources import WarehouseIOManager

PARTS = dg.StaticPartitionsDefinition(["a", "b", "c"])


def versioned_asset(frame: pd.DataFrame) -> dg.AssetsDefinition:
    @dg.asset(name="scores", partitions_def=PARTS, metadata={"partition_expr": "part"})
    def scores(context) -> pd.DataFrame:
        return frame.assign(part=context.partition_key)

    return scores


def write(db: str, frame: pd.DataFrame, partition: str) -> None:
    result = dg.materialize(
        [versioned_asset(frame)],
        partition_key=partition,
        resources={"io_manager": WarehouseIOManager(database=db, schema="ghtalent")},
    )
    assert result.success


def test_new_columns_are_added_and_old_rows_kept(tmp_path):
    db = str(tmp_path / "warehouse.duckdb")
    write(db, pd.DataFrame({"login": ["ann"], "score": [1.5]}), "a")
    # a newer version writes an extra column, in another order
    write(
        db,
        pd.DataFrame(
            {"active_from": pd.to_datetime(["2020-01-02"]), "score": [2.5], "login": ["bo"]}
        ),
        "b",
    )
    # an even newer one no longer writes `score`
    write(db, pd.DataFrame({"login": ["cy"], "active_from": pd.to_datetime(["2021-03-04"])}), "c")
    # and rewriting an old partition replaces it, as before
    write(db, pd.DataFrame({"login": ["ann2"], "score": [9.0]}), "a")

    with duckdb.connect(db, read_only=True) as con:
        columns = [r[0] for r in con.execute("describe ghtalent.scores").fetchall()]
        rows = con.execute(
            "select part, login, score, active_from from ghtalent.scores order by part"
        ).fetchall()
    # every row records its source (the bundled mirror here)
    assert columns == ["login", "score", "part", "source", "active_from"]
    assert [r[:3] for r in rows] == [("a", "ann2", 9.0), ("b", "bo", 2.5), ("c", "cy", None)]
    assert rows[0][3] is None and str(rows[1][3]) == "2020-01-02 00:00:00"
