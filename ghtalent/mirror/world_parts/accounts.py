"""Accounts: the records the users API serves for each person (ids, profile fields, follower
counts, dates), and the X follower counts of the handles they link."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from ghtalent.mirror.world_parts.base import at_random_time, ts
from ghtalent.mirror.world_parts.draft import Draft
from ghtalent.mirror.world_parts.ids import USER_ID_KNOTS, id_for, node_id
from ghtalent.mirror.world_parts.profiles import twitter_handle


def make_accounts(d: Draft) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The account records (by id) and X follower counts (by handle) of every person."""
    rng, nrng = d.rng, d.nrng
    social: dict[str, int] = {}
    out = []
    for p in d.persons:
        c = p["created"]
        created = at_random_time(c, rng)
        p["id"] = id_for(c, USER_ID_KNOTS, rng, d.user_ids)
        span = max(1, (d.anchor_dt - created).days)
        updated = d.anchor_dt - timedelta(
            days=min(span - 1, int(nrng.exponential(90))), seconds=rng.randrange(0, 86400)
        )
        updated = max(updated, created)
        if p["kind"] == "Bot":
            acc = {
                "login": p["login"], "id": p["id"], "node_id": node_id("BOT", p["id"]), "type": "Bot",
                "name": None, "company": None, "blog": "", "location": None, "email": None, "bio": None,
                "twitter_username": None, "followers": 0, "following": 0, "public_repos": 0,
                "created_at": ts(created), "updated_at": ts(updated), "hireable": None,
            }  # fmt: skip
        elif p["kind"] == "Organization":
            e = p["entity"]
            tw = None
            if rng.random() < (0.15 if p["invented"] else 0.6):
                tw = twitter_handle(d, {"login": e["org"], "roman": e["name"]})
                social[tw] = int(p["followers"] * math.exp(nrng.normal(1.5, 1.0)))
            acc = {
                "login": p["login"], "id": p["id"], "node_id": node_id("O", p["id"]), "type": "Organization",
                "name": e.get("org_name") or e["name"], "company": None, "blog": e.get("org_blog") or "",
                "location": e.get("org_location"),
                "email": (f"opensource@{e['domain']}" if e.get("domain") and rng.random() < 0.3 else None),
                "bio": rng.choice([None, f"Open-source models and tools from {e['name']}", f"{e['name']} on GitHub", f"{e['name']} 开源项目"]),
                "twitter_username": tw, "followers": p["followers"], "following": 0,
                "public_repos": p["owned"]
                + int(math.exp(nrng.normal(2.5 if p["invented"] else 5.0, 1.2))),
                "created_at": ts(created), "updated_at": ts(updated), "hireable": None,
            }  # fmt: skip
        else:
            tw = p["twitter"]
            if tw and rng.random() < 0.88:
                social[tw] = int(
                    min(
                        3_000_000,
                        math.exp(nrng.normal(math.log(p["followers"] + 30) + 0.2, 1.3)),
                    )
                )
            acc = {
                "login": p["login"], "id": p["id"], "node_id": node_id("U", p["id"]), "type": "User",
                "name": p["display"], "company": p["company"], "blog": p["blog"], "location": p["location"],
                "email": p["email"], "bio": p["bio"], "twitter_username": tw, "followers": p["followers"],
                "following": int(min(5000, math.exp(nrng.normal(2.2, 1.5)))),
                "public_repos": p["owned"] + int(math.exp(nrng.normal(2.6, 1.2))),
                "created_at": ts(created), "updated_at": ts(updated),
                "hireable": True if rng.random() < 0.18 else None,
            }  # fmt: skip
        out.append(acc)
    out.sort(key=lambda a: a["id"])
    return out, dict(sorted(social.items(), key=lambda kv: kv[0].lower()))
