"""GitHub-like ids: numbers that grow with creation time, and their GraphQL node ids."""

from __future__ import annotations

import base64
import random
from datetime import date

# GitHub ids grow with time; these knots make ids look right for their creation date.
USER_ID_KNOTS = [
    (date(2008, 1, 1), 1),
    (date(2012, 1, 1), 1_200_000),
    (date(2014, 1, 1), 6_000_000),
    (date(2016, 1, 1), 16_000_000),
    (date(2018, 1, 1), 35_000_000),
    (date(2020, 1, 1), 60_000_000),
    (date(2022, 1, 1), 97_000_000),
    (date(2024, 1, 1), 152_000_000),
    (date(2026, 1, 1), 225_000_000),
    (date(2028, 1, 1), 300_000_000),
]
REPO_ID_KNOTS = [
    (date(2008, 1, 1), 1),
    (date(2018, 1, 1), 115_000_000),
    (date(2019, 1, 1), 163_000_000),
    (date(2020, 1, 1), 231_000_000),
    (date(2021, 1, 1), 326_000_000),
    (date(2022, 1, 1), 443_000_000),
    (date(2023, 1, 1), 584_000_000),
    (date(2024, 1, 1), 737_000_000),
    (date(2025, 1, 1), 910_000_000),
    (date(2026, 1, 1), 1_100_000_000),
    (date(2028, 1, 1), 1_500_000_000),
]


def id_for(d: date, knots: list[tuple[date, int]], rng: random.Random, used: set[int]) -> int:
    """A fresh id (not in `used`, then added to it) of about the size GitHub gave on `d`."""
    for (d0, v0), (d1, v1) in zip(knots, knots[1:], strict=False):
        if d <= d1:
            frac = max(0.0, (d - d0).days / max(1, (d1 - d0).days))
            base = int(v0 + frac * (v1 - v0))
            break
    else:
        base = knots[-1][1]
    ident = base + rng.randrange(0, 20_000)
    while ident in used:
        ident += 1
    used.add(ident)
    return ident


def node_id(prefix: str, ident: int) -> str:
    """A GraphQL node id of the modern form (``U_kgDO...``) for a numeric id."""
    raw = b"\x93\x00\xce" + ident.to_bytes(4, "big")
    return prefix + "_kgDO" + base64.b64encode(raw).decode("ascii").rstrip("=")[4:]
