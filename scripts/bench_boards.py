"""Time the `boards` step on this checkout's warehouse, phase by phase, exactly as the step runs
it (curations, academic columns, movement, the report context, every export file and page),
without Dagster: build, then each part of the export.

    .venv/bin/python scripts/bench_boards.py [DATE] [--profile] [--repeat N]

Needs a warehouse with that date (`make demo` first). Writes into a temporary folder, never
into the checkout's exports. Figures are printed, never asserted.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ghtalent.boards import export as ex  # noqa: E402
from ghtalent.boards.contacts import contact_sheet  # noqa: E402
from ghtalent.boards.report import plan_pages, render_pages, render_report  # noqa: E402
from ghtalent.boards.report.detail import load_inputs  # noqa: E402
from ghtalent.defs.board_assets import (  # noqa: E402
    date_boards,
    long_format,
    report_context_of,
)
from ghtalent.paths import warehouse_path  # noqa: E402

TABLES = ("keyword_repos", "contributors", "star_history", "enriched_profiles")


def load(date: str) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        return {
            t: con.execute(f"SELECT * FROM ghtalent.{t} WHERE date = ?", [pd.Timestamp(date)]).df()
            for t in TABLES
        }


class Clock:
    def __init__(self) -> None:
        self.laps: list[tuple[str, float, float]] = []

    @contextmanager
    def phase(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.laps.append((name, time.perf_counter() - wall, time.process_time() - cpu))


def run_once(date: str, tables: dict[str, pd.DataFrame], out: Path) -> Clock:
    """The step's work, each export part timed on its own (the same calls export_boards makes)."""
    clock = Clock()
    with clock.phase("build"):
        dated = date_boards(date, *(tables[t] for t in TABLES))
    with clock.phase("context"):
        context, notes = report_context_of(date, dated, {})
    boards = dict(dated.boards)
    out.mkdir(parents=True, exist_ok=True)
    with clock.phase("  csv"):
        for key, df in boards.items():
            ex.write_csv(df, out / ex.csv_name(key))
    with clock.phase("  inputs+plan"):
        inputs = load_inputs(context)
        pages = plan_pages(boards, inputs)
    with clock.phase("  contacts"):
        contacts = contact_sheet(boards, context["inputs"]["profiles"], pages)
        ex.write_csv(contacts, out / ex.CONTACTS_NAME)
    with clock.phase("  excel"):
        ex.write_excel(boards, notes, context, out / ex.EXCEL_NAME, contacts)
    with clock.phase("  report.html"):
        (out / ex.REPORT_NAME).write_text(render_report(boards, notes, context, pages))
    with clock.phase("  pages"):
        rendered = render_pages(boards, context, pages, inputs)
        for rel, page in rendered.items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_text(page, encoding="utf-8")
    with clock.phase("export (whole)"):
        ex.export_boards(boards, notes, context, out / "whole")
    with clock.phase("long_format"):
        long_format(date, boards)
    print(
        f"date {date}: {len(tables['contributors']):,} contributor rows, {len(boards)} boards, "
        f"{len(rendered) - 1} pages"
    )
    return clock


def main(argv: list[str]) -> int:
    profile = "--profile" in argv
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and argv[i - 1] != "--repeat"]
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        latest = con.execute("SELECT max(date) FROM ghtalent.keyword_repos").fetchone()[0]
    date = args[0] if args else f"{pd.Timestamp(latest):%Y-%m-%d}"
    t0 = time.perf_counter()
    tables = load(date)
    print(f"load {time.perf_counter() - t0:.2f} s")
    prof = cProfile.Profile() if profile else None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            if prof:
                prof.enable()
            clock = run_once(date, tables, Path(tmp))
            if prof:
                prof.disable()
        step_wall = step_cpu = 0.0
        for name, wall, cpu in clock.laps:
            print(f"{name:<16} {wall:6.2f} s wall  {cpu:6.2f} s cpu")
            if not name.startswith(" "):
                step_wall, step_cpu = step_wall + wall, step_cpu + cpu
        print(f"{'step (no parts)':<16} {step_wall:6.2f} s wall  {step_cpu:6.2f} s cpu")
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
