"""The world under construction, passed from part to part: the two random streams, the data
pools, the calendar, and the people and repos built so far.

Every random draw comes from ``rng`` (a ``random.Random(seed)``) or ``nrng`` (a
``numpy.random.default_rng(seed)``), so the parts must run in the order
``ghtalent.mirror.generate`` calls them. The sets here are for uniqueness checks only: nothing
iterates over a set of strings (whose order depends on PYTHONHASHSEED).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from ghtalent.mirror.world_parts.base import load_pools
from ghtalent.mirror.world_parts.waves import Calendar

if TYPE_CHECKING:
    from ghtalent.mirror.world_parts.crowd import Crowd


@dataclass
class Draft:
    """A world being built for one seed and set of arguments."""

    seed: int
    rpk: int  # repos per keyword
    people: int  # accounts in all: users, organizations and bots
    anchor: date  # the world's "today"
    extra: int  # extra low-star matches per keyword
    rng: random.Random = field(init=False)
    nrng: np.random.Generator = field(init=False)
    pools: dict[str, Any] = field(init=False)
    cal: Calendar = field(init=False)
    anchor_dt: datetime = field(init=False)
    # Lower-case logins, X handles, used ids and repo full names (uniqueness only).
    logins: set[str] = field(default_factory=set)
    handles: set[str] = field(default_factory=set)
    user_ids: set[int] = field(default_factory=set)
    repo_ids: set[int] = field(default_factory=set)
    full_names: set[str] = field(default_factory=set)
    # Internal records: users + orgs + bots, and repos (keys starting "_" never leave).
    persons: list[dict[str, Any]] = field(default_factory=list)
    repos: list[dict[str, Any]] = field(default_factory=list)
    # Organizations (labs, companies, universities, startups), and the same by region.
    entities: list[dict[str, Any]] = field(default_factory=list)
    by_region: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    crowd: Crowd | None = None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.nrng = np.random.default_rng(self.seed)
        self.pools = load_pools()
        self.cal = Calendar(self.anchor)
        self.anchor_dt = datetime(self.anchor.year, self.anchor.month, self.anchor.day, 12, 0, 0)
