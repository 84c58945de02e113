"""Errors a GitHub call can end in, each saying what happened and what to do."""

from __future__ import annotations


class GitHubError(Exception):
    """A GitHub answer that retries did not fix (or that retrying cannot fix)."""

    def __init__(self, status: int | None, url: str, message: str):
        self.status = status
        self.url = url
        self.message = message
        super().__init__(f"GitHub {status or 'connection error'} for {url}: {message}")

    @property
    def reason(self) -> str:
        """A short reason string for tables and metadata."""
        if self.status is None:
            return "connection_error"
        return f"http_{self.status}"


class RateLimitError(GitHubError):
    """The rate limit stayed exhausted after the allowed waits."""


class MissingTokenError(RuntimeError):
    """Live mode was asked for without a token."""

    def __init__(self) -> None:
        super().__init__(
            "GHTALENT_SOURCE=live needs a GitHub token: create one at "
            "https://github.com/settings/tokens (no scopes needed for public data) and "
            "`export GITHUB_TOKEN=...`. The offline demo (`make demo`, the default "
            "GHTALENT_SOURCE=mirror) needs no token."
        )
