"""Resources: GitHub (the local mirror or api.github.com, by one setting), X (follower counts)
and the warehouse. Each source keeps its own warehouse and caches (`ghtalent.paths`)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dagster as dg
import pandas as pd
from dagster_duckdb_pandas import DuckDBPandasIOManager, DuckDBPandasTypeHandler

from ghtalent.config.enrich import EnrichConfig
from ghtalent.config.github import load_github_config
from ghtalent.github import GitHubClient
from ghtalent.github.userstore import UserStore
from ghtalent.mirror.service import ensure_mirror
from ghtalent.paths import cache_dir, current_source, warehouse_path
from ghtalent.preflight import check_caches, check_warehouse
from ghtalent.settings import X_TOKEN_VARIABLE, Settings, load_settings
from ghtalent.xapi import DEFAULT_X_API, XClient

SOURCE_TABLE = "_source"  # one row: which source this warehouse holds
_CHECKED: set[str] = set()  # cache folders and warehouses found sound by this process


class GitHubResource(dg.ConfigurableResource):
    """GitHub, live or the bundled offline mirror (`GHTALENT_SOURCE=mirror|live`)."""

    source: str = "mirror"
    api_url: str | None = None
    mirror_port: int = 8777
    token: str | None = None
    cache_dir: str | None = None  # default: data/<source>/cache (GHTALENT_DATA_DIR)
    # None: `profile_max_age_days` of config/enrich.toml. Set here (the launchpad, a test) it
    # wins for this run's GitHub profiles, scraped pages and X counts alike.
    profile_max_age_days: float | None = None
    social_url_template: str | None = None
    x_api_url: str | None = None  # default: api.x.com live, the mirror's copy offline
    x_token: str | None = None  # X_BEARER_TOKEN
    offline_web: bool = False  # GHTALENT_OFFLINE_WEB: pages only from the API's own host

    def cache_path(self) -> str:
        """This source's caches: the HTTP cache, the profile store and the page store (checked
        once per process: a damaged file stops the asset with its path and the fix)."""
        path = self.cache_dir or str(cache_dir(self.settings().source_slug()))
        if path not in _CHECKED:
            check_caches(Path(path), deep=False)
            _CHECKED.add(path)
        return path

    def source_slug(self) -> str:
        return self.settings().source_slug()

    def max_age_days(self, enrich: EnrichConfig) -> float:
        """How old a stored profile, page or X count may be and still be reused."""
        if self.profile_max_age_days is None:
            return enrich.profile_max_age_days
        return self.profile_max_age_days

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
        base = self.base_url()
        cfg = load_github_config()
        return GitHubClient(
            base,
            token=settings.require_token(),
            cache_path=f"{self.cache_path()}/http.sqlite",
            logger=logger,
            max_in_flight=cfg.max_in_flight,
            min_interval=cfg.min_interval(local=is_loopback(base)),
        )

    def user_store(self) -> UserStore:
        return UserStore(f"{self.cache_path()}/profiles.sqlite")

    def social_template(self) -> str | None:
        """A profile-page source of follower counts, the second option (GHTALENT_SOCIAL_URL)."""
        return self.social_url_template or None

    def x_client(self, logger: Any = None, max_age_days: float = 7.0) -> XClient | None:
        """X follower counts: the X API v2 (live: needs X_BEARER_TOKEN), or the mirror's copy
        of it offline. None when live without a token: the counts are then unknown."""
        if self.x_api_url:
            base = self.x_api_url
        elif self.source == "mirror":
            base = self.base_url()
        else:
            base = DEFAULT_X_API
        token = self.x_token or ("mirror" if self.source == "mirror" else None)
        if not token:
            return None
        return XClient(
            base, token, f"{self.cache_path()}/x.sqlite", max_age_days=max_age_days, logger=logger
        )


def is_loopback(url: str) -> bool:
    """True for a server on this machine (the mirror, a test's server): no pacing needed."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def github_from_env() -> GitHubResource:
    settings = load_settings()
    token = dg.EnvVar("GITHUB_TOKEN") if settings.token else None
    x_token = dg.EnvVar(X_TOKEN_VARIABLE) if settings.x_token else None
    return GitHubResource(
        source=settings.source,
        api_url=settings.api_url,
        mirror_port=settings.mirror_port,
        token=token,
        social_url_template=settings.social_url_template,
        x_api_url=settings.x_api_url,
        x_token=x_token,
        offline_web=settings.offline_web,
    )


class EvolvingPandasTypeHandler(DuckDBPandasTypeHandler):
    """The stock pandas handler, plus additive schema changes: a table written by an older
    version of the code gains the new columns (NULL in its old rows), and columns the code no
    longer writes stay, NULL in new rows. So pulling new code never strands a warehouse."""

    def __init__(self, source: str | None = None):
        self.source = source

    def handle_output(self, context, table_slice, obj: pd.DataFrame, connection):
        source = self.source or current_source()
        check_source(connection, table_slice.schema, source)
        # Every row says where it came from (`mirror`, `live`, `api-<host>-<port>`).
        obj = obj.assign(source=pd.Series([source] * len(obj), index=obj.index, dtype="string"))
        if not obj.empty:
            obj = self._evolve(context, table_slice, obj, connection)
        else:
            # A search with 0 results: the partition is emptied (the IO manager deleted it),
            # and the table exists with its columns, so what reads it finds 0 rows, not an error.
            connection.register("ghtalent_empty", obj)
            try:
                connection.execute(
                    f"create table if not exists {table_slice.schema}.{table_slice.table} "
                    "as select * from ghtalent_empty"
                ).fetchall()
            finally:
                connection.unregister("ghtalent_empty")
            context.log.warning(
                f"{table_slice.table}: 0 rows for this partition (the table keeps its columns)"
            )
        super().handle_output(context, table_slice, obj, connection)

    def load_input(self, context, table_slice, connection) -> pd.DataFrame:
        frame = super().load_input(context, table_slice, connection)
        # The source column is bookkeeping: the assets downstream never see it.
        return frame.drop(columns=["source"], errors="ignore")

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


class SourceMismatchError(RuntimeError):
    """A warehouse holds another source's data; writing into it would mix the two."""


def check_source(connection, schema: str, source: str) -> None:
    """Record the warehouse's source on first write; refuse to write another source into it."""
    connection.execute(f"create schema if not exists {schema}").fetchall()
    connection.execute(
        f"create table if not exists {schema}.{SOURCE_TABLE} (source varchar, recorded_at timestamp)"
    ).fetchall()
    found = connection.execute(f"select source from {schema}.{SOURCE_TABLE} limit 1").fetchall()
    row = found[0] if found else None
    if row is None:
        connection.execute(
            f"insert into {schema}.{SOURCE_TABLE} values (?, current_timestamp)", [source]
        ).fetchall()
    elif row[0] != source:
        raise SourceMismatchError(
            f"this warehouse holds data from source {row[0]!r}, not {source!r}; each source "
            f"keeps its own (data/<source>/warehouse.duckdb): point GHTALENT_DATA_DIR or the "
            f"warehouse resource at {source!r}'s own file"
        )


class WarehouseIOManager(DuckDBPandasIOManager):
    """DuckDB warehouse of one source; tables follow the code's columns across versions
    (additively) and every row records its `source`."""

    source: str | None = None  # default: the source the environment selects

    @staticmethod
    def type_handlers():
        return [EvolvingPandasTypeHandler()]

    def create_io_manager(self, context):
        from dagster_duckdb.io_manager import DbIOManager, DuckDbClient

        if self.database not in _CHECKED:
            # A damaged warehouse stops the step with its path and the fix, before any write.
            check_warehouse(Path(self.database))
            _CHECKED.add(self.database)

        return DbIOManager(
            db_client=DuckDbClient(),
            database=self.database,
            schema=self.schema_,
            type_handlers=[EvolvingPandasTypeHandler(self.source)],
            default_load_type=self.default_load_type(),
            io_manager_name="DuckDBIOManager",
        )


def warehouse() -> WarehouseIOManager:
    """The warehouse of the source the environment selects (`data/<source>/warehouse.duckdb`)."""
    source = current_source()
    return WarehouseIOManager(
        database=str(warehouse_path(source)), schema="ghtalent", source=source
    )
