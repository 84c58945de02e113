"""The academic_profiles table: who is looked up, and its column types."""

from __future__ import annotations

import pandas as pd

from ghtalent.tables import typed


def people_to_match(profiles: pd.DataFrame) -> pd.DataFrame:
    """The people worth a lookup: users the enrichment chose as board candidates (the ones it
    scraped), each once."""
    if profiles is None or profiles.empty:
        return pd.DataFrame(columns=["login"])
    users = profiles[profiles["type"].fillna("User") == "User"]
    if "scraped" in users:
        users = users[users["scraped"].fillna("not_candidate") != "not_candidate"]
    return users.drop_duplicates("login").reset_index(drop=True)


def academic_table(rows: pd.DataFrame, date: str, keyword: str) -> pd.DataFrame:
    """Rows typed for the warehouse, with the partition columns."""
    return typed(rows, "academic_profiles", date, keyword)
