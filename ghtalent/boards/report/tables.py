"""Boards as report tables: the columns a scout needs first, every column named explicitly.

Each board kind has a spec (which column names the row and where it links); a board whose
identity column is missing is an error naming the board and its columns, not a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ghtalent.boards.report.labels import column_zh
from ghtalent.boards.report.pages import Pages
from ghtalent.boards.report.text import (
    HANDLE,
    Part,
    column_label,
    evidence_parts,
    format_value,
    is_missing,
    safe_url,
    sort_value,
)

REPORT_ROW_LIMIT = 50
# Sub-boards and other scopes show fewer rows, so the report stays small with every scope in it
# (the CSV and workbook hold every row).
SCOPE_ROW_LIMIT = 25
FOLD_AFTER = 15  # rows shown before "show all" (the rest are in the page, folded)


@dataclass(frozen=True)
class Spec:
    ident: str  # the column that names a row
    links_to: str | None = None  # "person" or "repo": the export's own page for the row


BOARD_SPECS: dict[str, Spec] = {
    "people_power": Spec("login", "person"),
    "team_power": Spec("login", "person"),
    "hidden_gems": Spec("login", "person"),
    "cross_modal": Spec("login", "person"),
    "lightning": Spec("full_name", "repo"),
    "repos": Spec("full_name", "repo"),
    "growth": Spec("full_name", "repo"),
    "star_fork": Spec("full_name", "repo"),
    "star_fork_people": Spec("login", "person"),
    "companies": Spec("company"),
    "universities": Spec("university"),
    "countries": Spec("country"),
    "modality_cycles": Spec("group"),
    "modality_peaks": Spec("group"),
    "top_terms": Spec("term"),
}
# The columns a scout reads first, in this order, when the board has them.
FIRST_COLUMNS = (
    "rank", "movement", "login", "full_name", "company", "university", "country",
    "country_name", "name", "twitter_username", "homepage_url", "power_score", "gem_score",
    "project_stars", "best_part", "stars", "forks", "star_fork_ratio", "top_repos", "top_people",
)  # fmt: skip
# Shown inside another cell (the identity link, the evidence links, the movement's title).
FOLDED_COLUMNS = (
    "html_url", "top_repo_urls", "top_people_urls", "twitter_url", "owner_url", "previous_rank",
)  # fmt: skip
EVIDENCE_COLUMNS = ("top_repos", "top_people", "example_repos")
LONG_TEXT = 160


def board_spec(key: str, df: pd.DataFrame) -> Spec:
    """The spec of a board; raises when the kind is unknown or its identity column is missing."""
    kind = key.rsplit("/", 1)[-1]
    spec = BOARD_SPECS.get(kind)
    if spec is None:
        raise ValueError(
            f"board {key!r}: the report has no spec for board kind {kind!r}; "
            f"add it to BOARD_SPECS in {__name__} (known: {', '.join(BOARD_SPECS)})"
        )
    if spec.ident not in df.columns:
        raise ValueError(
            f"board {key!r} has no column {spec.ident!r} (it has {list(df.columns)}); "
            "the board builder and the report disagree"
        )
    return spec


def require(key: str, df: pd.DataFrame, *columns: str) -> None:
    """Fail loudly, naming the board, when a column the report reads is missing."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"board {key!r} has no column {', '.join(map(repr, missing))} "
            f"(it has {list(df.columns)}); the board builder and the report disagree"
        )


@dataclass
class Cell:
    parts: list[Part]
    cls: str
    title: str | None = None
    sort: str = ""  # numeric sort key (data-v); '' sorts by text


@dataclass
class Table:
    """A board ready for the template."""

    key: str
    dom_id: str
    columns: list[tuple[str, str, str, str]]  # (label, Chinese label, css class, column)
    rows: list[list[Cell]]
    total_rows: int
    blank_columns: list[str] = field(default_factory=list)
    fold_after: int = FOLD_AFTER


HEADINGS = {"twitter_username": "X (Twitter)", "homepage_url": "homepage", "login": "login"}


def heading(column: str) -> str:
    return HEADINGS.get(column, column_label(column))


def ordered_columns(df: pd.DataFrame, spec: Spec) -> list[str]:
    columns = [c for c in df.columns if c not in FOLDED_COLUMNS]
    first = [c for c in FIRST_COLUMNS if c in columns]
    return first + [c for c in columns if c not in first]


