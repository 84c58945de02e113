"""Bilingual labels (English + Chinese) for boards, scopes, sections and columns, from
labels.toml beside this module."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

LABELS_FILE = Path(__file__).with_name("labels.toml")


@lru_cache(maxsize=1)
def _labels() -> dict:
    with LABELS_FILE.open("rb") as f:
        return tomllib.load(f)


def board_title(board: str) -> tuple[str, str]:
    """(English, Chinese) name of a board kind; an unknown kind is named by its slug."""
    entry = _labels()["boards"].get(board)
    if entry is None:
        return board.replace("_", " ").capitalize(), ""
    return entry["en"], entry["zh"]


def section_title(section: str) -> tuple[str, str]:
    entry = _labels()["sections"][section]
    return entry["en"], entry["zh"]


def scope_title(scope: str, group_labels: Mapping[str, str]) -> tuple[str, str]:
    """(English, Chinese) name of a scope: the overall board or a keyword group's sub-board."""
    scopes = _labels()["scopes"]
    if scope in scopes and scope != "group":  # overall, and scopes named in labels.toml
        return scopes[scope]["en"], scopes[scope]["zh"]
    label = str(group_labels.get(scope, scope))
    return label, f"{scopes['group']['zh']} {label}"


def column_zh(column: str) -> str:
    """The Chinese heading of a column, or '' when labels.toml has none."""
    return str(_labels()["columns"].get(str(column), ""))
