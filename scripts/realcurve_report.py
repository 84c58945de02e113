"""Real-curve check: growth and modality cycles on real weekly star counts (EvanLi/Github-Ranking).

Reads REALDATA_DIR/github-ranking/ai_repo_daily_ranks_weekly.csv, turns the cumulative
snapshots into weekly gains with the same gap rule the pipeline uses
(ghtalent.scoring.series.snapshots_to_star_history), puts repos into the default keyword groups
with the pipeline's matcher, and writes data/reports/realcurves.md. Prints each group's peak month.

Usage: .venv/bin/python scripts/realcurve_report.py [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import pandas as pd

from ghtalent.paths import CONFIG_DIR, DATA_DIR, REALDATA_DIR
from ghtalent.scoring.config import load_scoring_config
from ghtalent.scoring.cycles import gains_by_period, group_peaks, modality_cycles
from ghtalent.scoring.growth import growth
from ghtalent.scoring.matching import assign_groups
from ghtalent.scoring.series import snapshots_to_star_history

CSV = REALDATA_DIR / "github-ranking" / "ai_repo_daily_ranks_weekly.csv"
TOP_PER_QUARTER = 5


def load_snapshots(path: Path = CSV) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(snapshots: date, full_name, stars) and (repos: one row per repo, newest facts)."""
    raw = pd.read_csv(path)
    raw["full_name"] = raw["repo_url"].str.removeprefix("https://github.com/")
    raw["date"] = pd.to_datetime(raw["date"])
    # Owners rename their case ("Microsoft/AirSim" → "microsoft/AirSim"): one repo, newest name.
    raw["key"] = raw["full_name"].str.lower()
    raw = raw.sort_values("date")
    newest = raw.groupby("key").tail(1).set_index("key")
    raw["full_name"] = raw["key"].map(newest["full_name"])
    snaps = raw[["date", "full_name", "stars"]]
    repos = newest.reset_index(drop=True)[["full_name", "description", "stars", "forks", "date"]]
    repos["name"] = repos["full_name"].str.split("/").str[1]
    repos["topics"] = None
    repos["html_url"] = "https://github.com/" + repos["full_name"]
    return snaps, repos


def keyword_config(path: Path = CONFIG_DIR / "keywords.toml") -> tuple[dict, dict]:
    """({slug: query}, {group slug: [keyword slugs]}) from the keyword config."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    keywords = {k["slug"]: k["query"] for k in data.get("keyword", [])}
    groups = {g["slug"]: list(g["keywords"]) for g in data.get("group", [])}
    return keywords, groups


def top_growth_per_quarter(history: pd.DataFrame, n: int = TOP_PER_QUARTER) -> pd.DataFrame:
    """The n repos that gained most stars in each calendar quarter."""
    q = gains_by_period(history, "Q")
    q = q.sort_values(["period", "stars_gained"], ascending=[True, False])
    q = q.groupby("period").head(n).copy()
    q["quarter"] = q["period"].astype(str)
    return q[["quarter", "full_name", "stars_gained"]]


def _md(df: pd.DataFrame, floatfmt: str = ",.0f") -> str:
    """A small Markdown table (no tabulate dependency)."""
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        cells = [format(v, floatfmt) if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def build_report(csv: Path = CSV) -> tuple[str, pd.DataFrame]:
    """The Markdown report and the per-group peaks."""
    cfg = load_scoring_config()
    snaps, repos = load_snapshots(csv)
    history = snapshots_to_star_history(snaps)
    keywords, groups = keyword_config()
    membership = assign_groups(repos, keywords, groups)
    cycles = modality_cycles(membership, history)
    peaks = group_peaks(cycles)
    asof = snaps["date"].max()
    grow = growth(history, asof, cfg, repos)
    top_q = top_growth_per_quarter(history)

    gaps = history.groupby("full_name")["longest_gap_days"].max()
    out = [
        "# Real-curve check (EvanLi/Github-Ranking weekly snapshots)",
        "",
        f"Source: `{csv}` — {len(snaps):,} snapshots of {repos['full_name'].nunique()} repos, "
        f"{snaps['date'].min():%Y-%m-%d} to {asof:%Y-%m-%d}.",
        "",
        "Gap rule: gains are taken between consecutive snapshots of the running maximum "
        "(unstars never make growth negative); a gap of several weeks is spread evenly over its "
        "days, so it is never a spike; the first snapshot is the baseline (no gain). "
        f"{int((gaps > 7).sum())} repos have gaps longer than a week (longest "
        f"{int(gaps.max())} days). Caveat: a repo is only seen while it is in a top-100 list, "
        "so early growth is missing and totals favour periods when many AI repos were listed.",
        "",
        "Groups (keyword token match on name and description, as the pipeline does): "
        + ", ".join(
            f"{g} = {membership[membership['group'] == g]['full_name'].nunique()} repos"
            for g in groups
        )
        + f"; {repos['full_name'].nunique() - membership['full_name'].nunique()} repos match "
        "no keyword and are left out of the groups.",
        "",
        "## Each group's peak month",
        "",
        _md(peaks.assign(peak_share=peaks["peak_share"].map("{:.1%}".format))),
        "",
        "## Stars gained per month, by group",
        "",
    ]
    wide = cycles.pivot(index="month", columns="group", values="stars_gained").fillna(0.0)
    out += [_md(wide.reset_index()), "", "## Top growth per quarter", ""]
    out += [_md(top_q), "", f"## Growing fastest now (as of {asof:%Y-%m-%d})", ""]
    now = grow.dropna(subset=["gained_quarter"]).sort_values("gained_quarter", ascending=False)
    cols = ["full_name", "gained_week", "gained_month", "gained_quarter", "growth_speed",
            "recent_share", "growth_class"]  # fmt: skip
    now = now[cols].head(15).assign(recent_share=lambda d: d["recent_share"].map("{:.0%}".format))
    out += [
        _md(now),
        "",
        "recent_share = share of today's stars gained in the last 91 days; ≥ 50 % → "
        "exploding now. Repos first seen mid-life count from their first snapshot only.",
        "",
    ]
    return "\n".join(out), peaks


def main(argv: list[str] | None = None) -> int:
    """Write the report and print each group's peak month."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "reports" / "realcurves.md")
    args = parser.parse_args(argv)
    if not CSV.is_file():
        print(f"real data not found at {CSV}", file=sys.stderr)
        return 1
    text, peaks = build_report()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    for p in peaks.itertuples(index=False):
        print(
            f"{p.group}: peak {p.peak_month} "
            f"({p.peak_stars_gained:,.0f} stars gained, {p.peak_share:.1%} of the group's total)"
        )
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
