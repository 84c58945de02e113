"""Report benchmark: export the boards of one date from the warehouse and print the report's
size, the export's time, and the time to first content in headless Chromium.

    python scripts/bench_report.py [--date YYYY-MM-DD] [--out DIR]

Needs a warehouse with that date (run `make demo` first). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ghtalent.boards.build import build_boards  # noqa: E402
from ghtalent.boards.export import export_boards  # noqa: E402
from ghtalent.boards.movement import add_movement, previous_snapshot  # noqa: E402
from ghtalent.boards.series import star_series  # noqa: E402
from ghtalent.config import default_keyword_config  # noqa: E402
from ghtalent.paths import warehouse_path  # noqa: E402
from ghtalent.scoring.config import load_scoring_config  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TABLES = ("keyword_repos", "contributors", "star_history", "enriched_profiles")


def load_tables(date: str) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        if date == "latest":
            date = str(con.execute("SELECT max(date) FROM ghtalent.keyword_repos").fetchone()[0])
            date = date[:10]
        frames = {
            t: con.execute(f"SELECT * FROM ghtalent.{t} WHERE date = ?", [pd.Timestamp(date)]).df()
            for t in TABLES
        }
    frames["date"] = date
    return frames


def export(date_tables: dict, out: Path) -> tuple[dict, float]:
    date = date_tables["date"]
    cfg = load_scoring_config()
    config = default_keyword_config()
    groups = {g.slug: list(g.keywords) for g in config.groups}
    repos, contributors = date_tables["keyword_repos"], date_tables["contributors"]
    history, profiles = date_tables["star_history"], date_tables["enriched_profiles"]
    start = time.perf_counter()
    built = build_boards(repos, contributors, history, profiles, groups, cfg, asof=date)
    previous = previous_snapshot(warehouse_path(), date)
    add_movement(built, previous)
    context = {
        "date": date,
        "group_labels": {g.slug: g.label for g in config.groups},
        "requests": {},
        "star_series": star_series(repos, history),
        "previous": previous,
        "scoring": cfg,
        "inputs": {
            "repos": repos,
            "contributors": contributors,
            "profiles": profiles,
            "star_history": history,
        },
    }
    built_at = time.perf_counter()
    paths = export_boards(dict(built), built.notes, context, out)
    return paths, (built_at - start, time.perf_counter() - built_at)


def first_content(report: Path, runs: int = 3) -> list[tuple[float, float]]:
    """(first contentful paint, load event) in seconds, per cold page load."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(report.as_uri(), wait_until="load")
            fcp = page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1"
            )
            load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            out.append((fcp / 1000, load / 1000))
            page.close()
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--date", default="latest")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    tables = load_tables(args.date)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-report-")) / tables["date"]
    paths, (build_s, export_s) = export(tables, out)
    report = paths["report"]
    pages = list((out / "people").glob("*.html")) + list((out / "repos").glob("*.html"))
    print(f"date {tables['date']}: boards built in {build_s:.2f} s, exported in {export_s:.2f} s")
    print(f"report.html          {report.stat().st_size / 1e6:.2f} MB")
    print(
        f"pages                {len(pages)} files, {sum(p.stat().st_size for p in pages) / 1e6:.2f} MB"
    )
    print(f"contacts.csv         {len(pd.read_csv(paths['contacts']))} people")
    print(f"boards.xlsx          {paths['excel'].stat().st_size / 1e6:.2f} MB")
    if not args.no_browser and Path(CHROMIUM).exists():
        for i, (fcp, load) in enumerate(first_content(report), start=1):
            print(f"chromium load {i}: first contentful paint {fcp:.3f} s, load event {load:.3f} s")
    print(f"export: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
