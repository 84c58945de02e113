"""Run-time settings from the environment (documented in the README, "Settings")."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ghtalent.github.client import DEFAULT_API
from ghtalent.github.errors import MissingTokenError

SOURCES = ("mirror", "live")
X_TOKEN_VARIABLE = "X_BEARER_TOKEN"
DEFAULT_X_API = "https://api.x.com"


class SettingsError(ValueError):
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


def _token(env: dict[str, str], name: str) -> str | None:
    raw = env.get(name)
    if raw is None or raw == "":
        return None
    token = raw.strip()
    if not token or any(c.isspace() for c in token):
        raise SettingsError(
            f"{name} is set but {'blank' if not token else 'contains spaces'}; "
            f"set it to the token itself (`export {name}=...`) or unset it"
        )
    return token


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from `GHTALENT_*` variables, `GITHUB_TOKEN` and `X_BEARER_TOKEN`."""
    env = dict(os.environ if env is None else env)
    source = env.get("GHTALENT_SOURCE", "mirror").strip().lower()
    if source not in SOURCES:
        raise SettingsError(
            f"GHTALENT_SOURCE={source!r} is not known; use one of: {', '.join(SOURCES)} "
            "(mirror: the bundled offline snapshot; live: api.github.com with GITHUB_TOKEN)"
        )
    port = env.get("GHTALENT_MIRROR_PORT", "8777").strip()
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingsError(f"GHTALENT_MIRROR_PORT={port!r} must be a port number (1-65535)")
    api_url = (env.get("GHTALENT_API_URL") or "").strip() or None
    if api_url:
        parts = urlsplit(api_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SettingsError(
                f"GHTALENT_API_URL={api_url!r} is not an http(s) URL; "
                "give a base URL such as https://api.github.com, or unset it"
            )
    return Settings(
        source=source,
        mirror_port=int(port),
        api_url=api_url,
        social_url_template=env.get("GHTALENT_SOCIAL_URL") or None,
        token=_token(env, "GITHUB_TOKEN"),
        x_api_url=(env.get("GHTALENT_X_API_URL") or "").strip() or None,
        x_token=_token(env, X_TOKEN_VARIABLE),
        offline_web=(env.get("GHTALENT_OFFLINE_WEB") or "").strip().lower() in ("1", "true", "yes"),
    )
