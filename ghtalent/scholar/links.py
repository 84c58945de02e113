"""Scholarly identities a profile or homepage links to: ORCID, OpenAlex, Google Scholar,
Semantic Scholar, DBLP."""

from __future__ import annotations

import re
from collections.abc import Iterable

ORCID = re.compile(r"(?:orcid\.org/|orcid[:\s]\s*)(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)
OPENALEX = re.compile(r"openalex\.org/(?:authors/)?(A\d{4,12})\b", re.I)
SCHOLAR = re.compile(
    r"scholar\.google\.[a-z.]+/citations\?(?:[^\s\"'<>]*&(?:amp;)?)?user=([\w-]{6,20})", re.I
)
SEMANTIC = re.compile(r"semanticscholar\.org/author/(?:[^/\s\"'<>]+/)?(\d{3,12})\b", re.I)
DBLP = re.compile(
    r"dblp\.(?:org|uni-trier\.de)/(?:pid/([\w/-]+?)(?:\.html|(?=[\s\x22\x27<>?#]|$))|pers/hd/[a-z]/([\w:=-]+))",
    re.I,
)

KINDS = ("orcid", "openalex", "scholar", "semantic_scholar", "dblp")


def scholarly_ids(texts: Iterable[str | None]) -> dict[str, str]:
    """{kind: id} for each kind of scholarly profile mentioned in `texts` (the first wins)."""
    found: dict[str, str] = {}
    for text in texts:
        if not text or not isinstance(text, str):
            continue
        for kind, pattern in (
            ("orcid", ORCID),
            ("openalex", OPENALEX),
            ("scholar", SCHOLAR),
            ("semantic_scholar", SEMANTIC),
            ("dblp", DBLP),
        ):
            if kind in found:
                continue
            match = pattern.search(text)
            if match:
                value = next(g for g in match.groups() if g)
                found[kind] = value.upper() if kind in ("orcid", "openalex") else value
    return found
