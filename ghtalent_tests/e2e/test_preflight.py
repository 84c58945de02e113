"""A damaged data file or folder stops the demo with one line naming it and the fix, before
anything is written (a truncated warehouse stays byte for byte as it was)."""

from __future__ import annotations

import duckdb
import pytest

from ghtalent.preflight import PreflightError, preflight
from ghtalent_tests.e2e.test_demo_errors import one_clean_line, run_demo


def test_a_truncated_warehouse_is_named_and_left_untouched(tmp_path):
    folder = tmp_path / "data" / "mirror"
    folder.mkdir(parents=True)
    good = folder / "good.duckdb"
    with duckdb.connect(str(good)) as con:
        con.execute("create table t as select range as i from range(100000)")
    raw = good.read_bytes()
    warehouse = folder / "warehouse.duckdb"
    warehouse.write_bytes(raw[: len(raw) // 3])
    before = warehouse.read_bytes()
    line = one_clean_line(run_demo(tmp_path, "--keywords", "llm"))
    assert str(warehouse) in line and "mv " in line
    assert warehouse.read_bytes() == before


def test_a_corrupt_http_cache_is_named_with_the_fix(tmp_path):
    cache = tmp_path / "data" / "mirror" / "cache"
    cache.mkdir(parents=True)
    (cache / "http.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    line = one_clean_line(run_demo(tmp_path, "--keywords", "llm"))
    assert str(cache / "http.sqlite") in line and "rm " in line


def test_a_data_folder_that_cannot_be_written_is_named(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(PreflightError) as caught:
        preflight(blocker / "mirror")
    assert str(blocker / "mirror") in str(caught.value)
    assert "GHTALENT_DATA_DIR" in str(caught.value)


def test_a_damaged_cache_stops_an_asset_with_its_path_not_a_bare_sqlite_error(tmp_path):
    from ghtalent.defs.resources import GitHubResource

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "profiles.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(PreflightError) as caught:
        GitHubResource(source="mirror", cache_dir=str(cache)).cache_path()
    assert str(cache / "profiles.sqlite") in str(caught.value)


def test_a_truncated_warehouse_stops_the_io_manager_before_any_write(tmp_path):
    from ghtalent.defs.resources import WarehouseIOManager

    path = tmp_path / "warehouse.duckdb"
    path.write_bytes(b"DUCK" + b"\x00" * 5000)
    before = path.read_bytes()
    with pytest.raises(PreflightError) as caught:
        WarehouseIOManager(database=str(path), schema="ghtalent").create_io_manager(None)
    assert str(path) in str(caught.value) and path.read_bytes() == before
