"""Does a repository match a keyword? Token match over name, description and topics."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

_WORD = re.compile(r"[A-Za-z0-9]+")
# CamelCase pieces: "ChatGPT" → Chat, GPT; "LMDeploy" → LM, Deploy; "vLLM" → v, LLM.
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def tokens(text: str | None) -> list[list[str]]:
    """Token sequences of `text`: plain alphanumeric words and their CamelCase pieces."""
    if not isinstance(text, str) or not text:
        return []
    words = _WORD.findall(text)
    plain = [w.lower() for w in words]
    camel = [p.lower() for w in words for p in _CAMEL.findall(w)]
    return [plain, camel] if camel != plain else [plain]


def matches_keyword(query: str, *texts: str | None) -> bool:
    """True when `query`'s words appear, in order and as whole tokens, in any of `texts`."""
    q = [w.lower() for w in _WORD.findall(query)]
    if not q:
        return False
    n = len(q)
    for text in texts:
        for seq in tokens(text):
            if any(seq[i : i + n] == q for i in range(len(seq) - n + 1)):
                return True
    return False


def repo_matches(name: str | None, description: str | None, topics: str | None, query: str) -> bool:
    """The pipeline's rule: the query is a token of the name, description or a topic."""
    topic_list = topics.split(",") if isinstance(topics, str) else []
    return matches_keyword(query, name, description, *topic_list)


def keyword_matches(repos: pd.DataFrame, keywords: Mapping[str, str]) -> pd.DataFrame:
    """(full_name, keyword) for every repo and keyword slug whose query it matches."""
    rows = []
    for r in repos.itertuples(index=False):
        name = getattr(r, "name", None)
        if not isinstance(name, str):
            name = str(r.full_name).split("/")[-1]
        desc, topics = getattr(r, "description", None), getattr(r, "topics", None)
        for slug, query in keywords.items():
            if repo_matches(name, desc, topics, query):
                rows.append((r.full_name, slug))
    return pd.DataFrame(rows, columns=["full_name", "keyword"]).drop_duplicates()


def assign_groups(
    repos: pd.DataFrame, keywords: Mapping[str, str], groups: Mapping[str, Iterable[str]]
) -> pd.DataFrame:
    """(group, full_name): a repo is in every group one of whose keywords it matches."""
    found = keyword_matches(repos, keywords)
    rows = [
        (g, f)
        for g, slugs in groups.items()
        for f in found.loc[found["keyword"].isin(list(slugs)), "full_name"]
    ]
    return (
        pd.DataFrame(rows, columns=["group", "full_name"]).drop_duplicates().reset_index(drop=True)
    )
