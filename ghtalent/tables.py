"""Column types of the warehouse tables, applied before every write so DuckDB never guesses a
type from an all-null column."""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

STR, INT, FLOAT, TS, BOOL = "string", "Int64", "Float64", "datetime64[ns]", "boolean"
TYPE_NAMES = {STR: "str", INT: "int", FLOAT: "float", TS: "timestamp", BOOL: "bool"}


class Column(NamedTuple):
    """One column of a warehouse table: its pandas dtype and what it means (shown in
    docs/contracts.md and in the Dagster UI)."""

    dtype: str
    meaning: str = ""


# The one contract of every warehouse table: writers cast to it (`typed`), the IO manager adds
# the columns an older warehouse lacks, docs/contracts.md is generated from it (`markdown`) and
# the Dagster assets show it as their column schema.

CONTRACTS: dict[str, dict[str, Column]] = {
    "keyword_repos": {
        "date": Column(TS, "snapshot date (partition)"),
        "keyword": Column(STR, "keyword slug (partition)"),
        "rank": Column(INT, "1-based rank in the keyword's search (stars desc)"),
        "repo_id": Column(INT, "GitHub id"),
        "full_name": Column(STR, "`owner/name`"),
        "owner_login": Column(STR, ""),
        "owner_type": Column(STR, "`User` or `Organization`"),
        "name": Column(STR, ""),
        "description": Column(STR, "may be null"),
        "topics": Column(STR, "comma-joined topics; null when the repo has none"),
        "language": Column(STR, "primary language or null"),
        "license": Column(STR, "SPDX id or null"),
        "stars": Column(INT, ""),
        "forks": Column(INT, ""),
        "watchers": Column(INT, ""),
        "open_issues": Column(INT, ""),
        "created_at": Column(TS, ""),
        "pushed_at": Column(TS, ""),
        "html_url": Column(STR, "`https://github.com/owner/name`"),
        "owner_url": Column(STR, "`https://github.com/owner`"),
    },
    "contributors": {
        "date": Column(TS, "snapshot date (partition)"),
        "keyword": Column(STR, "keyword slug (partition)"),
        "full_name": Column(STR, "repository"),
        "login": Column(STR, "null for anonymous entries"),
        "user_id": Column(INT, "null for anonymous entries"),
        "kind": Column(STR, "`User`, `Bot`, `Anonymous`"),
        "contributions": Column(INT, "commits by this contributor in this repo"),
        "html_url": Column(STR, "profile URL (null for anonymous)"),
    },
    "star_history": {
        "date": Column(TS, "snapshot date (partition)"),
        "keyword": Column(STR, "keyword slug (partition)"),
        "full_name": Column(STR, "repository"),
        "week": Column(TS, "start of the week (GitHub's `week`, Sunday 00:00 UTC)"),
        "stars_gained": Column(INT, "stars gained that week (only stars still held today)"),
        "complete": Column(BOOL, "true when the series reaches back to the repo's creation"),
        "days": Column(
            STR,
            'the week\'s seven daily counts, Sunday first ("3,0,12,5,1,0,2"); null when GitHub gave none',
        ),
    },
    "enriched_profiles": {
        "date": Column(TS, "snapshot date (partition)"),
        "keyword": Column(STR, "keyword slug (partition)"),
        "login": Column(STR, ""),
        "name": Column(STR, ""),
        "html_url": Column(STR, ""),
        "type": Column(STR, "`User` or `Organization`"),
        "followers": Column(INT, ""),
        "following": Column(INT, ""),
        "public_repos": Column(INT, ""),
        "account_created_at": Column(TS, ""),
        "bio": Column(STR, "raw GitHub field"),
        "company_raw": Column(STR, "raw GitHub field"),
        "location_raw": Column(STR, "raw GitHub field"),
        "blog_raw": Column(STR, "raw GitHub field"),
        "email_raw": Column(STR, "raw GitHub field (public e-mail)"),
        "twitter_username": Column(STR, "raw GitHub field"),
        "company": Column(STR, "normalized organization (e.g. `OpenAI`)"),
        "company_kind": Column(STR, "`ai_lab`, `big_tech`, `startup`, `university`, `other`"),
        "university": Column(STR, "canonical English name"),
        "country": Column(STR, "ISO 3166-1 alpha-2"),
        "twitter_followers": Column(INT, "null = unknown, never 0 for unknown"),
        "homepage_url": Column(STR, ""),
        "research_topics": Column(STR, "`; `-joined short phrases"),
        "active_from": Column(TS, "earliest activity in this field"),
        "active_to": Column(TS, "latest activity in this field"),
        "sources": Column(
            STR,
            "JSON object: derived field → where it came from (`github.company`, `homepage`, `email`, …)",
        ),
        "scraped": Column(
            STR, "`ok`, or why not scraped (`not_candidate`, `no_homepage`, `robots`, `timeout`, …)"
        ),
        "linkedin_url": Column(
            STR,
            "LinkedIn from the profile's social accounts (GraphQL `socialAccounts`), else from the "
            "homepage; null when none",
        ),
    },
    "academic_profiles": {
        "date": Column(TS, "snapshot date (partition)"),
        "keyword": Column(STR, "keyword slug (partition)"),
        "login": Column(STR, "the developer looked up (a board candidate the enrichment scraped)"),
        "name": Column(STR, "their GitHub name"),
        "status": Column(
            STR,
            "`matched`, `no_author` (nobody of that name), `name_only` (namesakes, none "
            "corroborated), `off_field`, `ambiguous`, `no_name`, `budget`, `unavailable`, `error`",
        ),
        "confidence": Column(FLOAT, "0–1; a match needs ≥ 0.7 and corroboration beyond the name"),
        "match_reason": Column(
            STR, "the evidence (institution, topics, linked profile, namesakes set aside)"
        ),
        "author_id": Column(STR, "OpenAlex author id"),
        "author_url": Column(STR, "OpenAlex author URL"),
        "author_name": Column(STR, "the author's display name"),
        "orcid": Column(STR, "ORCID URL, when OpenAlex has one"),
        "institution": Column(STR, "the author's last known institution"),
        "works_count": Column(INT, "works in OpenAlex"),
        "cited_by_count": Column(INT, "citations of all works"),
        "h_index": Column(INT, "`summary_stats.h_index`"),
        "i10_index": Column(INT, "`summary_stats.i10_index`"),
        "top_work_title": Column(STR, "the most cited work"),
        "top_work_url": Column(STR, "its DOI or OpenAlex URL"),
        "top_work_year": Column(INT, "its publication year"),
        "top_work_citations": Column(INT, "its citations"),
        "last_publication_year": Column(INT, "year of the newest work"),
        "candidates": Column(INT, "same-name authors considered"),
        "linked_ids": Column(
            STR, "scholarly ids found on the profile/homepage (`orcid:…, scholar:…`)"
        ),
    },
}


