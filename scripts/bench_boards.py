"""Time the `boards` step on the demo warehouse: building every board, then exporting them.

.venv/bin/python scripts/bench_boards.py [DATE] [--profile]
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from ghtalent.boards.build import build_boards
from ghtalent.boards.export import export_boards
from ghtalent.config import default_keyword_config
from ghtalent.defs.board_assets import daily_star_snapshots
from ghtalent.paths import warehouse_path
from ghtalent.scoring.config import load_scoring_config

TABLES = ("keyword_repos", "contributors", "star_history", "enriched_profiles")


def load(date: str) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        return {
            t: con.execute(f"SELECT * FROM ghtalent.{t} WHERE date = ?", [pd.Timestamp(date)]).df()
            for t in TABLES
        }


def main(argv: list[str]) -> int:
    profile = "--profile" in argv
    args = [a for a in argv if not a.startswith("--")]
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        latest = con.execute("SELECT max(date) FROM ghtalent.keyword_repos").fetchone()[0]
    date = args[0] if args else f"{pd.Timestamp(latest):%Y-%m-%d}"
    t0 = time.perf_counter()
    tables = load(date)
    daily = daily_star_snapshots(date)
    t1 = time.perf_counter()
    c1 = time.process_time()
    kc = default_keyword_config()
    groups = {g.slug: list(g.keywords) for g in kc.groups}
    scopes = {s.slug: list(s.groups) for s in getattr(kc, "scopes", ())}
    cfg = load_scoring_config()
    prof = cProfile.Profile() if profile else None
    if prof:
        prof.enable()
    kwargs = {"scopes": scopes} if scopes else {}
    built = build_boards(
        tables["keyword_repos"], tables["contributors"], tables["star_history"],
        tables["enriched_profiles"], groups, cfg, daily_stars=daily, asof=date, **kwargs,
    )  # fmt: skip
    t2 = time.perf_counter()
    c2 = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        labels = {g.slug: g.label for g in kc.groups}
        export_boards(dict(built), built.notes, {"date": date, "group_labels": labels}, Path(tmp))
    t3 = time.perf_counter()
    c3 = time.process_time()
    if prof:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
    print(
        f"date {date}: {len(tables['contributors']):,} contributor rows, {len(built)} boards\n"
        f"load {t1 - t0:.2f} s   build_boards {t2 - t1:.2f} s (cpu {c2 - c1:.2f} s)   "
        f"export {t3 - t2:.2f} s (cpu {c3 - c2:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
