"""The mirror's OpenAlex name search uses an index, not a scan of every author (a scan made a
150,000-account world's academic stage take hours): it must answer exactly as the scan did."""

from __future__ import annotations

import math
import random

from ghtalent.mirror import openalex
from ghtalent.mirror.world import load_world
from ghtalent.paths import SNAPSHOT_DIR


def scan(acad, query):
    """The search as a scan of every author: the reference."""
    scored = {}
    for author in acad.authors.values():
        if (score := openalex._matches_search(author, query["search"][0])) > 0:
            scored[author["id"]] = score + math.log1p(author["cited_by_count"]) / 100
    items = [a for a in acad.authors.values() if a["id"] in scored]
    return openalex.list_answer(items, query, scored)


def test_indexed_search_answers_as_the_scan_does():
    acad = openalex.academia_of(load_world(SNAPSHOT_DIR / "world.json.gz"))
    names = [
        name
        for author in acad.authors.values()
        for name in [author["display_name"], *author.get("display_name_alternatives", [])]
    ]
    rng = random.Random(5)
    queries = rng.sample(names, 60) + [n.split()[0] for n in rng.sample(names, 20)]
    queries += ["zhang wei", "王伟", "nobody of this name", "  "]
    for text in queries:
        query = {"search": [text], "per-page": ["25"]}
        assert openalex._authors(acad, query) == scan(acad, query), text
    assert any(openalex._authors(acad, {"search": [q]})["results"] for q in queries)
