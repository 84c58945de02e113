"""Tiny input tables for the scoring tests."""

from __future__ import annotations

import pandas as pd


def repo_rows(*rows: tuple) -> pd.DataFrame:
    """(full_name, owner_type, stars, forks) tuples → a keyword_repos-like frame."""
    df = pd.DataFrame(rows, columns=["full_name", "owner_type", "stars", "forks"])
    df["owner_login"] = df["full_name"].str.split("/").str[0]
    return df


def contrib_rows(*rows: tuple) -> pd.DataFrame:
    """(full_name, login, kind, contributions) tuples → a contributors-like frame."""
    return pd.DataFrame(rows, columns=["full_name", "login", "kind", "contributions"])


def profile_rows(*rows: tuple) -> pd.DataFrame:
    """(login, type, followers, twitter_followers) tuples → an enriched_profiles-like frame."""
    return pd.DataFrame(rows, columns=["login", "type", "followers", "twitter_followers"])
