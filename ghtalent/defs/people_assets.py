"""enriched_profiles: who each person is."""

from collections import Counter
from urllib.parse import urlsplit

import dagster as dg
import pandas as pd
from dagster import AssetExecutionContext

from ghtalent.boards.report import board_markdown
from ghtalent.defs.checks import PROFILE_CHECKS, profile_checks
from ghtalent.defs.github_assets import request_metadata
from ghtalent.defs.partitions import (
    PARTITION_EXPR,
    keyword_config,
    keyword_date_partitions,
    split_key,
)
from ghtalent.defs.resources import GitHubResource
from ghtalent.enrich import enrich, pick_candidates, scrape_people
from ghtalent.enrich.config import load_enrich_config
from ghtalent.enrich.scrape import PageStore
from ghtalent.github.collect import collect_profiles
from ghtalent.tables import typed
from ghtalent.web.fetch import FetchSettings, PoliteFetcher


@dg.asset(
    partitions_def=keyword_date_partitions,
    group_name="people",
    metadata=PARTITION_EXPR,
    kinds={"github", "duckdb"},
    pool="warehouse",  # one DuckDB writer at a time (dagster.yaml)
    check_specs=PROFILE_CHECKS,
)
def enriched_profiles(
    context: AssetExecutionContext,
    github: GitHubResource,
    keyword_repos: pd.DataFrame,
    contributors: pd.DataFrame,
):
    """One row per person or organization behind the keyword's repositories: company,
    university, country, Twitter/X, homepage, research topics, active years, with sources."""
    date, slug = split_key(context)
    cfg = load_enrich_config()
    users = contributors.loc[contributors["kind"] == "User", "login"].dropna().tolist()
    users += keyword_repos.loc[keyword_repos["owner_type"] == "User", "owner_login"].tolist()
    orgs = keyword_repos.loc[keyword_repos["owner_type"] == "Organization", "owner_login"].tolist()

    with github.client(context.log) as client, github.user_store() as store:
        batch = collect_profiles(client, users, orgs, store, cfg.profile_max_age_days)
    raw = batch.profiles

    chosen = pick_candidates(
        raw,
        keyword_repos,
        contributors,
        cfg.scrape_top_n,
        cfg.gem_min_stars,
        keywords_in_field=len(keyword_config.slugs),  # boards add keywords up: see the rule
    )
    mirror = github.source == "mirror" and not github.api_url
    base = github.base_url()
    settings = FetchSettings(
        total_timeout=cfg.page_timeout,
        max_bytes=cfg.max_page_bytes,
        per_host_interval=cfg.mirror_per_host_interval if mirror else cfg.per_host_interval,
        allow_hosts=(urlsplit(base).netloc,) if mirror else (),
    )
    people = raw[raw["login"].isin(chosen)][["login", "blog", "twitter_username"]].to_dict(
        "records"
    )
    pages = PageStore(f"{github.cache_path()}/pages.sqlite")
    with pages, PoliteFetcher(settings) as fetcher:
        facts, newly = scrape_people(
            fetcher, people, pages, github.social_template(), cfg.profile_max_age_days
        )
    frame = typed(enrich(raw, keyword_repos, contributors, facts), "enriched_profiles", date, slug)

    scraped = Counter(frame["scraped"].fillna("unknown"))
    known = {
        field: int(frame[field].notna().sum())
        for field in ("company", "university", "country", "twitter_followers", "research_topics")
    }
    preview = frame.sort_values("followers", ascending=False)[
        [
            "login",
            "name",
            "company",
            "university",
            "country",
            "followers",
            "twitter_followers",
            "html_url",
        ]
    ]
    yield dg.Output(
        frame,
        metadata={
            "rows": dg.MetadataValue.int(len(frame)),
            "users": dg.MetadataValue.int(int((frame["type"] == "User").sum())),
            "organizations": dg.MetadataValue.int(int((frame["type"] == "Organization").sum())),
            "profiles_fetched": dg.MetadataValue.int(batch.fetched),
            "profiles_reused": dg.MetadataValue.int(batch.reused),
            "missing_on_github": dg.MetadataValue.int(len(batch.missing)),
            "unknown_on_github": dg.MetadataValue.int(len(batch.unknown)),
            "scrape_candidates": dg.MetadataValue.int(len(chosen)),
            "pages_scraped_now": dg.MetadataValue.int(newly),
            "scrape_outcomes": dg.MetadataValue.json(dict(scraped)),
            "fields_known": dg.MetadataValue.json(known),
            "preview": dg.MetadataValue.md(board_markdown(preview)),
            **request_metadata(client.counter.as_dict()),
        },
    )
    yield from profile_checks(frame, keyword_repos, contributors)