def _numeric(df: pd.DataFrame, column: str) -> bool:
    return _numeric_dtype(df[column].dtype)


def _numeric_dtype(dtype) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _all_missing(values: pd.Series) -> bool:
    """Every value unknown (``is_missing``), read per column: at once for typed columns."""
    if values.dtype == object:
        return all(map(is_missing, values.tolist()))
    return bool(values.isna().all())


def _movement_cell(row: Mapping[str, Any], previous_date: str | None) -> Cell:
    text = row.get("movement")
    if is_missing(text):
        return Cell([Part("—")], "x mv", "no previous snapshot")
    text = str(text)
    cls = {"n": "new", "↑": "up", "↓": "down"}.get(text[:1], "same")
    prev = row.get("previous_rank")
    title = (
        f"#{int(prev)} on {previous_date}"
        if not is_missing(prev)
        else f"not on this board on {previous_date}"
    )
    change = 0 if is_missing(prev) else int(prev) - int(row["rank"])
    shown = "=" if text == "same" else text
    return Cell([Part(shown)], f"mv {cls}", title, sort=str(change if cls != "new" else 10**6))


def make_cell(
    row: Mapping[str, Any],
    column: str,
    df: pd.DataFrame,
    spec: Spec,
    pages: Pages,
    previous_date: str | None = None,
    numeric: bool | None = None,
) -> Cell:
    """One report cell (``numeric``: whether the column is numeric, when the caller knows)."""
    if column == "movement":
        return _movement_cell(row, previous_date)
    value = row[column]
    if is_missing(value):
        return Cell([Part("—")], "x")
    text = format_value(value, column)
    if column == spec.ident:
        page = pages.person(value) if spec.links_to == "person" else None
        page = pages.repo(value) if spec.links_to == "repo" else page
        href = page or safe_url(row.get("html_url"))
        return Cell([Part(text, href=href)], "i", None, "")
    if column == "twitter_username" and HANDLE.fullmatch(text):
        return Cell([Part(f"@{text}", href=f"https://x.com/{text}")], "t")
    if column == "owner_login":
        href = pages.person(value) or safe_url(row.get("owner_url"))
        return Cell([Part(text, href=href)], "t")
    if str(column).endswith("_url"):
        shown = re.sub(r"(?i)^https?://(www\.)?", "", text).rstrip("/")
        return Cell([Part(shown, href=safe_url(value))], "u", text)
    if _numeric(df, column) if numeric is None else numeric:
        return Cell([Part(text)], "n", None, sort_value(value))
    if isinstance(value, pd.Timestamp):
        return Cell([Part(text)], "d", None, sort_value(value))
    title = text if len(text) > LONG_TEXT else None
    if title:
        text = text[: LONG_TEXT - 3] + "…"
    if column in EVIDENCE_COLUMNS:
        return Cell(evidence_parts(text, pages), "e", title)
    return Cell([Part(text)], "t", title)


def build_table(
    key: str,
    df: pd.DataFrame,
    pages: Pages | None = None,
    limit: int = REPORT_ROW_LIMIT,
    previous_date: str | None = None,
) -> Table:
    """A board frame as a report table (first ``limit`` rows, scout columns first)."""
    pages = pages or Pages()
    spec = board_spec(key, df)
    shown = df.head(limit)
    columns = ordered_columns(df, spec)
    blank = [c for c in columns if c != spec.ident and _all_missing(shown[c])]
    columns = [c for c in columns if c not in blank]
    if "movement" in blank:  # the first snapshot: the movement section says so once
        blank.remove("movement")
    dtypes = df.dtypes
    numeric = {c: _numeric_dtype(dtypes[c]) for c in columns}  # per column, not per cell
    header = [(heading(c), column_zh(c), "num" if numeric[c] else "", c) for c in columns]
    rows = [
        [make_cell(record, c, df, spec, pages, previous_date, numeric[c]) for c in columns]
        for record in shown.to_dict("records")
    ]
    return Table(
        key=key,
        dom_id="board-" + key.replace("/", "-"),
        columns=header,
        rows=rows,
        total_rows=len(df),
        blank_columns=[column_label(c) for c in blank],
    )
