"""Repositories: names, descriptions and topics from the keyword vocabularies, owners, stars
and forks, push dates, ids, decoys that match no keyword, and the faults the pipeline must
survive (deleted, DMCA'd, contributor lists too large to list)."""

from __future__ import annotations

import math
from datetime import timedelta
from statistics import NormalDist
from typing import Any

import numpy as np

from ghtalent.mirror.world import matches
from ghtalent.mirror.world_parts.base import GROUP_OF, KEYWORDS, SLUG, ts, weighted, weighted_pair
from ghtalent.mirror.world_parts.draft import Draft
from ghtalent.mirror.world_parts.ids import REPO_ID_KNOTS, id_for


def main_stars(log10_stars: float) -> int:
    """Stars of a keyword repo from a log10 draw: capped at ~220k, folded up above ~80."""
    x = min(5.35, log10_stars)
    if x < 1.9:
        # Fold the low tail back up (no pile-up at the floor): search's top N ends near 100.
        x = 1.9 + min(0.5, (1.9 - x) * 0.4)
    return int(round(10**x))


def fill(d: Draft, tpl: str) -> str:
    """A name or description template with its {w}, {W}, {n}, {size} slots filled."""
    R, rng = d.pools["repos"], d.rng
    return (
        tpl.replace("{w2}", rng.choice(R["words"]))
        .replace("{w}", rng.choice(R["words"]))
        .replace("{W2}", rng.choice(R["Words"]))
        .replace("{W}", rng.choice(R["Words"]))
        .replace("{n}", str(rng.choice([2, 3, 4, 4, 5])))
        .replace("{size}", rng.choice(R["sizes"]))
    )


def repo_text(d: Draft, slug: str) -> dict[str, Any]:
    """Name, description and topics of a `slug` repo; it matches `slug` under the token rule."""
    R, rng = d.pools["repos"], d.rng
    voc = R["keywords"][slug]
    name = fill(d, rng.choice(voc["names"]))
    desc = fill(d, rng.choice(voc["descriptions"])) if rng.random() < 0.93 else None
    topics: list[str] = []
    if rng.random() < 0.78:
        k = rng.randrange(2, 9)
        topics = rng.sample(voc["topics"], min(k, len(voc["topics"])))
    repo = {"name": name, "description": desc, "topics": topics}
    if not matches(repo, slug):
        topics.insert(0, R["cross_topic"][slug])
    for other, prob in R["cross"].get(slug, {}).items():
        if rng.random() < prob and R["cross_topic"][other] not in topics:
            topics.append(R["cross_topic"][other])
    if rng.random() < 0.1:
        topics.append(rng.choice(["ai", "python", "pytorch", "hacktoberfest", "deep-learning"]))
    repo["topics"] = list(dict.fromkeys(topics))[:20]
    return repo


def pick_owner(d: Draft, slug: str, stars: int, low: bool) -> int:
    """The owner (a person index) of a `slug` repo: an organization more often the more stars."""
    rng, nrng, crowd = d.rng, d.nrng, d.crowd
    assert crowd is not None, "build the crowd before the repos"
    p_org = 0.08 if low else (0.62 if stars >= 50_000 else 0.5 if stars >= 10_000 else 0.3)
    if rng.random() < p_org:
        if slug in crowd.org_invented and rng.random() < (0.35 if stars < 10_000 else 0.15):
            return crowd.org_invented[slug].draw(nrng, 1)[0]
        return crowd.org_real[slug].draw(nrng, 1)[0]
    if low:
        return crowd.anyone.draw(nrng, 1)[0]
    g = GROUP_OF[slug]
    if rng.random() < 0.8 and crowd.builders[g].total > 0:
        return crowd.builders[g].draw(nrng, 1)[0]
    return crowd.builders_all.draw(nrng, 1)[0]


def draw_stars(d: Draft, low: bool) -> int:
    """Stars of a low-star extra match (`low`) or of a keyword repo."""
    if low:
        return int(round(10 ** min(2.1, max(0.3, d.nrng.normal(1.45, 0.35)))))
    return main_stars(float(d.nrng.normal(3.02, 0.72)))


def stratified_stars(d: Draft, n: int) -> list[int]:
    """`n` lognormal star counts drawn one per quantile stratum, in random order.

    Stratifying keeps every keyword's head realistic (a dozen or two repos above 10k
    stars in its top 150) instead of leaving it to the luck of a few draws.
    """
    dist = NormalDist(3.02, 0.72)
    u = (np.arange(n) + d.nrng.random(n)) / n
    out = [main_stars(dist.inv_cdf(float(x))) for x in u]
    d.rng.shuffle(out)
    return out


