"""Rank movement between two snapshots, on boards shaped like the builder's."""

from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.boards.movement import (
    Previous,
    add_movement,
    board_movement,
    movement_text,
    previous_from_long,
)


def _long(date: str, board: str, subjects: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.Timestamp(date),
            "board": board,
            "rank": range(1, len(subjects) + 1),
            "subject": subjects,
        }
    )


@pytest.mark.parametrize(
    ("rank", "previous", "expected"),
    [(1, None, "new"), (2, 5, "↑3"), (7, 3, "↓4"), (4, 4, "same")],
)
def test_movement_text(rank, previous, expected):
    assert movement_text(rank, previous) == expected


def test_rows_get_previous_rank_and_change_and_the_board_keeps_its_other_columns():
    previous = previous_from_long(_long("2026-11-23", "overall/people_power", ["a", "B", "c", "d"]))
    boards = {
        "overall/people_power": pd.DataFrame(
            {"rank": [1, 2, 3, 4], "login": ["b", "newbie", "a", "c"], "power_score": [9, 8, 7, 6]}
        ),
        "overall/top_terms": pd.DataFrame({"rank": [1], "term": ["llm"]}),
    }
    add_movement(boards, previous)
    board = boards["overall/people_power"]
    assert list(board.columns) == ["rank", "previous_rank", "movement", "login", "power_score"]
    assert board["movement"].tolist() == ["↑1", "new", "↓2", "↓1"]  # logins match case-blind
    assert board["previous_rank"].tolist()[0] == 2 and pd.isna(board["previous_rank"][1])
    assert "movement" not in boards["overall/top_terms"], "terms are not a ranking of subjects"
    moved = board_movement("overall/people_power", board, previous)
    assert [r["login"] for r in moved.entered] == ["newbie"]
    assert [r["login"] for r in moved.risers] == ["b"]
    assert [r["login"] for r in moved.fallers] == ["a", "c"]
    assert moved.left == [("d", 4)]


def test_first_snapshot_leaves_movement_unknown_and_a_new_board_is_all_new():
    boards = {"overall/repos": pd.DataFrame({"rank": [1], "full_name": ["o/r"]})}
    add_movement(boards, Previous())
    assert boards["overall/repos"]["movement"].isna().all()
    previous = previous_from_long(_long("2026-11-23", "overall/people_power", ["a"]))
    add_movement(boards, previous)  # re-applying replaces the columns, never duplicates them
    assert boards["overall/repos"]["movement"].tolist() == ["new"]
    assert list(boards["overall/repos"].columns).count("movement") == 1
