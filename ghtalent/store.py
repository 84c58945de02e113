"""A small SQLite store of JSON values by login, each with the time it was fetched.

Shared by every keyword partition and every process (WAL; writers wait up to a minute), so a
person is looked up once and reused while younger than the caller's `max_age_days`. Logins are
kept lower-case. A stored None is an answer too ("GitHub has no such user").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

_CHUNK = 500  # logins per query (SQLite caps bound parameters)


class LoginStore:
    def __init__(self, path: Path | str, table: str, column: str = "value"):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._table, self._column = table, column
        self._db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # WAL's safe pairing (requests-cache uses it too): a commit is durable once the process
        # has written it, a kill loses nothing committed, and no fsync is paid per `put` (one
        # per scraped page or profile batch). Only a power cut may undo the last commits.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {table} ("
            f" login TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, {column} TEXT)"
        )
        self._db.commit()

    def get_fresh(
        self, logins: Iterable[str], now: datetime, max_age_days: float
    ) -> dict[str, Any]:
        """Stored values younger than `max_age_days`, keyed by lower-case login."""
        cutoff = (now - timedelta(days=max_age_days)).isoformat()
        keys = list(dict.fromkeys(login.lower() for login in logins))
        found: dict[str, Any] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for login, value in self._db.execute(
                f"SELECT login, {self._column} FROM {self._table} "
                f"WHERE fetched_at >= ? AND login IN ({marks})",
                [cutoff, *chunk],
            ):
                found[login] = json.loads(value) if value else None
        return found

    def put(self, values: Mapping[str, Any], now: datetime | None = None) -> None:
        """Store (replace) values by login, stamped `now`; committed at once."""
        stamp = (now or datetime.now(UTC)).isoformat()
        self._db.executemany(
            f"INSERT OR REPLACE INTO {self._table} (login, fetched_at, {self._column}) "
            "VALUES (?, ?, ?)",
            [
                (login.lower(), stamp, json.dumps(v, ensure_ascii=False) if v else None)
                for login, v in values.items()
            ],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
