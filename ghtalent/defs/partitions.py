"""Partitions: keyword (from config/keywords.toml) × date (daily, today included)."""

from __future__ import annotations

import dagster as dg

from ghtalent.config import START_DATE, default_keyword_config

keyword_config = default_keyword_config()
date_partitions = dg.DailyPartitionsDefinition(start_date=START_DATE, end_offset=1, timezone="UTC")
keyword_partitions = dg.StaticPartitionsDefinition(keyword_config.slugs)
keyword_date_partitions = dg.MultiPartitionsDefinition(
    {"date": date_partitions, "keyword": keyword_partitions}
)
# The DuckDB IO manager replaces exactly one partition when each dimension names its column.
PARTITION_EXPR = {"partition_expr": {"date": "date", "keyword": "keyword"}}


def split_key(context: dg.AssetExecutionContext) -> tuple[str, str]:
    """(date, keyword slug) of the partition being materialized."""
    key = context.partition_key
    assert isinstance(key, dg.MultiPartitionKey)
    dims = key.keys_by_dimension
    return dims["date"], dims["keyword"]