SCHEMAS: dict[str, dict[str, str]] = {
    table: {name: column.dtype for name, column in columns.items()}
    for table, columns in CONTRACTS.items()
}


PARTITION_COLUMNS = ("date", "keyword")


def columns_of(table: str) -> list[str]:
    """The columns a writer of `table` fills, in contract order (the partition columns are set
    by `typed`)."""
    return [name for name in CONTRACTS[table] if name not in PARTITION_COLUMNS]


def markdown(table: str) -> str:
    """The contract of `table` as the Markdown table docs/contracts.md shows."""
    rows = ["| column | type | meaning |", "|---|---|---|"]
    for name, column in CONTRACTS[table].items():
        rows.append(f"| {name} | {TYPE_NAMES[column.dtype]} | {column.meaning} |")
    return "\n".join(rows)


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


CONTRACT_BLOCK = re.compile(r"(<!-- contract:(\w+)[^>]*-->\n)(.*?)(<!-- /contract -->)", re.S)


def render_contracts_doc(text: str) -> str:
    """`text` (docs/contracts.md) with every contract block rewritten from CONTRACTS."""

    def block(match: re.Match) -> str:
        return f"{match.group(1)}{markdown(match.group(2))}\n{match.group(4)}"

    return CONTRACT_BLOCK.sub(block, text)


if __name__ == "__main__":  # python -m ghtalent.tables: regenerate docs/contracts.md
    from ghtalent.paths import REPO_ROOT

    doc = REPO_ROOT / "docs" / "contracts.md"
    doc.write_text(render_contracts_doc(doc.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {doc}")
