"""Run-time settings from the environment (documented in the README, "Settings")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ghtalent.github.client import DEFAULT_API
from ghtalent.github.errors import MissingTokenError

SOURCES = ("mirror", "live")


@dataclass(frozen=True)
class Settings:
    source: str = "mirror"
    mirror_port: int = 8777
    api_url: str | None = None
    social_url_template: str | None = None
    token: str | None = field(default=None, repr=False)

    @property
    def live(self) -> bool:
        return self.source == "live"

    def resolved_api_url(self) -> str:
        """Where GitHub calls go: an explicit URL, api.github.com when live, else the mirror."""
        if self.api_url:
            return self.api_url.rstrip("/")
        return DEFAULT_API if self.live else f"http://127.0.0.1:{self.mirror_port}"

    def require_token(self) -> str | None:
        if self.live and not self.token:
            raise MissingTokenError()
        return self.token


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from `GHTALENT_*` variables and `GITHUB_TOKEN`."""
    env = dict(os.environ if env is None else env)
    source = env.get("GHTALENT_SOURCE", "mirror").strip().lower()
    if source not in SOURCES:
        raise ValueError(
            f"GHTALENT_SOURCE={source!r} is not known; use one of: {', '.join(SOURCES)}"
        )
    port = env.get("GHTALENT_MIRROR_PORT", "8777")
    if not port.isdigit():
        raise ValueError(f"GHTALENT_MIRROR_PORT={port!r} must be a port number")
    return Settings(
        source=source,
        mirror_port=int(port),
        api_url=env.get("GHTALENT_API_URL") or None,
        social_url_template=env.get("GHTALENT_SOCIAL_URL") or None,
        token=env.get("GITHUB_TOKEN") or None,
    )
