"""Keyword and group configuration (config/keywords.toml), validated with errors that say what
to fix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from ghtalent.config.base import ConfigError, ConfigModel, display, read_toml, validate
from ghtalent.paths import config_dir

# The first day of the keyword x date partitions (ghtalent/defs/partitions.py): a run for an
# earlier day has no partition. Here, outside Dagster, so a bad date is named before it loads.
START_DATE = "2026-01-01"

SLUG_RULE = (
    "lowercase letters, digits, '-' or '_', at most 40 (it becomes a partition key; "
    "'|', '[', ']' and ',' are not allowed)"
)
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$"),
    Field(description=SLUG_RULE),
]


class UnknownKeywordError(ConfigError):
    """A keyword or group that the configuration does not define."""


class Keyword(ConfigModel):
    slug: Slug
    query: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1),
        Field(description='non-empty text, what GitHub search gets (e.g. query = "LLM")'),
    ]


class Group(ConfigModel):
    slug: Slug
    label: str = ""
    keywords: tuple[str, ...] = Field(description="a list of keyword slugs")

    @field_validator("keywords")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k.lower() for k in value)

    @model_validator(mode="after")
    def _label(self) -> Group:
        if not self.label:
            object.__setattr__(self, "label", self.slug)
        return self


class Scope(ConfigModel):
    """A board scope made of keyword groups (the overall scope and each group are implicit)."""

    slug: Slug
    label: str = ""
    groups: tuple[str, ...] = Field(description="a list of group slugs")

    @field_validator("groups")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(g.lower() for g in value)

    @model_validator(mode="after")
    def _label(self) -> Scope:
        if not self.label:
            object.__setattr__(self, "label", self.slug)
        return self


class KeywordFile(ConfigModel):
    """The shape of config/keywords.toml."""

    repos_per_keyword: int = Field(
        1000,
        strict=True,
        ge=1,
        le=1000,
        description="a whole number from 1 to 1000 (GitHub's search cap)",
    )
    keyword: tuple[Keyword, ...] = Field(
        min_length=1, description="at least one [[keyword]] table with slug and query"
    )
    group: tuple[Group, ...] = ()
    scope: tuple[Scope, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> KeywordFile:
        slugs = [k.slug for k in self.keyword]
        for slug in slugs:
            if slugs.count(slug) > 1:
                raise ConfigError(f"keyword slug {slug!r} appears twice; give each its own")
        groups = [g.slug for g in self.group]
        for group in self.group:
            missing = [k for k in group.keywords if k not in slugs]
            if missing:
                raise UnknownKeywordError(
                    f"group {group.slug!r} names unknown keyword(s) {missing}; "
                    f"known: {', '.join(sorted(slugs))}"
                )
            if groups.count(group.slug) > 1 or group.slug == "overall":
                raise ConfigError(f"group slug {group.slug!r} is duplicated or reserved; rename it")
        seen: set[str] = set()
        for scope in self.scope:
            missing = [g for g in scope.groups if g not in groups]
            if missing or not scope.groups:
                raise ConfigError(
                    f"scope {scope.slug!r} names unknown group(s) {missing or '(none)'}; "
                    f"known: {', '.join(sorted(groups))}"
                )
            if scope.slug in {*groups, *seen, "overall"}:
                raise ConfigError(
                    f"scope slug {scope.slug!r} is duplicated or names a group; rename it"
                )
            seen.add(scope.slug)
        return self


class KeywordConfig(ConfigModel):
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
    path = Path(path or config_dir() / "keywords.toml")
    raw = read_toml(path, "keyword config")
    parsed = validate(KeywordFile, raw, display(path))
    return KeywordConfig(
        keywords=parsed.keyword,
        groups=parsed.group,
        repos_per_keyword=parsed.repos_per_keyword,
        path=path,
        scopes=parsed.scope,
    )


@lru_cache(maxsize=1)
def default_keyword_config() -> KeywordConfig:
    return load_keyword_config()
