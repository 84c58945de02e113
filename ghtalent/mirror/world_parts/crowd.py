"""Who builds and who contributes: weighted samplers over the people of a world.

A few people contribute everywhere, most to one or two repos; some builders own several strong
projects; organizations own repos in proportion to their affinity to a keyword.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ghtalent.mirror.world_parts.base import GROUPS, KEYWORDS, SLUG
from ghtalent.mirror.world_parts.draft import Draft


class Sampler:
    """Weighted sampling with replacement by binary search over cumulative weights (fast)."""

    def __init__(self, items: list[int], weights: np.ndarray):
        self.items = np.asarray(items, dtype=np.int64)
        self.cum = np.cumsum(np.asarray(weights, dtype=np.float64))
        self.total = float(self.cum[-1]) if len(self.cum) else 0.0

    def draw(self, nrng: np.random.Generator, k: int) -> list[int]:
        """`k` items (person indexes), drawn by weight."""
        if not len(self.items) or k <= 0:
            return []
        idx = np.searchsorted(self.cum, nrng.random(k) * self.total, side="right")
        idx = np.minimum(idx, len(self.items) - 1)
        return self.items[idx].tolist()


@dataclass
class Crowd:
    """The samplers, by group or keyword, over indexes into ``Draft.persons``."""

    builders: dict[str, Sampler]  # repo owners of each group
    builders_all: Sampler
    contrib: dict[str, Sampler]  # contributors of each group, by activity
    contrib_all: Sampler
    anyone: Sampler  # every user alike (owners of low-star repos)
    org_real: dict[str, Sampler]  # real-style organizations by affinity to each keyword
    org_invented: dict[str, Sampler]  # invented startups, when there are any
    members: dict[int, list[int]]  # organization -> users affiliated with it


def build_crowd(d: Draft) -> Crowd:
    """Activity weights for every user, and the samplers built from them."""
    nrng = d.nrng
    users = [i for i, p in enumerate(d.persons) if p["kind"] == "User"]
    n_users = len(users)
    # Activity weights: a few people contribute everywhere, most to one or two repos.
    act = nrng.pareto(1.3, n_users) + 0.05
    for i, a in zip(users, act.tolist(), strict=True):
        d.persons[i]["act"] = a
    # Builders: people who own repos (preferential: some own several strong projects).
    total_repos = len(KEYWORDS) * (d.rpk + d.extra)
    n_builders = max(20, min(n_users, int(total_repos * 0.45)))
    order = nrng.permutation(n_users)[:n_builders].tolist()
    builders = sorted(users[j] for j in order)
    bw = nrng.pareto(1.1, len(builders)) + 0.2

    def by_group(people: list[int], weights: list[float], g: str) -> Sampler:
        keep = [d.persons[i]["group"] == g for i in people]
        return Sampler(
            [i for i, k in zip(people, keep, strict=True) if k],
            np.array([w for w, k in zip(weights, keep, strict=True) if k]),
        )

    # Org samplers per keyword: real orgs by affinity, invented orgs by their small affinity.
    orgs = [e for e in d.entities if e.get("org")]
    real = [e for e in orgs if not e.get("invented")]
    inv = [e for e in orgs if e.get("invented")]
    org_real = {}
    org_invented = {}
    for slug in SLUG.values():
        org_real[slug] = Sampler(
            [e["person_idx"] for e in real],
            np.array([e["affinity"].get(slug, 0.05) ** 1.5 for e in real]),
        )
        if inv:
            org_invented[slug] = Sampler(
                [e["person_idx"] for e in inv],
                np.array([e["affinity"].get(slug, 0.02) + 0.02 for e in inv]),
            )
    # Members of each org: users whose affiliation is that org.
    members: dict[int, list[int]] = {}
    for u in users:
        e = d.persons[u]["entity"]
        if e is not None and e.get("org"):
            members.setdefault(e["person_idx"], []).append(u)
    return Crowd(
        builders={g: by_group(builders, list(bw), g) for g in GROUPS},
        builders_all=Sampler(builders, bw),
        contrib={g: by_group(users, [d.persons[u]["act"] for u in users], g) for g in GROUPS},
        contrib_all=Sampler(users, act),
        anyone=Sampler(users, np.ones(n_users)),
        org_real=org_real,
        org_invented=org_invented,
        members=members,
    )
