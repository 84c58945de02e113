"""Profiles fetched from GitHub, shared by every keyword partition (and every process).

A person found under three keywords is fetched once: lookups go through this store first.
Profiles change slowly, so one younger than `max_age_days` is reused on later dates too,
which keeps a next-day refresh to revalidations (free 304s) instead of new GraphQL batches.
Plain sqlite: requests-cache cannot key GraphQL answers per login (one POST holds 50 logins).
"""

from __future__ import annotations

from pathlib import Path

from ghtalent.store import LoginStore


class UserStore(LoginStore):
    """Profile rows by login (a None value: GitHub had no such user)."""

    def __init__(self, path: Path | str):
        super().__init__(path, table="profiles", column="row")
