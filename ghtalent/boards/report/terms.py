"""The top-terms board as a compact list per group and period."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ghtalent.boards.report.labels import scope_title
from ghtalent.boards.report.tables import require
from ghtalent.boards.report.text import Part, format_value, is_missing

TERM_PERIODS_SHOWN = 4


def terms_summary(df: pd.DataFrame, labels: Mapping[str, str], per_group: int = 12):
    """[(group label, period, [Part...])]: the top terms per group, all time then the latest
    few periods (the CSV has the rest)."""
    require("overall/top_terms", df, "group", "period", "rank", "term", "n_repos")
    period = df["period"].astype(str)
    order = period.where(period != "all", "~")  # "all" first, then periods newest first
    data = df.assign(_order=order).sort_values(["_order", "rank"], ascending=[False, True])
    out = []
    for (group, per), g in data.groupby(["group", "period"], sort=False):
        parts: list[Part] = []
        for i, row in enumerate(g.head(per_group).to_dict("records")):
            if i:
                parts.append(Part(" · "))
            parts.append(Part(format_value(row["term"]), strong=True))
            if not is_missing(row["n_repos"]):
                parts.append(Part(f" ({format_value(row['n_repos'], 'n_repos')})"))
        label = "Overall" if group == "overall" else scope_title(str(group), labels)[0]
        out.append((label, str(per), parts))
    group_rank: dict[str, int] = {}
    for label, _, _ in out:
        group_rank.setdefault(label, len(group_rank))
    out.sort(key=lambda item: group_rank[item[0]])
    shown: dict[str, int] = {}
    kept = []
    for item in out:
        shown[item[0]] = shown.get(item[0], 0) + 1
        if shown[item[0]] <= TERM_PERIODS_SHOWN:
            kept.append(item)
    return kept
