"""Profiles fetched from GitHub, shared by every keyword partition (and every process).

A person found under three keywords is fetched once: lookups go through this store first.
Profiles change slowly, so one younger than `max_age_days` is reused on later dates too,
which keeps a next-day refresh to revalidations (free 304s) instead of new GraphQL batches.
Plain sqlite: requests-cache cannot key GraphQL answers per login (one POST holds 50 logins).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path


class UserStore:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS profiles ("
            " login TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, row TEXT)"  # row NULL = no such user
        )
        self._db.commit()

    def get_fresh(
        self, logins: Iterable[str], now: datetime, max_age_days: float
    ) -> dict[str, dict | None]:
        """Stored profiles younger than `max_age_days` (a None value: GitHub had no such user)."""
        cutoff = (now - timedelta(days=max_age_days)).isoformat()
        found: dict[str, dict | None] = {}
        keys = [login.lower() for login in logins]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for login, row in self._db.execute(
                f"SELECT login, row FROM profiles WHERE fetched_at >= ? AND login IN ({marks})",
                [cutoff, *chunk],
            ):
                found[login] = json.loads(row) if row else None
        return found

    def put(self, profiles: dict[str, dict | None], now: datetime | None = None) -> None:
        stamp = (now or datetime.now(UTC)).isoformat()
        self._db.executemany(
            "INSERT OR REPLACE INTO profiles (login, fetched_at, row) VALUES (?, ?, ?)",
            [
                (login.lower(), stamp, json.dumps(row, ensure_ascii=False) if row else None)
                for login, row in profiles.items()
            ],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
