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
from ghtalent.enrich.scrape import PageStore, add_x_followers
from ghtalent.github.collect import collect_profiles
from ghtalent.provenance import X_UNKNOWN_NOTE
from ghtalent.tables import typed
from ghtalent.web.fetch import FetchSettings, PoliteFetcher

SYNTHETIC_LINK = "synthetic-mirror:"


def label_mirror_links(frame: pd.DataFrame, base: str) -> pd.DataFrame:
    """Every homepage of the synthetic world, marked as such and no longer a link: the ones the
    demo mirror served (127.0.0.1:<port>, dead once it stops) read
    `synthetic-mirror:/pages/<login>/`; the invented ones on real hosts (never fetched) read
    `synthetic-mirror:https://...`, so no report links a made-up person to a real site."""
    out = frame.copy()
    for column in ("homepage_url", "blog_raw"):
        values = out[column].astype("string")
        served = values.str.startswith(base.rstrip("/"), na=False)
        values = values.where(~served, values.str.slice(len(base.rstrip("/"))))
        known = values.notna() & (values.str.len() > 0)
        out[column] = values.where(~known, SYNTHETIC_LINK + values)
    return out


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
    max_age = github.max_age_days(cfg)
    users = contributors.loc[contributors["kind"] == "User", "login"].dropna().tolist()
    users += keyword_repos.loc[keyword_repos["owner_type"] == "User", "owner_login"].tolist()
    orgs = keyword_repos.loc[keyword_repos["owner_type"] == "Organization", "owner_login"].tolist()

    with github.client(context.log) as client, github.user_store() as store:
        batch = collect_profiles(client, users, orgs, store, max_age)
    raw = batch.profiles

    chosen = pick_candidates(
        raw,
        keyword_repos,
        contributors,
        cfg.scrape_top_n,
        cfg.gem_min_stars,
        keywords_in_field=len(keyword_config.slugs),  # boards add keywords up: see the rule
    )
    mirror = github.source == "mirror"
    offline = mirror or github.offline_web
    base = github.base_url()
    settings = FetchSettings(
        total_timeout=cfg.page_timeout,
        max_bytes=cfg.max_page_bytes,
        max_crawl_delay=cfg.max_crawl_delay,
        per_host_interval=cfg.mirror_per_host_interval if mirror else cfg.per_host_interval,
        allow_hosts=(urlsplit(base).netloc,) if offline else (),
        # The synthetic world's web is the mirror: no other name is looked up, let alone fetched.
        offline=offline,
    )
    people = raw[raw["login"].isin(chosen)][["login", "blog", "twitter_username"]].to_dict(
        "records"
    )
    pages = PageStore(f"{github.cache_path()}/pages.sqlite")
    with pages, PoliteFetcher(settings) as fetcher:
        facts, newly = scrape_people(
            fetcher,
            people,
            pages,
            github.social_template(),
            max_age,
            max_in_flight=cfg.max_in_flight,
        )
    x_client = github.x_client(context.log, max_age)
    handles = [
        p.get("twitter_username") or getattr(facts.get(p["login"]), "twitter_handle", None)
        for p in people
    ]
    lookup = None
    if x_client is not None:
        with x_client:
            lookup = x_client.followers([h for h in handles if isinstance(h, str)])
        if lookup.reason:
            context.log.warning(
                f"X follower counts: {len(lookup.unknown)} handle(s) left unknown: {lookup.reason}"
            )
    elif any(isinstance(h, str) and h for h in handles):
        context.log.warning(X_UNKNOWN_NOTE)
    x_outcomes = add_x_followers(facts, people, lookup, "no_x_token")
    frame = typed(enrich(raw, keyword_repos, contributors, facts), "enriched_profiles", date, slug)
    if mirror:
        frame = label_mirror_links(frame, base)
    page_errors = [
        {"login": f.login, "url": f.homepage_url, "error": f.error}
        for f in facts.values()
        if f.status == "extract_error"
    ]
    if page_errors:
        context.log.warning(
            f"{len(page_errors)} page(s) could not be read and were skipped: "
            + "; ".join(f"{e['login']} {e['url']} ({e['error']})" for e in page_errors[:5])
        )

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
            "page_errors": dg.MetadataValue.json(page_errors[:50]),
            "x_followers": dg.MetadataValue.json(
                {**x_outcomes, "x_api_calls": int(lookup.requests["x"]) if lookup else 0}
            ),
            "fields_known": dg.MetadataValue.json(known),
            "preview": dg.MetadataValue.md(board_markdown(preview)),
            **request_metadata(client.counter.as_dict()),
        },
    )
    yield from profile_checks(frame, keyword_repos, contributors)
