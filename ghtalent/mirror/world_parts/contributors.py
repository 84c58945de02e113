"""Contributors: who committed to each repo and how much, with bots and anonymous committers
(git identities with no account) as real lists have them."""

from __future__ import annotations

import math
from typing import Any

from ghtalent.mirror.world_parts.base import BOT_WEIGHTS, BOTS, GROUP_OF, ascii_fold, weighted
from ghtalent.mirror.world_parts.draft import Draft


def add_contributors(d: Draft) -> None:
    """Contributor lists (commits descending): the owner or org members, people of the repo's
    group and anyone, now and then a bot or an anonymous committer."""
    rng, nrng, crowd = d.rng, d.nrng, d.crowd
    assert crowd is not None, "build the crowd before the contributors"
    N = d.pools["names"]
    for r in d.repos:
        if r["contributors_status"] != "ok" or r["status"] != "ok":
            r["contributors"] = []
            continue
        stars = r["stargazers_count"]
        n = int(round(math.exp(nrng.normal(0.5 * math.log(stars + 1) - 1.0, 0.7))))
        n = max(1, min(100, n))
        commits = sorted(((nrng.pareto(1.1, n) + 1.0) * 2.0).astype(int).tolist(), reverse=True)
        commits[0] = int(commits[0] * math.exp(nrng.normal(1.5, 0.8))) + 1
        people: list[int] = []
        seen: set[int] = set()
        owner = r["_owner"]
        op = d.persons[owner]
        if op["kind"] == "User":
            people.append(owner)
            seen.add(owner)
        else:
            members = crowd.members.get(owner, [])
            if members:
                k = min(len(members), n, 1 + int(nrng.geometric(0.35)))
                for m in rng.sample(members, k):
                    if m not in seen:
                        people.append(m)
                        seen.add(m)
        g = GROUP_OF.get(r["_slug"] or "llm", "lm")
        need = n - len(people)
        if need > 0:
            draws = crowd.contrib[g].draw(nrng, int(need * 0.7) + 2) + crowd.contrib_all.draw(
                nrng, need + 2
            )
            for u in draws:
                if len(people) >= n:
                    break
                if u not in seen:
                    people.append(u)
                    seen.add(u)
        if op["kind"] == "User" and len(people) > 1 and rng.random() < 0.1:
            # Sometimes a co-maintainer out-commits the owner.
            people[0], people[1] = people[1], people[0]
        entries: list[list[Any]] = [
            [d.persons[u]["login"], c] for u, c in zip(people, commits, strict=False)
        ]
        if rng.random() < (0.35 if len(entries) >= 5 else 0.06):
            bot = weighted(rng, list(BOTS), list(BOT_WEIGHTS))
            entries.append([bot, max(1, int(nrng.pareto(1.0) * 3))])
            if rng.random() < 0.15:
                other = weighted(rng, list(BOTS), list(BOT_WEIGHTS))
                if other != bot:
                    entries.append([other, max(1, int(nrng.pareto(1.0) * 2))])
        if rng.random() < 0.12:
            for _ in range(rng.randrange(1, 3)):
                anon = rng.choice(
                    [
                        "root",
                        "ubuntu",
                        "unknown",
                        "Your Name",
                        "张三",
                        "dev",
                        ascii_fold(rng.choice(N["us"]["first"]))
                        + " "
                        + rng.choice(N["us"]["last"]),
                        rng.choice(N["china"]["family"])[0] + rng.choice(N["china"]["given"])[0],
                    ]
                )
                entries.append([None, max(1, int(nrng.pareto(1.2) * 2)), anon])
        entries.sort(key=lambda e: -e[1])  # stable: ties keep insertion order
        r["contributors"] = entries
