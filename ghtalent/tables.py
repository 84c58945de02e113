"""Column types of the warehouse tables, applied before every write so DuckDB never guesses a
type from an all-null column."""

from __future__ import annotations

import pandas as pd

STR, INT, FLOAT, TS, BOOL = "string", "Int64", "Float64", "datetime64[ns]", "boolean"

SCHEMAS: dict[str, dict[str, str]] = {
    "keyword_repos": {
        "date": TS,
        "keyword": STR,
        "rank": INT,
        "repo_id": INT,
        "full_name": STR,
        "owner_login": STR,
        "owner_type": STR,
        "name": STR,
        "description": STR,
        "topics": STR,
        "language": STR,
        "license": STR,
        "stars": INT,
        "forks": INT,
        "watchers": INT,
        "open_issues": INT,
        "created_at": TS,
        "pushed_at": TS,
        "html_url": STR,
        "owner_url": STR,
    },
    "contributors": {
        "date": TS,
        "keyword": STR,
        "full_name": STR,
        "login": STR,
        "user_id": INT,
        "kind": STR,
        "contributions": INT,
        "html_url": STR,
    },
    "star_history": {
        "date": TS,
        "keyword": STR,
        "full_name": STR,
        "week": TS,
        "stars_gained": INT,
        "complete": BOOL,
    },
    "enriched_profiles": {
        "date": TS,
        "keyword": STR,
        "login": STR,
        "name": STR,
        "html_url": STR,
        "type": STR,
        "followers": INT,
        "following": INT,
        "public_repos": INT,
        "account_created_at": TS,
        "bio": STR,
        "company_raw": STR,
        "location_raw": STR,
        "blog_raw": STR,
        "email_raw": STR,
        "twitter_username": STR,
        "company": STR,
        "company_kind": STR,
        "university": STR,
        "country": STR,
        "twitter_followers": INT,
        "homepage_url": STR,
        "research_topics": STR,
        "active_from": TS,
        "active_to": TS,
        "sources": STR,
        "scraped": STR,
        "linkedin_url": STR,  # GraphQL socialAccounts, else a link on the homepage
    },
}


def settle(frame: pd.DataFrame) -> pd.DataFrame:
    """Types for a table without a fixed schema: numbers stay numbers, everything else text."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_bool_dtype(series):
            out[column] = series.astype(BOOL)
        elif pd.api.types.is_integer_dtype(series):
            out[column] = series.astype(INT)
        elif pd.api.types.is_float_dtype(series):
            out[column] = series.astype(FLOAT)
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[column] = pd.to_datetime(series, utc=True).dt.tz_convert(None).astype(TS)
        else:
            numeric = pd.to_numeric(series, errors="coerce")
            if series.notna().any() and numeric.notna().sum() == series.notna().sum():
                out[column] = numeric.astype(FLOAT)
            else:
                out[column] = series.map(
                    lambda v: (
                        None
                        if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))
                        else str(v)
                    )
                ).astype(STR)
    return out


def typed(frame: pd.DataFrame, table: str, date: str, keyword: str | None = None) -> pd.DataFrame:
    """`frame` with the partition columns set and every column cast to the table's type."""
    schema = SCHEMAS[table]
    out = frame.copy()
    out.insert(0, "date", pd.Timestamp(date))
    if "keyword" in schema:
        out.insert(1, "keyword", keyword)
    for column, dtype in schema.items():
        if column not in out:
            out[column] = pd.Series([None] * len(out), dtype="object")
        if dtype == TS:
            out[column] = pd.to_datetime(out[column], utc=True).dt.tz_convert(None).astype(TS)
        else:
            out[column] = out[column].astype(dtype)
    extra = [c for c in out.columns if c not in schema]
    return out[list(schema) + extra]
