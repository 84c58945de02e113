"""Star histories: how many stars each repo gained in each week since its creation, shaped by
its kind (lightning, hype, recent, revival, steady) and by the attention its keyword drew."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from ghtalent.mirror.world import week_start
from ghtalent.mirror.world_parts.draft import Draft


def week_starts(created: date, anchor: date) -> list[date]:
    """The Sundays of the weeks from the one containing `created` to the one containing `anchor`."""
    first = week_start(created)
    n_weeks = (week_start(anchor) - first).days // 7 + 1
    return [first + timedelta(weeks=i) for i in range(n_weeks)]


def star_weeks(
    stars: int, kind: str, attention: np.ndarray, nrng: np.random.Generator
) -> list[int]:
    """Stars gained in each week of `attention` (one entry a week, oldest first), shaped by the
    history `kind`; the sum is exactly `stars`."""
    n = len(attention)
    t = np.arange(n, dtype=np.float64)
    steady = (t + 1.0) ** nrng.uniform(-0.3, 0.5) * (0.15 + attention) ** 1.5
    steady /= steady.sum()
    if kind == "lightning":
        # Noticed within days or a few weeks of creation, then a long decaying tail.
        t0 = min(float(nrng.choice([0, 0, 1, 1, 2, 3, 5, 8])), n - 1.0)
        tau1 = nrng.uniform(1.0, 6.0)
        burst = np.where(t >= t0, np.exp(-(t - t0) / tau1), 0.0)
        tail = np.exp(-t / nrng.uniform(8, 60))
        frac = nrng.uniform(0.3, 0.65)
        w = frac * burst / burst.sum() + (1 - frac) * (0.6 * tail / tail.sum() + 0.4 * steady)
    elif kind == "hype":
        t0 = int(nrng.integers(0, max(1, min(n, 40))))
        tau = nrng.uniform(2, 20)
        bump = np.where(t >= t0, np.exp(-(t - t0) / tau), 0.0)
        frac = nrng.uniform(0.4, 0.8)
        w = frac * bump / bump.sum() + (1 - frac) * steady
    elif kind == "recent":
        tau = nrng.uniform(1.0, 6.0)
        w = np.exp((t - n) / tau) + 0.02
    elif kind == "revival":
        t1 = int(nrng.integers(n // 3, max(n // 3 + 1, n)))
        bump = np.where(t >= t1, np.exp(-(t - t1) / nrng.uniform(2, 12)), 0.0)
        w = 0.5 * steady + 0.5 * bump / bump.sum()
    else:
        w = steady
    w = w * np.exp(nrng.normal(0.0, 0.25, n))
    return nrng.multinomial(stars, w / w.sum()).tolist()


def add_star_histories(d: Draft) -> None:
    """Fill ``star_weeks`` of every repo (decoys follow the LLM calendar)."""
    for r in d.repos:
        weeks = week_starts(r["_created"].date(), d.anchor)
        attention = d.cal.attention(r["_slug"] or "llm", weeks)
        r["star_weeks"] = star_weeks(r["stargazers_count"], r["_kind"], attention, d.nrng)
