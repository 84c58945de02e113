"""The format of a curated inbox file (data/inbox/README.md): one model for the JSON form, the
CSV form (read into the same shape) and the stored canonical form."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from ghtalent.config.base import ConfigModel

KIND = "ghtalent.curation"
VERSION = 1
MAX_CONTRIBUTIONS = 10_000_000

Login = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$"),
    Field(description="a GitHub login"),
]
Repo = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$"),
    Field(description="a repository (owner/name)"),
]


def _listed(value: object) -> object:
    """A single value where a list is expected stands for a list of one."""
    return [value] if isinstance(value, str) else value


def _iso_date(value: object) -> str | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class MergeEntry(ConfigModel):
    into: Login
    aliases: Annotated[
        tuple[Login, ...],
        BeforeValidator(_listed),
        Field(alias="from", min_length=1, description="a non-empty list of logins"),
    ]


class ExtraEntry(ConfigModel):
    login: Login
    repo: Repo
    contributions: int = Field(
        1,
        strict=True,
        ge=1,
        le=MAX_CONTRIBUTIONS,
        description=f"a whole number from 1 to {MAX_CONTRIBUTIONS:,}",
    )


class CurationFile(ConfigModel):
    """One inbox file, JSON-shaped."""

    key_noun: ClassVar[str] = "field"

    kind: Literal["ghtalent.curation"] = KIND
    version: Literal[1] = VERSION
    date: Annotated[str | None, BeforeValidator(_iso_date)] = None
    keywords: Annotated[
        tuple[str, ...],
        BeforeValidator(_listed),
        Field(description="a list of keyword or group slugs"),
    ] = ()
    exclude_repos: tuple[Repo, ...] = Field((), description="a list of repositories (owner/name)")
    merge_identities: tuple[MergeEntry, ...] = Field(
        (), description='a list of {"into": login, "from": [logins]}'
    )
    extra_people: tuple[ExtraEntry, ...] = Field(
        (), description='a list of {"login": ..., "repo": "owner/name", "contributions": n}'
    )
    note: str | None = Field(None, description="text")

    @model_validator(mode="after")
    def _consistent(self) -> CurationFile:
        seen: set[str] = set()
        for merge in self.merge_identities:
            for login in (merge.into, *merge.aliases):
                if login.lower() in seen:
                    raise ValueError(f"login {login!r} appears in more than one merge")
                seen.add(login.lower())
        if not (self.exclude_repos or self.merge_identities or self.extra_people):
            raise ValueError(
                "no corrections found; give at least one of exclude_repos, merge_identities, "
                "extra_people"
            )
        return self
