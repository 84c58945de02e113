"""The snapshot "world" the mirror serves: loading, saving, and GitHub-like search matching.

A world is a plain dict (see ``docs`` in ``generate.py`` and the format below) saved as gzip'd
UTF-8 JSON. Everything here is shared by the generator and the mirror server.

Format (schema 1)::

    meta        {"schema", "seed", "anchor_date", "synthetic", "keywords", "repos_per_keyword", "people"}
    accounts    [{login, id, node_id, type, name, company, blog, location, email, bio,
                  twitter_username, followers, following, public_repos, created_at, updated_at,
                  hireable}]
    repos       [{id, owner, name, description, topics, language, license, stargazers_count,
                  forks_count, open_issues_count, watchers_count, size, created_at, pushed_at,
                  updated_at, archived, fork, default_branch, status, contributors_status,
                  contributors: [[login|None, commits] | [None, commits, "Anon Name"]],
                  star_weeks: [int, ...]}]
    pages       {"/pages/<login>/": html}
    page_faults {"/pages/<login>/": kind}
    social      {twitter_handle: followers}
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

SCHEMA = 1
PAGE_FAULT_KINDS = (
    "huge",
    "binary",
    "redirect_loop",
    "slow",
    "script_only",
    "robots_disallow",
    "mis_encoded",
)
MIRROR_PLACEHOLDER = "{mirror}"

World = dict[str, Any]

# --- loading and saving -----------------------------------------------------------------------


def load_world(path: str | os.PathLike[str]) -> World:
    """Read a world from a gzip'd (or plain) JSON file."""
    p = Path(path)
    with p.open("rb") as fh:
        head = fh.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    with opener(p, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        world = json.load(fh)
    schema = world.get("meta", {}).get("schema")
    if schema != SCHEMA:
        raise ValueError(f"{p}: world schema {schema!r} is not supported (expected {SCHEMA})")
    return world


def dumps_world(world: World) -> bytes:
    """Serialize a world to compact UTF-8 JSON bytes (stable key order as built)."""
    return json.dumps(world, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def save_world(world: World, path: str | os.PathLike[str], compresslevel: int = 6) -> Path:
    """Write a world atomically (tmp file, then rename); gzip unless the name ends in .json."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    data = dumps_world(world)
    with tmp.open("wb") as raw:
        if p.suffix == ".json":
            raw.write(data)
        else:
            # mtime=0 and no file name in the header: same world -> byte-identical file.
            with gzip.GzipFile(
                filename="", mode="wb", fileobj=raw, compresslevel=compresslevel, mtime=0
            ) as gz:
                gz.write(data)
        raw.flush()
        os.fsync(raw.fileno())
    os.replace(tmp, p)
    return p


# --- search matching ---------------------------------------------------------------------------

_RUN = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")
# Pieces of a camelCase / digit-joined run: "vLLM" -> v, LLM; "ChatGLM3" -> Chat, GLM, 3;
# "LMDeploy" -> LM, Deploy; "HTMLParser" -> HTML, Parser.
_CAMEL = re.compile(
    r"[A-Z\u00c0-\u00de]+(?![a-z\u00df-\u00ff])|[A-Z\u00c0-\u00de]?[a-z\u00df-\u00ff]+|[0-9]+"
)


def text_tokens(text: str | None) -> set[str]:
    """Lower-case search tokens of a text: whole alphanumeric runs plus their camelCase pieces."""
    out: set[str] = set()
    if not text:
        return out
    for run in _RUN.findall(text):
        out.add(run.lower())
        pieces = _CAMEL.findall(run)
        if len(pieces) > 1:
            out.update(piece.lower() for piece in pieces)
    return out


def repo_tokens(repo: dict[str, Any]) -> frozenset[str]:
    """All search tokens of a repo: its name, description and topics (GitHub's `in:` default)."""
    toks = text_tokens(repo.get("name"))
    toks |= text_tokens(repo.get("description"))
    for topic in repo.get("topics") or ():
        toks |= text_tokens(topic)
    return frozenset(toks)


def query_tokens(query: str) -> list[str]:
    """Tokens a query requires (all must be present); no camelCase splitting of the query."""
    return [run.lower() for run in _RUN.findall(query)]


def matches(repo: dict[str, Any], query: str, tokens: frozenset[str] | None = None) -> bool:
    """True when every token of `query` is a whole token of the repo's name/description/topics.

    Case-insensitive; names split on ``- _ .`` and camelCase, so "LM" matches ``lm-eval``,
    ``InternLM`` and "Small LM toolkit" but not ``LLM``; pass precomputed `tokens` from
    :func:`repo_tokens` when matching many queries.
    """
    want = query_tokens(query)
    if not want:
        return False
    have = repo_tokens(repo) if tokens is None else tokens
    return all(t in have for t in want)


def search(world: World, query: str, include_unlisted: bool = True) -> list[dict[str, Any]]:
    """Repos matching `query`, stars descending then id (what `sort=stars&order=desc` returns).

    Deleted / DMCA'd repos stay in the results (a stale search index) unless
    `include_unlisted` is false.
    """
    want = query_tokens(query)
    found = [
        r
        for r in world["repos"]
        if (include_unlisted or r.get("status", "ok") == "ok")
        and want
        and all(t in repo_tokens(r) for t in want)
    ]
    found.sort(key=lambda r: (-r["stargazers_count"], r["id"]))
    return found


# --- small accessors ---------------------------------------------------------------------------


def accounts_by_login(world: World) -> dict[str, dict[str, Any]]:
    """Accounts keyed by lower-case login (GitHub logins are case-insensitive)."""
    return {a["login"].lower(): a for a in world["accounts"]}


def repos_by_full_name(world: World) -> dict[str, dict[str, Any]]:
    """Repos keyed by lower-case ``owner/name``."""
    return {f"{r['owner']}/{r['name']}".lower(): r for r in world["repos"]}


def anchor_date(world: World) -> date:
    """The "today" the world was generated for."""
    return date.fromisoformat(world["meta"]["anchor_date"])


def week_start(d: date) -> date:
    """The Sunday starting the (GitHub) week that contains `d`."""
    return d - timedelta(days=(d.weekday() + 1) % 7)


def parse_ts(ts: str) -> datetime:
    """Parse a world timestamp ("2023-03-14T09:12:44Z") to a naive UTC datetime."""
    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ")


def star_week_starts(repo: dict[str, Any]) -> list[date]:
    """The Sunday each entry of ``repo["star_weeks"]`` stands for, oldest first."""
    first = week_start(parse_ts(repo["created_at"]).date())
    return [first + timedelta(weeks=i) for i in range(len(repo["star_weeks"]))]


def iter_contributors(repo: dict[str, Any]) -> Iterator[tuple[str | None, int, str | None]]:
    """(login or None, commits, anonymous name or None) for each contributor entry."""
    for entry in repo.get("contributors") or ():
        login, commits = entry[0], entry[1]
        anon = entry[2] if len(entry) > 2 else None
        yield login, commits, anon


def page_path(login: str) -> str:
    """The mirror path of a person's homepage."""
    return f"/pages/{login}/"


def resolve_blog(blog: str | None, origin: str) -> str | None:
    """Replace the ``{mirror}`` placeholder in a blog URL with the server's origin."""
    if blog is None:
        return None
    return blog.replace(MIRROR_PLACEHOLDER, origin.rstrip("/"))


def keywords(world: World) -> list[str]:
    """The search queries the world was built for."""
    return list(world["meta"]["keywords"])


def count_matches(world: World, queries: Iterable[str]) -> dict[str, int]:
    """How many repos each query matches (including deleted / DMCA'd ones)."""
    toks = [repo_tokens(r) for r in world["repos"]]
    out = {}
    for q in queries:
        want = query_tokens(q)
        out[q] = sum(1 for t in toks if want and all(w in t for w in want))
    return out