def add_repo(
    d: Draft,
    slug: str,
    text: dict[str, Any],
    low: bool,
    decoy: bool = False,
    stars: int | None = None,
) -> None:
    """One repo: owner, creation time, language, forks, star-history kind, push dates."""
    rng, nrng = d.rng, d.nrng
    stars = draw_stars(d, low) if stars is None else stars
    owner = pick_owner(d, slug, stars, low)
    created = d.cal.creation(slug, rng)
    age_days = (d.anchor_dt - created).days
    if age_days < 60:
        # Young repos can explode, but not beyond what a few weeks allow.
        stars = min(stars, 1500 + age_days * rng.randrange(200, 1200))
    owner_login = d.persons[owner]["login"]
    name = text["name"]
    key = f"{owner_login}/{name}".lower()
    tries = 1
    while key in d.full_names:
        tries += 1
        name = f"{text['name']}-{tries}"
        key = f"{owner_login}/{name}".lower()
    d.full_names.add(key)
    text = dict(text, name=name)
    if not decoy and not matches(text, slug):
        text["topics"] = [slug, *text["topics"]][:20]
    lang_table = d.pools["repos"]["languages"].get(slug, d.pools["repos"]["languages"]["default"])
    language = weighted_pair(rng, lang_table)
    lic = d.pools["repos"]["licenses"]
    ratio = math.exp(nrng.normal(math.log(7.0), 0.45))
    if slug == "diffusion":
        ratio *= 0.7
    elif slug == "gpt":
        ratio *= 1.5
    if text["name"].startswith("awesome"):
        ratio *= 1.8
    forks = int(stars / max(2.5, min(25.0, ratio)))
    if age_days < 60:
        kind = "recent" if rng.random() < 0.6 else "lightning"
    elif age_days < 300 and rng.random() < 0.45:
        kind = "recent"
    elif stars >= 10_000:
        kind = weighted(rng, ["lightning", "hype", "steady", "revival"], [25, 30, 35, 10])
    else:
        kind = weighted(rng, ["lightning", "hype", "steady", "revival"], [8, 30, 52, 10])
    abandoned = rng.random() < (0.3 if low else 0.2)
    if abandoned:
        pushed = created + timedelta(
            seconds=rng.randrange(0, max(1, int((d.anchor_dt - created).total_seconds())))
        )
    else:
        back = min(age_days, int(nrng.exponential(20)))
        pushed = d.anchor_dt - timedelta(days=back, seconds=rng.randrange(0, 40000))
        pushed = max(pushed, created)
    updated = max(pushed, d.anchor_dt - timedelta(seconds=rng.randrange(0, 5 * 86400)))
    if stars < 30 and abandoned:
        updated = pushed + timedelta(days=rng.randrange(0, 30))
        updated = min(updated, d.anchor_dt)
    repo = {
        "id": 0,
        "owner": owner_login,
        "name": name,
        "description": text["description"],
        "topics": text["topics"],
        "language": language,
        "license": weighted_pair(rng, lic),
        "stargazers_count": stars,
        "forks_count": forks,
        "open_issues_count": int(stars * math.exp(nrng.normal(-4.2, 1.0))),
        "watchers_count": stars,
        "size": int(math.exp(nrng.normal(8.5, 1.6))),
        "created_at": ts(created),
        "pushed_at": ts(pushed),
        "updated_at": ts(updated),
        "archived": bool(abandoned and rng.random() < 0.12),
        "fork": False,
        "default_branch": "main" if created.year >= 2021 or rng.random() < 0.3 else "master",
        "status": "ok",
        "contributors_status": "ok",
        "contributors": [],
        "star_weeks": [],
        "_slug": slug,
        "_owner": owner,
        "_created": created,
        "_kind": kind,
        "_low": low,
    }
    d.repos.append(repo)


def make_repos(d: Draft) -> None:
    """The keyword repos (stratified stars), the low-star extra matches, then decoys."""
    R = d.pools["repos"]
    for q in KEYWORDS:
        slug = SLUG[q]
        for stars in stratified_stars(d, d.rpk):
            add_repo(d, slug, repo_text(d, slug), low=False, stars=stars)
        for _ in range(d.extra):
            add_repo(d, slug, repo_text(d, slug), low=True)
    # Decoys: look AI-ish but match no keyword under the token rule (LLMs, glmnet, helm...).
    n_decoys = max(6, len(d.repos) // 30)
    for i in range(n_decoys):
        decoy = R["decoys"][i % len(R["decoys"])]
        text = {
            "name": fill(d, decoy["name"]),
            "description": fill(d, decoy["description"]),
            "topics": list(decoy["topics"]),
        }
        if any(matches(text, q) for q in KEYWORDS):
            continue
        add_repo(d, d.rng.choice(list(SLUG.values())), text, d.rng.random() < 0.5, True)
        d.repos[-1]["_slug"] = None


def assign_ids(d: Draft) -> None:
    """Repo ids, growing with creation time."""
    for r in sorted(d.repos, key=lambda r: (r["_created"], r["owner"].lower(), r["name"].lower())):
        r["id"] = id_for(r["_created"].date(), REPO_ID_KNOTS, d.rng, d.repo_ids)


def mark_faults(d: Draft) -> None:
    """Faults the pipeline must handle: contributor lists too large to list, deleted and DMCA'd
    repos, empty contributor lists."""
    rng = d.rng
    # Chosen among the visible top of the searches, where the pipeline will meet them.
    ranked = sorted(d.repos, key=lambda r: (-r["stargazers_count"], r["id"]))
    n_large = max(3, len(d.repos) // 400)
    for r in ranked[:n_large]:
        r["contributors_status"] = "too_large"
    mid = [r for r in ranked[n_large : n_large + 6 * d.rpk] if not r["_low"]]
    picks = rng.sample(mid[len(mid) // 10 :], 3) if len(mid) > 30 else mid[-3:]
    for r, status in zip(picks, ["deleted", "deleted", "dmca"], strict=False):
        r["status"] = status
    small = [
        r
        for r in ranked
        if r["status"] == "ok" and r["contributors_status"] == "ok" and r["stargazers_count"] < 400
    ]
    for r in rng.sample(small, 2) if len(small) >= 2 else small:
        r["contributors_status"] = "empty"
