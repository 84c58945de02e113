"""People: the user records (region, name, affiliation, role), the bots, and what follows from
what they built (followers, notability, the age of each account)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from ghtalent.mirror.world_parts.base import BOTS, GROUPS, REGION_WEIGHTS, REGIONS, weighted
from ghtalent.mirror.world_parts.draft import Draft
from ghtalent.mirror.world_parts.names import person_name


def make_users(d: Draft, n_users: int) -> None:
    """`n_users` users: region, name, affiliation (most often a local one), role and group."""
    rng = d.rng
    ents_all = d.entities
    # Invented startups share a quarter of the weight of the real organizations, however
    # many of them there are (a large world has thousands).
    real_total = sum(float(e["weight"]) for e in ents_all if not e.get("invented"))
    n_inv = sum(1 for e in ents_all if e.get("invented"))
    inv_w = 0.25 * real_total / max(1, n_inv)

    def weight(e: dict[str, Any]) -> float:
        return inv_w if e.get("invented") else float(e["weight"])

    def cum(ents: list[dict[str, Any]]) -> list[float]:
        return np.cumsum([weight(e) for e in ents]).tolist()

    cum_all = cum(ents_all)
    cum_region = {r: cum(d.by_region.get(r, [])) for r in REGIONS}
    groups = [weighted(rng, list(GROUPS), [55, 25, 20]) for _ in range(n_users)]
    for i in range(n_users):
        region = weighted(rng, list(REGIONS), list(REGION_WEIGHTS))
        display, cands, roman = person_name(d, region)
        entity = None
        if rng.random() < 0.62:
            local = d.by_region.get(region)
            if local and rng.random() < 0.78:
                entity = rng.choices(local, cum_weights=cum_region[region], k=1)[0]
            else:
                entity = rng.choices(ents_all, cum_weights=cum_all, k=1)[0]
        if entity is None:
            role = weighted(rng, ["indie", "student", "engineer"], [45, 25, 30])
        elif entity["kind"] == "university":
            role = weighted(rng, ["student", "professor", "researcher"], [70, 10, 20])
        elif entity["kind"] == "startup":
            role = weighted(rng, ["engineer", "founder", "researcher"], [50, 15, 35])
        else:
            role = weighted(rng, ["researcher", "engineer"], [50, 50])
        d.persons.append(
            {
                "kind": "User",
                "cands": cands,
                "display": display,
                "roman": roman,
                "region": region,
                "entity": entity,
                "role": role,
                "group": groups[i],
            }
        )


def add_bots(d: Draft) -> None:
    """The bot accounts that show up in contributor lists."""
    for b in BOTS:
        d.logins.add(b.lower())
        d.persons.append({"kind": "Bot", "login": b, "region": "other", "entity": None})


def people_stats(d: Draft) -> None:
    """Followers, public repos and notability from what people built."""
    nrng, rng = d.nrng, d.rng
    owned_stars: dict[int, int] = {}
    owned_count: dict[int, int] = {}
    contrib_stars: dict[int, float] = {}
    first_repo: dict[int, datetime] = {}
    idx_of = {p["login"]: i for i, p in enumerate(d.persons) if p["kind"] != "Bot"}
    for r in d.repos:
        o = r["_owner"]
        owned_count[o] = owned_count.get(o, 0) + 1
        if r["status"] == "ok":
            owned_stars[o] = owned_stars.get(o, 0) + r["stargazers_count"]
        first_repo[o] = min(first_repo.get(o, r["_created"]), r["_created"])
        total = sum(e[1] for e in r["contributors"]) or 1
        for e in r["contributors"][:10]:
            if e[0] is None or e[0] not in idx_of:
                continue
            i = idx_of[e[0]]
            contrib_stars[i] = contrib_stars.get(i, 0.0) + r["stargazers_count"] * e[1] / total
            first_repo[i] = min(first_repo.get(i, r["_created"]), r["_created"])
    n = len(d.persons)
    base = np.exp(nrng.normal(2.0, 1.7, n)) - 1
    m_owned = np.exp(nrng.normal(-2.6, 1.2, n))
    m_contrib = np.exp(nrng.normal(-2.7, 1.0, n))
    for i, p in enumerate(d.persons):
        if p["kind"] == "Bot":
            p["followers"] = 0
            continue
        f = base[i] + owned_stars.get(i, 0) * m_owned[i] + contrib_stars.get(i, 0.0) * m_contrib[i]
        if p["kind"] == "Organization":
            f = f * 0.5 + (
                math.exp(nrng.normal(7.5, 1.0))
                if not p["invented"]
                else math.exp(nrng.normal(2.5, 1.5))
            )
            f += owned_stars.get(i, 0) * 0.03
        p["followers"] = int(min(f, 250_000))
        p["owned"] = owned_count.get(i, 0)
        p["owned_stars"] = owned_stars.get(i, 0)
        p["contrib_stars"] = contrib_stars.get(i, 0.0)
        p["first_repo"] = first_repo.get(i)
        p["notable"] = p["owned"] > 0 or p["contrib_stars"] >= 1500 or p["followers"] >= 1000
    # Account creation: before anything they built, skewed to the 2012-2021 years.
    for p in d.persons:
        if p["kind"] == "Organization":
            c = p["created"]
        elif p["kind"] == "User":
            y = weighted(
                rng,
                list(range(2008, 2026)),
                [1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 8, 8, 7, 6, 5, 4, 3],
            )
            c = date(y, 1, 1) + timedelta(days=rng.randrange(0, 365))
        else:
            c = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 4 * 365))
        limit = p.get("first_repo")
        if limit is not None and c >= limit.date():
            c = limit.date() - timedelta(days=rng.randrange(1, 900))
        c = min(c, d.anchor - timedelta(days=30))
        p["created"] = c
