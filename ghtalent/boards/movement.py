"""Rank movement: each board row's rank on the previous snapshot date and the change.

The previous ranks come from the warehouse's ``boards`` table (one row per board row and date,
written by the boards asset), so movement needs no extra storage. A row gets
``previous_rank`` (null when it was not on that board) and ``movement``: ``new``, ``↑n``,
``↓n`` or ``same``; on the first snapshot both are null and the report says so.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ghtalent.warehouse import read_warehouse

# Board kind → the column that identifies a row across dates.
SUBJECT = {
    "people_power": "login",
    "team_power": "login",
    "hidden_gems": "login",
    "cross_modal": "login",
    "lightning": "full_name",
    "repos": "full_name",
    "growth": "full_name",
    "companies": "company",
    "universities": "university",
    "countries": "country",
}
# Long-format subject column order, as the boards asset writes it (long_format).
_LONG_SUBJECT = ("login", "full_name", "company", "university", "country", "group", "term")


@dataclass
class Previous:
    """The ranks of the latest earlier snapshot: {board key: {subject (lower): rank}}."""

    date: str | None = None
    ranks: dict[str, dict[str, int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # subject (lower) → as written


def previous_snapshot(warehouse: Path, date: str) -> Previous:
    """The board ranks of the latest date before ``date`` in the warehouse, if any."""
    frame = read_warehouse(
        "SELECT date, board, rank, subject FROM ghtalent.boards WHERE date = "
        "(SELECT max(date) FROM ghtalent.boards WHERE date < ?)",
        [pd.Timestamp(date)],
        warehouse,
    )
    return Previous() if frame is None else previous_from_long(frame)  # None: first snapshot


def previous_from_long(frame: pd.DataFrame) -> Previous:
    """A Previous from long-format board rows (date, board, rank, subject)."""
    if frame is None or frame.empty:
        return Previous()
    prev = Previous(date=pd.Timestamp(frame["date"].max()).strftime("%Y-%m-%d"))
    for board, g in frame.dropna(subset=["subject", "rank"]).groupby("board"):
        prev.ranks[str(board)] = {
            str(s).lower(): int(r) for s, r in zip(g["subject"], g["rank"], strict=True)
        }
        prev.names.update({str(s).lower(): str(s) for s in g["subject"]})
    return prev


def movement_text(rank: int, previous: int | None) -> str:
    """``new``, ``↑n`` (moved up n places), ``↓n`` or ``same``."""
    if previous is None:
        return "new"
    if previous > rank:
        return f"↑{previous - rank}"
    if previous < rank:
        return f"↓{rank - previous}"
    return "same"


def add_movement(boards: MutableMapping[str, pd.DataFrame], previous: Previous) -> None:
    """Give every ranked board ``previous_rank`` and ``movement`` columns after ``rank``
    (in place, so a Boards object keeps its notes)."""
    for key, df in list(boards.items()):
        kind = key.rsplit("/", 1)[-1]
        subject = SUBJECT.get(kind)
        if subject is None or df is None or "rank" not in df.columns or subject not in df:
            continue
        before = previous.ranks.get(key) if previous.date else None
        if before is None:
            prev = pd.Series(pd.NA, index=df.index, dtype="Int64")
            move = pd.Series(None, index=df.index, dtype="object")
            if previous.date:  # the board did not exist then: everyone is new
                move[:] = "new"
        else:
            prev = df[subject].map(lambda s, b=before: b.get(str(s).lower())).astype("Int64")
            move = pd.Series(
                [
                    movement_text(int(r), None if pd.isna(p) else int(p))
                    for r, p in zip(df["rank"], prev, strict=True)
                ],
                index=df.index,
                dtype="object",
            )
        out = df.drop(columns=["previous_rank", "movement"], errors="ignore")
        at = list(out.columns).index("rank") + 1
        out.insert(at, "previous_rank", prev)
        out.insert(at + 1, "movement", move)
        boards[key] = out


@dataclass
class BoardMovement:
    key: str
    entered: list[dict]  # rows new on the board, best rank first
    risers: list[dict]  # biggest rises first
    fallers: list[dict]  # biggest falls first
    left: list[tuple[str, int]]  # (subject, previous rank) no longer on the board


def board_movement(key: str, df: pd.DataFrame, previous: Previous, top: int = 5) -> BoardMovement:
    """Who entered, rose, fell and left one board since the previous snapshot."""
    subject = SUBJECT[key.rsplit("/", 1)[-1]]
    rows = df.to_dict("records") if "movement" in df.columns else []
    entered = [r for r in rows if r.get("movement") == "new"][:top]
    moved = [
        (int(r["previous_rank"]) - int(r["rank"]), r)
        for r in rows
        if r.get("movement") not in (None, "new", "same") and not pd.isna(r.get("previous_rank"))
    ]
    risers = [r for d, r in sorted(moved, key=lambda x: -x[0]) if d > 0][:top]
    fallers = [r for d, r in sorted(moved, key=lambda x: x[0]) if d < 0][:top]
    now = {str(s).lower() for s in df[subject]} if subject in df else set()
    before = previous.ranks.get(key, {})
    left = sorted(
        ((previous.names.get(s, s), r) for s, r in before.items() if s not in now),
        key=lambda x: x[1],
    )
    return BoardMovement(key, entered, risers, fallers, left[:top])
