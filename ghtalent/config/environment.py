"""Run-time settings from the environment (documented in the README, "Settings"): the
variables are read through one pydantic model, `Environment`, made of the parts each reader
asks for alone: `Folders` (ghtalent.paths), `OpenAlexEnvironment` (ghtalent.scholar.config) and
the GitHub and X settings (`load_settings`)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Annotated, TypeVar
from urllib.parse import urlsplit

from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from ghtalent.config.base import ConfigError, ConfigModel, validate
from ghtalent.github.client import DEFAULT_API
from ghtalent.github.errors import MissingTokenError

SOURCES = ("mirror", "live")
X_TOKEN_VARIABLE = "X_BEARER_TOKEN"
DEFAULT_X_API = "https://api.x.com"


class SettingsError(ConfigError):
    """A setting in the environment is invalid; the message names the variable and the fix."""


@dataclass(frozen=True)
class Settings:
    source: str = "mirror"
    mirror_port: int = 8777
    api_url: str | None = None
    social_url_template: str | None = None
    token: str | None = field(default=None, repr=False)
    x_api_url: str | None = None
    x_token: str | None = field(default=None, repr=False)
    openalex_url: str | None = None
    openalex_mailto: str | None = None
    # GHTALENT_OFFLINE_WEB=1: homepages are fetched only from the API's own host (the mirror);
    # no other name is looked up. Always so for the mirror source.
    offline_web: bool = False

    @property
    def live(self) -> bool:
        return self.source == "live"

    @property
    def synthetic(self) -> bool:
        """True when the data is the bundled synthetic world (the mirror), not GitHub's."""
        return self.source == "mirror"

    def resolved_api_url(self) -> str:
        """Where GitHub calls go: an explicit URL, api.github.com when live, else the mirror."""
        if self.api_url:
            return self.api_url.rstrip("/")
        return DEFAULT_API if self.live else f"http://127.0.0.1:{self.mirror_port}"

    def source_slug(self) -> str:
        """The folder name of this source's data: `mirror` (the bundled snapshot, whatever its
        port), `live` (api.github.com), or one per other API URL (`api-<host>-<port>`). Each
        source has its own warehouse, caches and exports, so none can reach another's boards."""
        if not self.api_url:
            return "live" if self.live else "mirror"
        return source_slug_of(self.api_url, self.source)

    def describe(self) -> str:
        """Where the data comes from, in words, for the demo's first line."""
        if self.synthetic and not self.api_url:
            return "the bundled synthetic snapshot (local mirror)"
        kind = "the synthetic snapshot at" if self.synthetic else ""
        return f"{kind} {self.resolved_api_url()}".strip()

    def require_token(self) -> str | None:
        if self.live and not self.token:
            raise MissingTokenError()
        return self.token


def source_slug_of(api_url: str, source: str = "live") -> str:
    """`api-<host>-<port>` (plus `-mirror` in mirror mode) for an API URL other than the default."""
    parts = urlsplit(api_url.strip())
    host = (parts.hostname or "unknown").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = parts.path.strip("/")
    slug = re.sub(r"[^a-z0-9.]+", "-", f"api-{host}-{port}-{path}".lower()).strip("-")
    return f"{slug}-mirror" if source == "mirror" else slug


def _text(value: object) -> str | None:
    """An unset or empty variable is None; otherwise the text without surrounding spaces."""
    text = str(value).strip() if value is not None else ""
    return text or None


def _secret(value: object) -> str | None:
    """A token: unset/empty is None; blank or with spaces inside is an error (the fix: the
    token itself, or unset it)."""
    if value is None or value == "":
        return None
    token = str(value).strip()
    if not token or any(c.isspace() for c in token):
        raise ValueError(
            f"is set but {'blank' if not token else 'contains spaces'}; set it to the token "
            "itself (`export VAR=...`) or unset it"
        )
    return token


def _folder(value: object) -> Path | None:
    """A folder: unset/empty is None (the default in ghtalent.paths); a path naming a file is an
    error (a missing folder is not: the data folder is created, the others are named when read)."""
    text = _text(value)
    if text is None:
        return None
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise ValueError("is a file, not a folder; point it at a folder or unset it")
    return path


