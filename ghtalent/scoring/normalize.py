"""Putting heavy-tailed counts on a common 0–100 scale within one board."""

from __future__ import annotations

import numpy as np
import pandas as pd


def normalize(values: pd.Series, method: str = "percentile") -> pd.Series:
    """Scale `values` to 0–100 within the board; 0 or unknown counts score 0."""
    v = pd.to_numeric(values, errors="coerce").fillna(0).clip(lower=0).astype(float)
    if v.empty:
        return v
    if method == "percentile":
        # Average rank among all rows, so ties share one score; log1p would not change ranks.
        n = len(v)
        if n == 1:
            out = pd.Series(100.0, index=v.index)
        else:
            out = 100.0 * (v.rank(method="average") - 1.0) / (n - 1)
    elif method == "log_minmax":
        top = np.log1p(v.max())
        out = 100.0 * np.log1p(v) / top if top > 0 else pd.Series(0.0, index=v.index)
    else:
        raise ValueError(f"unknown normalization {method!r}; known: percentile, log_minmax")
    return out.where(v > 0, 0.0)
