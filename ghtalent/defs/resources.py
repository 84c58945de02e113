"""Resources: GitHub (the local mirror or api.github.com, by one setting) and the warehouse."""

from __future__ import annotations

import os
from typing import Any

import dagster as dg
import pandas as pd
from dagster_duckdb_pandas import DuckDBPandasIOManager, DuckDBPandasTypeHandler

from ghtalent.github import GitHubClient
from ghtalent.github.userstore import UserStore
from ghtalent.mirror.service import ensure_mirror
from ghtalent.paths import cache_dir, warehouse_path
from ghtalent.settings import Settings, load_settings


class GitHubResource(dg.ConfigurableResource):
    """GitHub, live or the bundled offline mirror (`GHTALENT_SOURCE=mirror|live`)."""

    source: str = "mirror"
    api_url: str | None = None
    mirror_port: int = 8777
    token: str | None = None
    cache_dir: str | None = None  # default: data/cache (GHTALENT_DATA_DIR)
    profile_max_age_days: float = 7.0
    social_url_template: str | None = None

    def cache_path(self) -> str:
        return self.cache_dir or str(cache_dir())

    def settings(self) -> Settings:
        return Settings(
            source=self.source,
            mirror_port=self.mirror_port,
            api_url=self.api_url,
            social_url_template=self.social_url_template,
            token=self.token,
        )

    def base_url(self) -> str:
        settings = self.settings()
        settings.require_token()
        if settings.live or settings.api_url:
            return settings.resolved_api_url()
        return ensure_mirror(self.mirror_port)

    def client(self, logger: Any = None) -> GitHubClient:
        settings = self.settings()
        return GitHubClient(
            self.base_url(),
            token=settings.require_token(),
            cache_path=f"{self.cache_path()}/http.sqlite",
            logger=logger,
        )

    def user_store(self) -> UserStore:
        return UserStore(f"{self.cache_path()}/profiles.sqlite")

    def social_template(self) -> str | None:
        """Where follower counts are read: configured, or the mirror's social pages offline."""
        if self.social_url_template:
            return self.social_url_template
        if self.source == "mirror":
            return self.base_url() + "/social/x/{handle}"
        return None


def github_from_env() -> GitHubResource:
    settings = load_settings()
    token = dg.EnvVar("GITHUB_TOKEN") if os.environ.get("GITHUB_TOKEN") else None
    return GitHubResource(
        source=settings.source,
        api_url=settings.api_url,
        mirror_port=settings.mirror_port,
        token=token,
        social_url_template=settings.social_url_template,
    )


class EvolvingPandasTypeHandler(DuckDBPandasTypeHandler):
    """The stock pandas handler, plus additive schema changes: a table written by an older
    version of the code gains the new columns (NULL in its old rows), and columns the code no
    longer writes stay, NULL in new rows. So pulling new code never strands a warehouse."""

    def handle_output(self, context, table_slice, obj: pd.DataFrame, connection):
        if not obj.empty:
            obj = self._evolve(context, table_slice, obj, connection)
        super().handle_output(context, table_slice, obj, connection)

    @staticmethod
    def _evolve(context, table_slice, obj: pd.DataFrame, connection) -> pd.DataFrame:
        table = f"{table_slice.schema}.{table_slice.table}"
        existing = [
            row[0]
            for row in connection.execute(
                "select column_name from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [table_slice.schema, table_slice.table],
            ).fetchall()
        ]
        if not existing or existing == list(obj.columns):
            return obj
        connection.register("ghtalent_incoming", obj)
        try:
            described = connection.execute("describe select * from ghtalent_incoming").fetchall()
        finally:
            connection.unregister("ghtalent_incoming")
        for name, column_type, *_ in described:
            if name not in existing:
                connection.execute(f'alter table {table} add column "{name}" {column_type}')
                existing.append(name)
                context.log.info(f"warehouse: added column {name} ({column_type}) to {table}")
        # The stock handler inserts by position: line the frame up with the table.
        return obj.reindex(columns=existing)


class WarehouseIOManager(DuckDBPandasIOManager):
    """DuckDB warehouse; tables follow the code's columns across versions (additively)."""

    @staticmethod
    def type_handlers():
        return [EvolvingPandasTypeHandler()]


def warehouse() -> WarehouseIOManager:
    return WarehouseIOManager(database=str(warehouse_path()), schema="ghtalent")
