"""The world as the mirror serves it: indexes by login and full name, with every date shifted by
whole weeks so the world always looks current (weeks stay Sunday-aligned)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

from ghtalent.mirror.world import matches


class World:
    """Indexes over a world dict, with every date shifted to look current."""

    def __init__(self, world: dict, today: date | None = None):
        self.raw = world
        anchor = date.fromisoformat(world["meta"]["anchor_date"])
        today = today or datetime.now(UTC).date()
        self.shift = timedelta(days=7 * max(0, (today - anchor).days // 7))
        self.accounts = {a["login"].lower(): a for a in world["accounts"]}
        self.repos = {f"{r['owner']}/{r['name']}".lower(): r for r in world["repos"]}
        self.pages: dict[str, str] = world.get("pages", {})
        self.page_faults: dict[str, str] = world.get("page_faults", {})
        self.social: dict[str, int] = {k.lower(): v for k, v in world.get("social", {}).items()}
        self._search_cache: dict[str, list[dict]] = {}
        self._lock = threading.Lock()

    def ts(self, value: str | None) -> str | None:
        if not value:
            return None
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")) + self.shift
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def search(self, term: str) -> list[dict]:
        key = term.lower()
        with self._lock:
            if key not in self._search_cache:
                found = [r for r in self.raw["repos"] if matches(r, term)]
                found.sort(key=lambda r: (-r["stargazers_count"], r["id"]))
                self._search_cache[key] = found
            return self._search_cache[key]
