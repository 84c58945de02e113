"""Talking to GitHub: one HTTP session (auth, pagination, limits, conditional requests,
retries) and REST + GraphQL calls that return plain rows."""

from ghtalent.github.client import GitHubClient, RequestCounter
from ghtalent.github.errors import (
    GitHubError,
    MissingTokenError,
    RateLimitError,
)

__all__ = [
    "GitHubClient",
    "GitHubError",
    "MissingTokenError",
    "RateLimitError",
    "RequestCounter",
]
