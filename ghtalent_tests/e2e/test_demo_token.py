"""A live-mode demo run with a token: the token is written nowhere (its own file, so
pytest-xdist can run it beside the other demo runs)."""

from __future__ import annotations

import shutil

import duckdb

from ghtalent.paths import REPO_ROOT
from ghtalent.settings import source_slug_of
from ghtalent_tests.e2e.test_demo_pipeline import demo, free_port, requests_line, workdir

__all__ = ["workdir"]  # the fixture, shared with test_demo_pipeline.py


def test_token_never_lands_in_warehouse_exports_caches_or_dagster(tmp_path, workdir):
    """A live-mode run (GitHub = a mirror this test serves) with a token set: the token reaches
    GitHub as a header and is written nowhere: not the warehouse, the exports, the HTTP and
    profile caches, the Dagster instance (runs, event logs, compute logs) or the console."""
    from ghtalent.mirror.server import MirrorServer
    from ghtalent.mirror.world import load_world
    from ghtalent.paths import SNAPSHOT_DIR

    token = "ghp_" + "Zq7SecretNeverStored" * 2
    root, env = workdir
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    data = tmp_path / "data"
    server = MirrorServer(load_world(SNAPSHOT_DIR / "world.json.gz"), port=free_port()).start()
    try:
        live = {
            **env,
            "GHTALENT_SOURCE": "live",
            "GHTALENT_API_URL": server.url,
            "GITHUB_TOKEN": token,
            "GHTALENT_DATA_DIR": str(data),
            "DAGSTER_HOME": str(home),
            "GHTALENT_OFFLINE_WEB": "1",  # the synthetic world's other hosts are not the test's
        }
        result = demo(live, "--keywords", "diffusion")
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert requests_line(result.stdout)["core"] > 0  # it really talked to "GitHub"
    assert token not in result.stdout + result.stderr

    needle = token.encode()
    files = [p for base in (data, home) for p in base.rglob("*") if p.is_file()]
    assert any(p.suffix == ".duckdb" for p in files) and any("exports" in p.parts for p in files)
    leaks = [str(p) for p in files if needle in p.read_bytes()]
    assert not leaks, f"the token is written in {leaks}"
    # DuckDB may compress strings on disk, so ask it as well
    warehouse = data / source_slug_of(server.url) / "warehouse.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'ghtalent' and data_type = 'VARCHAR'"
        ).fetchall()
        hits = [
            f"{t}.{c}"
            for t, c in columns
            if con.execute(
                f'select count(*) from ghtalent."{t}" where contains("{c}", ?)', [token]
            ).fetchone()[0]
        ]
    assert not hits, f"the token is stored in {hits}"
