"""X (Twitter) follower counts from the official X API v2 user lookup."""

from ghtalent.xapi.client import DEFAULT_X_API, XClient, XLookup

__all__ = ["DEFAULT_X_API", "XClient", "XLookup"]
