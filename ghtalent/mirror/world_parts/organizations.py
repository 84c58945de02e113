"""Organizations: the real-style labs, companies and universities of the pools, invented
startups to fill a large world, and the organization accounts among them."""

from __future__ import annotations

from datetime import date, timedelta

from ghtalent.mirror.world_parts.base import GROUPS, REGION_WEIGHTS, REGIONS, SLUG, weighted
from ghtalent.mirror.world_parts.draft import Draft
from ghtalent.mirror.world_parts.names import unique_login


def build_entities(d: Draft, n_orgs: int) -> None:
    """Real-style organizations first, then invented startups up to `n_orgs` org accounts."""
    A = d.pools["affiliations"]
    rng = d.rng
    d.entities = [dict(e) for e in A["entities"]]
    real_orgs = [e for e in d.entities if e.get("org")]
    n_real = min(len(real_orgs), max(6, n_orgs // 2))
    # Most important (heaviest total affinity) real orgs first, so small worlds keep them.
    ranked = sorted(real_orgs, key=lambda e: -sum(e["affinity"].values()))
    keep_real = {id(e) for e in ranked[:n_real]}
    for e in d.entities:
        if e.get("org") and id(e) not in keep_real:
            e["org"] = None
    used_names: set[str] = set()
    for _ in range(max(0, n_orgs - n_real)):
        for _try in range(50):
            name = f"{rng.choice(A['startup_prefix'])} {rng.choice(A['startup_suffix'])}"
            if _try > 10:
                name = f"{rng.choice(A['startup_prefix'])}{rng.choice(A['startup_prefix'])} {rng.choice(A['startup_suffix'])}"
            if name not in used_names:
                break
        else:
            name = f"{name} {rng.randrange(2, 9999)}"
        used_names.add(name)
        slug = name.lower().replace(" ", "-")
        region = weighted(rng, list(REGIONS), list(REGION_WEIGHTS))
        dom = slug.replace("-", "") + rng.choice([".ai", ".com", ".io", ".dev"])
        aff = {k: rng.random() * 1.5 for k in SLUG.values() if rng.random() < 0.4}
        d.entities.append(
            {
                "key": "x-" + slug,
                "name": name,
                "kind": "startup",
                "region": region,
                "raw": [
                    name,
                    "@" + slug,
                    name + rng.choice([" Inc.", ", Inc.", " Ltd.", ""]),
                    slug,
                ],
                "domain": dom,
                "org": slug,
                "org_name": name,
                "org_blog": rng.choice([f"https://{dom}", f"https://www.{dom}", "", None]),
                "org_location": rng.choice(A["startup_cities"]),
                "affinity": aff,
                "weight": 0.3,
                "invented": True,
            }
        )
    d.by_region = {r: [] for r in REGIONS}
    for e in d.entities:
        d.by_region.setdefault(e["region"], []).append(e)


def make_orgs(d: Draft) -> None:
    """An organization account for each entity that has an org login (founded 2010-2023)."""
    rng = d.rng
    for e in d.entities:
        if not e.get("org"):
            continue
        created = date(2010, 1, 1) + timedelta(days=rng.randrange(0, 14 * 365))
        login = unique_login(d, [e["org"]])
        e["org"] = login
        p = {
            "kind": "Organization",
            "login": login,
            "entity": e,
            "created": created,
            "region": e["region"],
            "group": rng.choice(GROUPS),
            "invented": e.get("invented", False),
        }
        e["person_idx"] = len(d.persons)
        d.persons.append(p)
