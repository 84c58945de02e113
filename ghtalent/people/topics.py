"""Research directions: short canonical English phrases found in bios, pages and repo topics.

The vocabulary is ``data/topics.csv`` (canonical topic, aliases in English and Chinese:
"大模型" → "large language models", "多模态" → "multimodal"). Matching is by whole words
(longest alias first) for Latin text and by substring for Chinese.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import lru_cache
from importlib import resources

from ghtalent.people._aliases import AliasIndex

__all__ = ["research_topics"]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[AliasIndex, dict[str, int]]:
    """(alias index → canonical topic, topic → its row order for stable tie-breaks)."""
    index = AliasIndex()
    order: dict[str, int] = {}
    text = resources.files("ghtalent.people").joinpath("data/topics.csv").read_text("utf-8")
    for i, row in enumerate(csv.DictReader(text.splitlines())):
        topic = row["topic"]
        order[topic] = i
        index.add(topic, topic)
        for alias in filter(None, row["aliases"].split("|")):
            index.add(alias, topic)
    return index, order


@lru_cache(maxsize=1 << 15)
def _mentions(text: str) -> tuple[tuple[int, set[str]], ...]:
    """(position, topics) of every alias in one text. Remembered: a repository's description
    and topics are read again for each of its contributors."""
    # Repo topics come hyphenated ("large-language-models"); read hyphens as spaces.
    return tuple(_vocabulary()[0].find(text.replace("-", " ")))


def research_topics(*texts: str | None, limit: int = 5) -> list[str]:
    """Up to ``limit`` canonical topics named in the texts, most mentioned first."""
    _, order = _vocabulary()
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[int, int]] = {}
    for t_index, text in enumerate(texts):
        if not text:
            continue
        for pos, values in _mentions(text):
            for topic in values:
                counts[topic] += 1
                first_seen.setdefault(topic, (t_index, pos))
    ranked = sorted(counts, key=lambda t: (-counts[t], first_seen[t], order[t]))
    return ranked[: max(limit, 0)]
