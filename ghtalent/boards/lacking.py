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


# Why a homepage was not read that is a failure (not "no homepage" or "not a candidate").
_NOT_FAILURES = ("ok", "no_homepage", "not_candidate")


def what_lacked(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    star_history: pd.DataFrame | None,
    profiles: pd.DataFrame | None = None,
    on_boards: set[str] | None = None,
) -> list[Lack]:
    """Every repository without a contributor list or without star history, most-starred
    first; and the people on a board whose homepage could not be read (with why)."""
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
    if profiles is not None and not profiles.empty and "scraped" in profiles and on_boards:
        latest = profiles.drop_duplicates("login", keep="last")
        failed = latest[
            latest["login"].str.lower().isin(on_boards)
            & latest["scraped"].notna()
            & ~latest["scraped"].isin(_NOT_FAILURES)
        ]
        if not failed.empty:
            names = [(f"{r['login']} ({r['scraped']})", None) for r in failed.to_dict("records")]
            out.append(
                Lack(
                    "readable homepage",
                    "company, university and X facts from the page are missing",
                    names,
                )
            )
    return out
