"""One source, one place: a live run after a mirror run fetches and publishes only live data;
the synthetic label is on every export of a mirror run and on none of a live one; X follower
counts come from the X API shape with a token and are unknown (and said so) without one; the
tokens of the live runs reach their APIs as headers and are written nowhere."""

from __future__ import annotations

import shutil
import subprocess

import duckdb
import openpyxl
import pandas as pd
import pytest

from ghtalent.mirror.server import MirrorServer
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR
from ghtalent.provenance import SYNTHETIC_LABEL, X_UNKNOWN_NOTE
from ghtalent.settings import source_slug_of
from ghtalent_tests.e2e.demo_runs import KEYWORDS, free_port, requests_line, table, with_keywords
from ghtalent_tests.e2e.demo_runs import demo as run_demo
from ghtalent_tests.e2e.demo_runs import workdir as make_workdir

DATE = "2026-11-25"
# One keyword, 20 repositories and 20 homepages: enough people for every check here, and a
# quarter of the homepages a run reads by default (most of a run's time).
CONFIG = with_keywords(KEYWORDS, 20)
GITHUB_TOKEN = "ghp_" + "Zq7SecretNeverStored" * 2
X_TOKEN = "AAAAAAAAAAAAAAAAAAAAAXbearerNeverStored0123456789"


def demo(env: dict, *args: str) -> subprocess.CompletedProcess:
    return run_demo(env, "--date", DATE, "--keywords", "diffusion", *args)


