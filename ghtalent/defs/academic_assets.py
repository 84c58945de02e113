"""academic_profiles: each board candidate's papers (OpenAlex), matched on evidence."""

from datetime import UTC, datetime

import dagster as dg
import pandas as pd
from dagster import AssetExecutionContext

from ghtalent.boards.report import board_markdown
from ghtalent.defs.partitions import PARTITION_EXPR, keyword_date_partitions, split_key
from ghtalent.defs.resources import GitHubResource
from ghtalent.enrich.config import load_enrich_config
from ghtalent.enrich.scrape import PageStore
from ghtalent.scholar.client import OpenAlexClient
from ghtalent.scholar.collect import collect_academic
from ghtalent.scholar.config import load_academic_config, openalex_url
from ghtalent.scholar.profiles import academic_table, people_to_match
from ghtalent.settings import load_settings


class OpenAlexResource(dg.ConfigurableResource):
    """OpenAlex: the mirror's /openalex offline, api.openalex.org live (GHTALENT_SOURCE), or
    GHTALENT_OPENALEX_URL; GHTALENT_OPENALEX_MAILTO joins the polite pool."""

    api_url: str | None = None
    mailto: str | None = None

    def client(self, github: GitHubResource, logger=None) -> OpenAlexClient:
        cfg = load_academic_config()
        explicit = bool(github.api_url)
        local = github.source != "live" or explicit
        base = (
            self.api_url.rstrip("/")
            if self.api_url
            else openalex_url(github.source, github.base_url() if local else None, explicit, {})
        )
        mirror = local and not self.api_url
        return OpenAlexClient(
            base,
            mailto=self.mailto,
            cache_path=f"{github.cache_path()}/openalex.sqlite",
            max_requests=cfg.max_requests,
            min_interval=cfg.mirror_min_interval if mirror else cfg.min_interval,
            logger=logger,
        )


def openalex_from_env() -> OpenAlexResource:
    """GHTALENT_OPENALEX_URL and GHTALENT_OPENALEX_MAILTO, validated with the other settings."""
    settings = load_settings()
    return OpenAlexResource(api_url=settings.openalex_url, mailto=settings.openalex_mailto)


@dg.asset(
    partitions_def=keyword_date_partitions,
    group_name="people",
    metadata=PARTITION_EXPR,
    kinds={"openalex", "duckdb"},
    pool="warehouse",  # one DuckDB writer at a time (dagster.yaml)
)
def academic_profiles(
    context: AssetExecutionContext,
    github: GitHubResource,
    enriched_profiles: pd.DataFrame,
) -> dg.Output[pd.DataFrame]:
    """Papers of the people who can reach a board: the OpenAlex author matched on evidence
    (linked ORCID, else name + affiliation + topics; confidence and reason kept), works,
    citations, h-index, top paper and last publication year."""
    date, slug = split_key(context)
    people = people_to_match(enriched_profiles)
    cfg = load_enrich_config()
    with PageStore(f"{github.cache_path()}/pages.sqlite") as pages:
        facts = pages.get_facts(
            people["login"].tolist(), datetime.now(UTC), github.max_age_days(cfg)
        )
    links = {login: f.links for login, f in facts.items()}
    # Settings from the environment, the server from the GitHub resource (mirror or live), so
    # every job and test that configures GitHub runs this asset unchanged.
    with openalex_from_env().client(github, context.log) as client:
        result = collect_academic(client, people, links)
    frame = academic_table(result.rows, date, slug)
    matched = frame[frame["status"] == "matched"]
    preview = matched.sort_values("cited_by_count", ascending=False)[
        ["login", "author_name", "confidence", "cited_by_count", "h_index", "top_work_url"]
    ].head(20)
    requests = result.requests
    return dg.Output(
        frame,
        metadata={
            "rows": dg.MetadataValue.int(len(frame)),
            "matched": dg.MetadataValue.int(len(matched)),
            "statuses": dg.MetadataValue.json(result.statuses),
            "openalex_requests": dg.MetadataValue.json(requests),
            "openalex_requests_spent": dg.MetadataValue.int(requests["openalex"]),
            "preview": dg.MetadataValue.md(board_markdown(preview)),
        },
    )


def openalex_requests_of_date(instance: dg.DagsterInstance, date: str, keywords: list[str]) -> int:
    """OpenAlex requests the latest academic_profiles materialization of each keyword of the
    date spent (shown beside GitHub's in the boards run and the report)."""
    total = 0
    for slug in keywords:
        key = str(dg.MultiPartitionKey({"date": date, "keyword": slug}))
        records = instance.fetch_materializations(
            dg.AssetRecordsFilter(
                asset_key=dg.AssetKey("academic_profiles"), asset_partitions=[key]
            ),
            limit=1,
        ).records
        if records:
            value = records[0].asset_materialization.metadata.get("openalex_requests_spent")
            total += int(getattr(value, "value", 0) or 0)
    return total