def _http_url(value: str | None, example: str) -> str | None:
    parts = urlsplit(value or "")
    if value and (parts.scheme not in ("http", "https") or not parts.hostname):
        raise ValueError(f"is not an http(s) URL; give a base URL such as {example}, or unset it")
    return value


Text = Annotated[str | None, BeforeValidator(_text)]
Secret = Annotated[str | None, BeforeValidator(_secret)]
Folder = Annotated[Path | None, BeforeValidator(_folder)]
E = TypeVar("E", bound=ConfigModel)


class Folders(ConfigModel):
    """Where ghtalent reads and writes; unset means the default of ghtalent.paths."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    data_dir: Folder = Field(None, alias="GHTALENT_DATA_DIR")
    config_dir: Folder = Field(None, alias="GHTALENT_CONFIG_DIR")
    snapshot_dir: Folder = Field(None, alias="GHTALENT_SNAPSHOT_DIR")
    realdata_dir: Folder = Field(None, alias="GHTALENT_REALDATA")


class OpenAlexEnvironment(ConfigModel):
    """Where paper lookups go, and who asks (OpenAlex's polite pool)."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    openalex_url: Text = Field(None, alias="GHTALENT_OPENALEX_URL")
    openalex_mailto: Text = Field(None, alias="GHTALENT_OPENALEX_MAILTO")

    @field_validator("openalex_url")
    @classmethod
    def _openalex_url(cls, value: str | None) -> str | None:
        return _http_url(value, "https://api.openalex.org")

    @field_validator("openalex_mailto")
    @classmethod
    def _mailto(cls, value: str | None) -> str | None:
        if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValueError("is not an e-mail address; give yours (name@example.org) or unset it")
        return value


class Environment(Folders, OpenAlexEnvironment):
    """The variables ghtalent reads (every other one is ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    source: str = Field("mirror", alias="GHTALENT_SOURCE")
    mirror_port: int = Field(8777, alias="GHTALENT_MIRROR_PORT")
    api_url: Text = Field(None, alias="GHTALENT_API_URL")
    social_url_template: str | None = Field(None, alias="GHTALENT_SOCIAL_URL")
    token: Secret = Field(None, alias="GITHUB_TOKEN", repr=False)
    x_api_url: Text = Field(None, alias="GHTALENT_X_API_URL")
    x_token: Secret = Field(None, alias=X_TOKEN_VARIABLE, repr=False)
    offline_web: bool = Field(False, alias="GHTALENT_OFFLINE_WEB")

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        source = str(value).strip().lower()
        if source not in SOURCES:
            raise ValueError(
                f"is not known; use one of: {', '.join(SOURCES)} "
                "(mirror: the bundled offline snapshot; live: api.github.com with GITHUB_TOKEN)"
            )
        return source

    @field_validator("mirror_port", mode="before")
    @classmethod
    def _port(cls, value: object) -> int:
        port = str(value).strip()
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError("must be a port number (1-65535)")
        return int(port)

    @field_validator("api_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _http_url(value, "https://api.github.com")

    @field_validator("x_api_url")
    @classmethod
    def _x_url(cls, value: str | None) -> str | None:
        return _http_url(value, DEFAULT_X_API)

    @field_validator("social_url_template", mode="before")
    @classmethod
    def _template(cls, value: object) -> str | None:
        return str(value) if value else None

    @field_validator("offline_web", mode="before")
    @classmethod
    def _flag(cls, value: object) -> bool:
        return str(value or "").strip().lower() in ("1", "true", "yes")


def read_environment(model: type[E], env: Mapping[str, str] | None = None) -> E:
    """The variables of `model` from `env` (default: os.environ), or a SettingsError of one line
    naming the variable, its value (never a token's) and the fix."""
    return validate(model, dict(os.environ if env is None else env), "", SettingsError, assign=True)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from `GHTALENT_*` variables, `GITHUB_TOKEN` and `X_BEARER_TOKEN` (every variable
    of `Environment` is checked, the folders too, so a run stops on a bad one before it starts)."""
    parsed = read_environment(Environment, env)
    return Settings(**parsed.model_dump(include={f.name for f in fields(Settings)}))
