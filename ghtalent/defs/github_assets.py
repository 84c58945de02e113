"""Assets that read GitHub: keyword_repos, contributors, star_history."""

import dagster as dg
import pandas as pd
from dagster import AssetExecutionContext

from ghtalent.boards.report import board_markdown
from ghtalent.defs.checks import CONTRIBUTOR_CHECKS, contributor_checks
from ghtalent.defs.partitions import (
    PARTITION_EXPR,
    keyword_config,
    keyword_date_partitions,
    split_key,
)
from ghtalent.defs.resources import GitHubResource
from ghtalent.github.collect import collect_contributors, collect_repos, collect_star_history
from ghtalent.tables import typed

# Shared by the three assets that read GitHub for one keyword partition.
GITHUB_ASSET = dict(
    partitions_def=keyword_date_partitions,
    group_name="github",
    metadata=PARTITION_EXPR,
    kinds={"github", "duckdb"},
    pool="warehouse",  # one DuckDB writer at a time (dagster.yaml)
)
RECENT_WEEKS = 26  # growth needs a quarter; one page of 30 weeks covers it
LIGHTNING_THRESHOLD = 10_000


def request_metadata(counts: dict[str, int]) -> dict[str, dg.MetadataValue]:
    return {
        "requests": dg.MetadataValue.json(counts),
        "requests_spent": dg.MetadataValue.int(
            counts["search"] + counts["core"] + counts["graphql"]
        ),
        "requests_304": dg.MetadataValue.int(counts["304"]),
    }


def failures_markdown(failures: list[dict], limit: int = 20) -> str:
    if not failures:
        return "none"
    frame = pd.DataFrame(failures)
    return board_markdown(frame, limit=limit)


@dg.asset(**GITHUB_ASSET)
def keyword_repos(
    context: AssetExecutionContext, github: GitHubResource
) -> dg.Output[pd.DataFrame]:
    """Top repositories for the keyword by stars (GitHub search, name/description/topics)."""
    date, slug = split_key(context)
    keyword = keyword_config.keyword(slug)
    with github.client(context.log) as client:
        found = collect_repos(client, keyword.query, keyword_config.repos_per_keyword)
    frame = typed(found.repos, "keyword_repos", date, slug)
    preview = frame[["rank", "full_name", "stars", "forks", "language", "html_url"]]
    return dg.Output(
        frame,
        metadata={
            "rows": dg.MetadataValue.int(len(frame)),
            "total_count": dg.MetadataValue.int(found.total_count),
            "incomplete_results": dg.MetadataValue.bool(found.incomplete),
            "preview": dg.MetadataValue.md(board_markdown(preview)),
            **request_metadata(client.counter.as_dict()),
        },
    )


@dg.asset(**GITHUB_ASSET, check_specs=CONTRIBUTOR_CHECKS)
def contributors(
    context: AssetExecutionContext, github: GitHubResource, keyword_repos: pd.DataFrame
):
    """The people behind each repository: its top 100 contributors by commits."""
    date, slug = split_key(context)
    with github.client(context.log) as client:
        batch = collect_contributors(client, keyword_repos["full_name"].tolist())
    frame = typed(batch.contributors, "contributors", date, slug)
    humans = frame[frame["kind"] == "User"]
    if batch.failures:
        context.log.warning(
            f"{len(batch.failures)} repositories gave no contributor list (see metadata)"
        )
    top = (
        humans.groupby(["login", "html_url"], as_index=False)["contributions"]
        .sum()
        .sort_values("contributions", ascending=False)
    )
    yield dg.Output(
        frame,
        metadata={
            "rows": dg.MetadataValue.int(len(frame)),
            "people": dg.MetadataValue.int(humans["login"].nunique()),
            "bots": dg.MetadataValue.int(int((frame["kind"] == "Bot").sum())),
            "anonymous": dg.MetadataValue.int(int((frame["kind"] == "Anonymous").sum())),
            "repos_without_list": dg.MetadataValue.int(len(batch.failures)),
            "failures": dg.MetadataValue.md(failures_markdown(batch.failures)),
            # where each repo's people came from: contributors | stats | none (unknown)
            "people_sources": dg.MetadataValue.json(batch.source_counts()),
            "people_source_not_list": dg.MetadataValue.json(
                {name: src for name, src in batch.sources.items() if src != "contributors"}
            ),
            "preview": dg.MetadataValue.md(board_markdown(top)),
            **request_metadata(client.counter.as_dict()),
        },
    )
    yield from contributor_checks(frame, keyword_repos)


@dg.asset(**GITHUB_ASSET)
def star_history(
    context: AssetExecutionContext, github: GitHubResource, keyword_repos: pd.DataFrame
) -> dg.Output[pd.DataFrame]:
    """Weekly stars gained per repository (GitHub's stargazers/history; only stars still held)."""
    date, slug = split_key(context)
    with github.client(context.log) as client:
        frame, failures = collect_star_history(
            client, keyword_repos, RECENT_WEEKS, LIGHTNING_THRESHOLD
        )
    frame = typed(frame, "star_history", date, slug)
    weekly = frame.groupby("full_name", as_index=False).agg(
        weeks=("week", "count"), stars=("stars_gained", "sum"), complete=("complete", "max")
    )
    return dg.Output(
        frame,
        metadata={
            "rows": dg.MetadataValue.int(len(frame)),
            "repos": dg.MetadataValue.int(frame["full_name"].nunique()),
            "repos_with_full_history": dg.MetadataValue.int(int(weekly["complete"].sum())),
            "failures": dg.MetadataValue.md(failures_markdown(failures)),
            "preview": dg.MetadataValue.md(
                board_markdown(weekly.sort_values("stars", ascending=False))
            ),
            **request_metadata(client.counter.as_dict()),
        },
    )