def labels(export: str) -> dict[str, bool]:
    """Where the synthetic label shows in one export folder."""
    first_sheet = openpyxl.load_workbook(f"{export}/boards.xlsx", read_only=True).worksheets[0]
    cells = " ".join(str(c) for row in first_sheet.iter_rows(values_only=True) for c in row if c)
    return {
        "report": SYNTHETIC_LABEL in open(f"{export}/report.html", encoding="utf-8").read(),
        "workbook": SYNTHETIC_LABEL in cells,
        "csv_readme": SYNTHETIC_LABEL in open(f"{export}/README.txt", encoding="utf-8").read(),
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("sources")
    base = make_workdir(root, CONFIG, scrape_top_n=20)
    del base["GHTALENT_SOURCE"]
    out = {"root": root}
    out["mirror"] = demo({**base, "GHTALENT_SOURCE": "mirror"})
    # "Live GitHub" and "the X API": a second mirror on loopback, with tokens.
    server = MirrorServer(load_world(SNAPSHOT_DIR / "world.json.gz"), port=free_port()).start()
    live = {
        **base,
        "GHTALENT_SOURCE": "live",
        "GHTALENT_API_URL": server.url,
        "GITHUB_TOKEN": GITHUB_TOKEN,
        "GHTALENT_OFFLINE_WEB": "1",
    }
    slug = source_slug_of(server.url)
    try:
        out["live_no_x"] = demo(live)
        export = root / "data" / slug / "exports" / DATE
        if export.is_dir():
            shutil.copytree(export, root / "export_without_x")
            out["no_x_known"] = table(
                root / "data" / slug / "warehouse.duckdb",
                "select count(twitter_followers) n, count(twitter_username) h "
                "from ghtalent.enriched_profiles",
            ).iloc[0]
        out["live_x"] = demo({**live, "X_BEARER_TOKEN": X_TOKEN, "GHTALENT_X_API_URL": server.url})
    finally:
        server.stop()
    out["live_slug"] = slug
    return out


def test_a_live_run_after_a_mirror_run_fetches_and_publishes_only_live_data(runs):
    root = runs["root"]
    for name in ("mirror", "live_no_x", "live_x"):
        assert runs[name].returncode == 0, runs[name].stdout[-2000:] + runs[name].stderr[-2000:]
    assert "synthetic" in runs["mirror"].stdout
    assert runs["live_slug"] != "mirror" and "synthetic" not in runs["live_no_x"].stdout
    assert "127.0.0.1" in runs["live_no_x"].stdout.splitlines()[0]  # says the API URL it uses
    # The live run looked its people up itself (the mirror run's profiles were not reused).
    assert requests_line(runs["live_no_x"].stdout)["graphql"] > 0
    mirror_wh = root / "data" / "mirror" / "warehouse.duckdb"
    live_wh = root / "data" / runs["live_slug"] / "warehouse.duckdb"
    for warehouse, source in ((mirror_wh, "mirror"), (live_wh, runs["live_slug"])):
        for name in ("keyword_repos", "contributors", "enriched_profiles", "scores", "boards"):
            got = table(warehouse, f"select distinct source from ghtalent.{name}")
            assert got["source"].tolist() == [source], (warehouse, name)
    # Homepages the demo mirror served are labelled, not shown as dead loopback links.
    homes = table(mirror_wh, "select homepage_url from ghtalent.enriched_profiles")["homepage_url"]
    assert not homes.dropna().str.contains("127.0.0.1").any()
    assert homes.dropna().str.startswith("synthetic-mirror:/pages/").any()
    assert homes.dropna().str.startswith("synthetic-mirror:").all()


def test_the_synthetic_label_is_on_mirror_exports_only(runs):
    root = runs["root"]
    mirror = labels(str(root / "data" / "mirror" / "exports" / DATE))
    live = labels(str(root / "data" / runs["live_slug"] / "exports" / DATE))
    assert mirror == {"report": True, "workbook": True, "csv_readme": True}
    assert live == {"report": False, "workbook": False, "csv_readme": False}


def test_x_counts_come_from_the_x_api_with_a_token_and_are_unknown_without(runs):
    root = runs["root"]
    export = root / "data" / runs["live_slug"] / "exports" / DATE
    live_wh = root / "data" / runs["live_slug"] / "warehouse.duckdb"
    # the last run had a token: hidden gems carry counts, sourced from the X API
    gems = pd.read_csv(export / "overall__hidden_gems.csv", encoding="utf-8-sig")
    assert gems["twitter_followers"].notna().sum() > 0
    sources = table(live_wh, "select sources from ghtalent.enriched_profiles")["sources"]
    assert sources.str.contains('"twitter_followers": "x_api"').any()
    assert X_UNKNOWN_NOTE not in (export / "report.html").read_text(encoding="utf-8")


def test_without_an_x_token_counts_are_unknown_and_the_report_says_why(runs):
    assert runs["live_no_x"].returncode == 0, runs["live_no_x"].stderr[-2000:]
    known = runs["no_x_known"]
    assert known["h"] > 0 and known["n"] == 0  # handles known, counts unknown (null, not 0)
    assert runs["live_no_x"].stdout.count("no X_BEARER_TOKEN is set") == 1  # said once
    assert "X_BEARER_TOKEN" not in runs["live_x"].stdout
    report = (runs["root"] / "export_without_x" / "report.html").read_text(encoding="utf-8")
    assert "no X_BEARER_TOKEN is set" in report


def test_tokens_never_land_in_warehouse_exports_caches_or_dagster(runs):
    """Both live runs had a GitHub token, the second an X token as well; neither is written
    anywhere: not the warehouses, the exports, the HTTP and profile caches, the Dagster
    instance (runs, event logs, compute logs) or the console."""
    assert requests_line(runs["live_no_x"].stdout)["core"] > 0  # it really talked to "GitHub"
    files = [p for p in runs["root"].rglob("*") if p.is_file()]  # data, instance, exports
    assert any(p.suffix == ".duckdb" for p in files) and any("exports" in p.parts for p in files)
    for token in (GITHUB_TOKEN, X_TOKEN):
        assert token not in runs["live_x"].stdout + runs["live_x"].stderr  # it had both
        leaks = [str(p) for p in files if token.encode() in p.read_bytes()]
        assert not leaks, f"a token is written in {leaks}"
    # DuckDB may compress strings on disk, so ask it as well
    warehouse = runs["root"] / "data" / runs["live_slug"] / "warehouse.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'ghtalent' and data_type = 'VARCHAR'"
        ).fetchall()
        hits = [
            f"{t}.{c}"
            for t, c in columns
            for token in (GITHUB_TOKEN, X_TOKEN)
            if con.execute(
                f'select count(*) from ghtalent."{t}" where contains("{c}", ?)', [token]
            ).fetchone()[0]
        ]
    assert not hits, f"a token is stored in {hits}"
