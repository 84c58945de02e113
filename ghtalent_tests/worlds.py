"""Hand-built worlds for tests that need a mirror smaller than the bundled snapshot."""

from __future__ import annotations

from datetime import date

# Rate limits high enough that no test waits on them (the rate-limit tests switch faults on).
NO_LIMITS = {k: (10**6, 3600) for k in ("core", "search", "graphql")}


def world_of(accounts: list[dict], repos: list[dict], keywords: list[str]) -> dict:
    """A world dict in the mirror's format, anchored today, with no pages."""
    return {
        "meta": {
            "schema": 1,
            "seed": 0,
            "anchor_date": date.today().isoformat(),
            "synthetic": True,
            "keywords": keywords,
            "repos_per_keyword": len(repos),
            "people": len(accounts),
        },
        "accounts": accounts,
        "repos": repos,
        "pages": {},
        "page_faults": {},
        "social": {},
    }
