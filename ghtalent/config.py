"""Keyword and group configuration (config/keywords.toml), validated with errors that say what
to fix."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ghtalent.paths import CONFIG_DIR

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class ConfigError(ValueError):
    """The configuration is malformed; the message names the file, the value and the fix."""


def read_toml(path: Path, what: str, error: type[Exception] | None = None) -> dict:
    """A TOML file as a dict; a missing or malformed file raises `error` (ConfigError by default)
    naming `what`, the path and the problem."""
    error = error or ConfigError
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error(f"{what} not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{what} {path} is not valid TOML: {exc}") from exc


class UnknownKeywordError(ConfigError):
    """A keyword or group that the configuration does not define."""


@dataclass(frozen=True)
class Keyword:
    slug: str
    query: str


@dataclass(frozen=True)
class Group:
    slug: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    """A board scope made of keyword groups (the overall scope and each group are implicit)."""

    slug: str
    label: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class KeywordConfig:
    keywords: tuple[Keyword, ...]
    groups: tuple[Group, ...]
    repos_per_keyword: int
    path: Path
    scopes: tuple[Scope, ...] = ()

    @property
    def slugs(self) -> list[str]:
        return [k.slug for k in self.keywords]

    def keyword(self, slug: str) -> Keyword:
        """The keyword for a slug (case-insensitive), or an error listing the known ones."""
        for kw in self.keywords:
            if kw.slug == slug.lower() or kw.query.lower() == slug.lower():
                return kw
        raise UnknownKeywordError(
            f"unknown keyword {slug!r} (in {self.path}); known: {', '.join(self.slugs)}"
        )

    def group(self, slug: str) -> Group:
        """The group for a slug, or an error listing the known ones."""
        for group in self.groups:
            if group.slug == slug.lower():
                return group
        known = ", ".join(g.slug for g in self.groups)
        raise UnknownKeywordError(
            f"unknown keyword group {slug!r} (in {self.path}); known: {known}"
        )

    def select(self, names: list[str] | None) -> list[Keyword]:
        """Keywords named directly or through a group; all of them when `names` is empty."""
        if not names:
            return list(self.keywords)
        chosen: dict[str, Keyword] = {}
        for name in names:
            if any(g.slug == name.lower() for g in self.groups):
                for slug in self.group(name).keywords:
                    chosen[slug] = self.keyword(slug)
            else:
                kw = self.keyword(name)
                chosen[kw.slug] = kw
        return list(chosen.values())


def load_keyword_config(path: Path | None = None) -> KeywordConfig:
    """Read and validate the keyword configuration."""
    path = Path(path or CONFIG_DIR / "keywords.toml")
    raw = read_toml(path, "keyword config")

    unknown = set(raw) - {"repos_per_keyword", "keyword", "group", "scope"}
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {sorted(unknown)} in {path}; known: repos_per_keyword, keyword, group, scope"
        )
    limit = raw.get("repos_per_keyword", 1000)
    if not isinstance(limit, int) or not 1 <= limit <= 1000:
        raise ConfigError(
            f"repos_per_keyword must be an integer from 1 to 1000 (GitHub's search cap), got {limit!r} in {path}"
        )

    keywords: list[Keyword] = []
    for i, entry in enumerate(raw.get("keyword", [])):
        if not isinstance(entry, dict) or "slug" not in entry or "query" not in entry:
            raise ConfigError(f"[[keyword]] #{i + 1} in {path} needs both `slug` and `query`")
        slug, query = str(entry["slug"]), str(entry["query"]).strip()
        if not SLUG.match(slug):
            raise ConfigError(
                f"keyword slug {slug!r} in {path} must be lowercase letters, digits, '-' or '_' "
                "(it becomes a partition key; '|', '[', ']' and ',' are not allowed)"
            )
        if not query:
            raise ConfigError(f"keyword {slug!r} in {path} has an empty query")
        if slug in {k.slug for k in keywords}:
            raise ConfigError(f"keyword slug {slug!r} appears twice in {path}")
        keywords.append(Keyword(slug, query))
    if not keywords:
        raise ConfigError(f"no [[keyword]] entries in {path}; add at least one")

    known = {k.slug for k in keywords}
    groups: list[Group] = []
    for i, entry in enumerate(raw.get("group", [])):
        if not isinstance(entry, dict) or "slug" not in entry or "keywords" not in entry:
            raise ConfigError(f"[[group]] #{i + 1} in {path} needs `slug` and `keywords`")
        slug = str(entry["slug"])
        if not SLUG.match(slug):
            raise ConfigError(
                f"group slug {slug!r} in {path} must be lowercase letters, digits, '-' or '_'"
            )
        members = tuple(str(k).lower() for k in entry["keywords"])
        missing = [k for k in members if k not in known]
        if missing:
            raise UnknownKeywordError(
                f"group {slug!r} in {path} names unknown keyword(s) {missing}; known: {', '.join(sorted(known))}"
            )
        if slug in {g.slug for g in groups} or slug == "overall":
            raise ConfigError(f"group slug {slug!r} in {path} is duplicated or reserved")
        groups.append(Group(slug, str(entry.get("label", slug)), members))
    scopes = _scopes(raw.get("scope", []), groups, path)
    return KeywordConfig(tuple(keywords), tuple(groups), limit, path, scopes)


def _scopes(entries: object, groups: list[Group], path: Path) -> tuple[Scope, ...]:
    """[[scope]] tables: a slug, a label and the keyword groups whose boards it unites."""
    known = {g.slug for g in groups}
    scopes: list[Scope] = []
    for i, entry in enumerate(entries if isinstance(entries, list) else [entries]):
        if not isinstance(entry, dict) or "slug" not in entry or "groups" not in entry:
            raise ConfigError(f"[[scope]] #{i + 1} in {path} needs `slug` and `groups`")
        slug = str(entry["slug"])
        if not SLUG.match(slug):
            raise ConfigError(
                f"scope slug {slug!r} in {path} must be lowercase letters, digits, '-' or '_'"
            )
        members = tuple(str(g).lower() for g in entry["groups"])
        missing = [g for g in members if g not in known]
        if missing or not members:
            raise ConfigError(
                f"scope {slug!r} in {path} names unknown group(s) {missing or '(none)'}; "
                f"known: {', '.join(sorted(known))}"
            )
        if slug in known | {s.slug for s in scopes} | {"overall"}:
            raise ConfigError(f"scope slug {slug!r} in {path} is duplicated or names a group")
        scopes.append(Scope(slug, str(entry.get("label", slug)), members))
    return tuple(scopes)


@lru_cache(maxsize=1)
def default_keyword_config() -> KeywordConfig:
    return load_keyword_config()
