"""Deterministic generator of a SYNTHETIC GitHub "world" for the mirror server.

Same seed and arguments -> byte-identical world file. Every random draw comes from one
``random.Random(seed)`` and one ``numpy.random.default_rng(seed)``; dicts are filled in a fixed
order and nothing iterates over a ``set`` of strings (whose order depends on PYTHONHASHSEED).
The parts of the world live in ``ghtalent.mirror.world_parts`` (people, repos, histories,
pages...); this module runs them in their fixed order and is the CLI.

The world is made up, but shaped like the real generative-AI corner of GitHub: repos created in
waves (GPT-3, Stable Diffusion, ChatGPT, LLaMA, agents, reasoning), power-law stars, forks and
followers, shared people across keywords, messy multilingual profile strings, homepages that
state affiliations, and a few deliberate faults (deleted / DMCA'd repos, contributor lists too
large to list, hostile or broken homepages) the pipeline must survive.

CLI::

    python -m ghtalent.mirror.generate --out data/snapshot/world.json.gz \
        --repos-per-keyword 150 --people 3000 --seed 7 --anchor-date 2026-11-25
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, date, datetime
from typing import Any

from ghtalent.mirror.world import SCHEMA, World, repo_tokens, save_world
from ghtalent.mirror.world_parts import (
    accounts,
    contributors,
    crowd,
    histories,
    names,
    organizations,
    pages,
    people,
    profiles,
    repos,
)
from ghtalent.mirror.world_parts.base import BOTS, KEYWORDS, load_pools
from ghtalent.mirror.world_parts.draft import Draft

__all__ = ["BOTS", "KEYWORDS", "generate_world", "load_pools", "main", "summarize"]


def build(d: Draft) -> World:
    """Run every part of the world, in the order that fixes the random draws, and assemble it."""
    n_bots = len(BOTS)
    n_orgs = max(10, round(d.people * 0.04))
    n_users = d.people - n_orgs - n_bots
    if n_users < 50:
        raise ValueError(f"people={d.people} is too small; need at least {n_orgs + n_bots + 50}")
    organizations.build_entities(d, n_orgs)
    organizations.make_orgs(d)
    # Fill with users to reach exactly `people` accounts even if fewer org logins were free.
    people.make_users(d, d.people - len(d.persons) - n_bots)
    names.assign_logins(d)
    people.add_bots(d)
    d.crowd = crowd.build_crowd(d)
    repos.make_repos(d)
    repos.assign_ids(d)
    histories.add_star_histories(d)
    repos.mark_faults(d)
    contributors.add_contributors(d)
    people.people_stats(d)
    profiles.fill_profiles(d)
    for p in d.persons:
        if p["kind"] == "Organization":
            p.setdefault("owned", 0)
    account_list, social = accounts.make_accounts(d)
    page_map, faults = pages.make_pages(d)
    return {
        "meta": {
            "schema": SCHEMA,
            "seed": d.seed,
            "anchor_date": d.anchor.isoformat(),
            "synthetic": True,
            "keywords": list(KEYWORDS),
            "repos_per_keyword": d.rpk,
            "people": d.people,
        },
        "accounts": account_list,
        "repos": [
            {k: v for k, v in r.items() if not k.startswith("_")}
            for r in sorted(d.repos, key=lambda r: r["id"])
        ],
        "pages": page_map,
        "page_faults": faults,
        "social": social,
    }


def generate_world(
    seed: int = 7,
    repos_per_keyword: int = 150,
    people: int = 3000,
    anchor_date: str | date | None = None,
    extra_matches_per_keyword: int = 0,
) -> World:
    """Build a deterministic synthetic world (same arguments -> identical result)."""
    if anchor_date is None:
        anchor = datetime.now(UTC).date()
    elif isinstance(anchor_date, date):
        anchor = anchor_date
    else:
        anchor = date.fromisoformat(anchor_date)
    if repos_per_keyword < 1:
        raise ValueError(f"repos_per_keyword must be >= 1, got {repos_per_keyword}")
    return build(Draft(seed, repos_per_keyword, people, anchor, extra_matches_per_keyword))


def summarize(world: World) -> dict[str, Any]:
    """Counts a person wants to see after generating a world."""
    types: dict[str, int] = {}
    for a in world["accounts"]:
        types[a["type"]] = types.get(a["type"], 0) + 1
    toks = [repo_tokens(r) for r in world["repos"]]
    per_kw = {q: sum(1 for t in toks if q.lower() in t) for q in world["meta"]["keywords"]}
    return {
        "repos": len(world["repos"]),
        "accounts": types,
        "pages": len(world["pages"]),
        "page_faults": len(world["page_faults"]),
        "social": len(world["social"]),
        "matches_per_keyword": per_kw,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic GitHub world for the mirror.")
    ap.add_argument("--out", required=True, help="output path (.json.gz, or .json for plain)")
    ap.add_argument("--repos-per-keyword", type=int, default=150)
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--anchor-date", default=None, help="the world's 'today' (YYYY-MM-DD)")
    ap.add_argument("--extra-matches-per-keyword", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    world = generate_world(
        seed=args.seed,
        repos_per_keyword=args.repos_per_keyword,
        people=args.people,
        anchor_date=args.anchor_date,
        extra_matches_per_keyword=args.extra_matches_per_keyword,
    )
    t1 = time.perf_counter()
    path = save_world(world, args.out)
    t2 = time.perf_counter()
    info = summarize(world)
    info.update(
        out=str(path),
        bytes=path.stat().st_size,
        generate_s=round(t1 - t0, 2),
        save_s=round(t2 - t1, 2),
    )
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
