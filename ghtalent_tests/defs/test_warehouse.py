"""The warehouse across code versions: a table written by older code gains the new columns,
keeps its rows, and takes rows from code that dropped or reordered a column."""

from __future__ import annotations

import gc

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


def test_zero_rows_on_a_fresh_warehouse_read_back_as_an_empty_table(tmp_path):
    db = str(tmp_path / "warehouse.duckdb")
    write(db, pd.DataFrame({"login": pd.Series([], dtype="string"), "score": []}), "a")
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select count(*) from ghtalent.scores").fetchone()[0] == 0
        columns = [r[0] for r in con.execute("describe ghtalent.scores").fetchall()]
    assert columns[:2] == ["login", "score"] and "source" in columns


def test_zero_rows_on_an_old_warehouse_empty_only_that_partition(tmp_path):
    db = str(tmp_path / "warehouse.duckdb")
    write(db, pd.DataFrame({"login": ["ann"], "score": [1.5]}), "a")
    write(db, pd.DataFrame({"login": ["bo"], "score": [2.5]}), "b")
    write(db, pd.DataFrame({"login": pd.Series([], dtype="string"), "score": []}), "a")
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute("select part, login from ghtalent.scores").fetchall()
    assert rows == [("b", "bo")]


def test_a_warehouse_of_another_source_is_not_written_into(tmp_path):
    db = str(tmp_path / "warehouse.duckdb")
    write(db, pd.DataFrame({"login": ["ann"], "score": [1.5]}), "a")
    result = dg.materialize(
        [versioned_asset(pd.DataFrame({"login": ["bo"], "score": [2.5]}))],
        partition_key="b",
        resources={"io_manager": WarehouseIOManager(database=db, schema="ghtalent", source="live")},
        raise_on_error=False,
    )
    assert not result.success
    assert "holds data from source 'mirror', not 'live'" in str(result.all_events)
    del result  # the failed step's traceback holds its connection
    gc.collect()
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("select distinct source from ghtalent.scores").fetchall() == [
            ("mirror",)
        ]
