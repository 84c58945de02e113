"""Checks a scout would run on exported boards: order inversions, spread, authorship, lightning.

Pure functions over board frames (the CSV exports read back); `scripts/board_checks.py`
prints them for a date's export folder.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

POWER_COMPONENTS = ("credited_stars", "credited_forks", "followers")


def power_inversions(board: pd.DataFrame, top: int = 100, factor: float = 2.0) -> int:
    """Pairs among the first `top` rows where the lower-ranked person has at least `factor`×
    the higher-ranked one's credited stars, credited forks and followers (all three)."""
    df = board.sort_values("rank").head(top)
    if df.empty:
        return 0
    vals = df[list(POWER_COMPONENTS)].apply(pd.to_numeric, errors="coerce").fillna(0)
    v = vals.to_numpy(dtype=float)
    # hi[i] ranked above lo[j] (i < j): inversion when v[j] >= factor * v[i] in every column.
    dominated = np.ones((len(v), len(v)), dtype=bool)
    for c in range(v.shape[1]):
        dominated &= v[None, :, c] >= factor * v[:, None, c]
    return int(np.triu(dominated, k=1).sum())


def top_spread(board: pd.DataFrame, score: str = "power_score", top: int = 10) -> float | None:
    """Points between the first and the `top`-th row's score (None when the board is empty)."""
    s = pd.to_numeric(board.sort_values("rank").head(top)[score], errors="coerce").dropna()
    return float(s.max() - s.min()) if len(s) else None


def lightning_zero_days(board: pd.DataFrame) -> int:
    """Rows that read "0 days" to the threshold."""
    days = pd.to_numeric(board.get("days_to_threshold"), errors="coerce")
    return int((days == 0).sum()) if days is not None else 0
