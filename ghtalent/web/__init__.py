"""Polite page fetching and beautifulsoup4 extractors for homepages and social profiles."""

from ghtalent.web.extract import (
    HomepageFacts,
    extract_homepage,
    extract_social_followers,
    parse_count,
)
from ghtalent.web.fetch import FetchResult, FetchSettings, PoliteFetcher, is_public_address

__all__ = [
    "FetchResult",
    "FetchSettings",
    "HomepageFacts",
    "PoliteFetcher",
    "extract_homepage",
    "extract_social_followers",
    "is_public_address",
    "parse_count",
]
