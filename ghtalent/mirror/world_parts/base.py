"""What every part of the world shares: keywords, groups, regions, bots, the data pools and a
few small helpers."""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

KEYWORDS: tuple[str, ...] = ("LLM", "GLM", "LM", "LLaMA", "Diffusion", "GPT")
SLUG = {q: q.lower() for q in KEYWORDS}
# Modality a person mostly works in; contributors are drawn from their own modality first.
GROUP_OF = {"llm": "lm", "glm": "lm", "lm": "lm", "llama": "lm", "gpt": "gpt", "diffusion": "diff"}
GROUPS = ("lm", "gpt", "diff")
# The keyword whose vocabulary (interests, paper topics) stands for each group.
_GROUP_VOCABULARY = {"lm": "llm", "gpt": "gpt", "diff": "diffusion"}
BOTS = (
    "dependabot[bot]",
    "github-actions[bot]",
    "pre-commit-ci[bot]",
    "renovate[bot]",
    "allcontributors[bot]",
)
BOT_WEIGHTS = (40, 25, 20, 10, 5)
REGIONS = ("china", "us", "europe", "korea", "japan", "india", "other")
REGION_WEIGHTS = (32, 24, 18, 4, 3, 8, 11)
POOLS_DIR = Path(__file__).parent.with_name("pools")


@cache
def load_pools() -> dict[str, Any]:
    """The data pools (names, places, companies, repo vocabulary, text) as one dict."""
    out: dict[str, Any] = {}
    for name in ("affiliations", "names", "locations", "repos", "text"):
        with (POOLS_DIR / f"{name}.json").open(encoding="utf-8") as fh:
            out[name] = json.load(fh)
    return out


def ts(dt: datetime) -> str:
    """A world timestamp ("2023-03-14T09:12:44Z"), the inverse of ``world.parse_ts``."""
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def ascii_fold(text: str) -> str:
    """`text` without accents; letters with no ASCII form (CJK, Cyrillic) drop out."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def weighted(rng: random.Random, items: list[Any], weights: list[float]) -> Any:
    """One item drawn by weight."""
    return rng.choices(items, weights=weights, k=1)[0]


def weighted_pair(rng: random.Random, table: list[Any]) -> Any:
    """The first element of one ``(value, weight)`` row drawn by weight."""
    return weighted(rng, [row[0] for row in table], [row[1] for row in table])


def at_random_time(day: date, rng: random.Random) -> datetime:
    """`day` at a random second."""
    return datetime(
        day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), rng.randrange(60)
    )


def vocabulary_key(group: str) -> str:
    """The keyword whose interests and paper topics a person of `group` writes about."""
    return _GROUP_VOCABULARY[group]


def entity_name(entity: dict[str, Any], zh: bool) -> str:
    """An organization's name as a page in Chinese (`zh`) or English writes it."""
    return (entity.get("zh") or entity["name"]) if zh else entity["name"]
