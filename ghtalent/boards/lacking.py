"""What a run lacked, by name: repositories whose contributor list or star history is missing.

Computed from the inputs themselves (a repository with no contributor rows had its list
refused, empty or unavailable; one with no history rows had no history), so it holds for every
run, whatever the fetch stage logged.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class Lack:
    what: str  # "contributor list", "star history", "profile"
    consequence: str
    names: list[tuple[str, int | None]]  # (full_name or login, stars) most-starred first


def what_lacked(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    star_history: pd.DataFrame | None,
) -> list[Lack]:
    """Every repository without a contributor list or without star history, most-starred first."""
    if repos is None or repos.empty:
        return []
    stars = repos.groupby("full_name")["stars"].max().sort_values(ascending=False)
    out = []
    checks = (
        (contributors, "contributor list",
         "its people are missing from every people board (list refused as too large, empty, "
         "or unavailable)"),
        (star_history, "star history",
         "no growth numbers; lightning and cycles cannot use it"),
    )  # fmt: skip
    for table, what, consequence in checks:
        have = set() if table is None or table.empty else set(table["full_name"].dropna())
        missing = [n for n in stars.index if n not in have]
        if missing:
            names = [(n, None if pd.isna(stars[n]) else int(stars[n])) for n in missing]
            out.append(Lack(what, consequence, names))
    return out
