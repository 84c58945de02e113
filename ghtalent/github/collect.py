"""The fetch stage: from a keyword to tables of repositories, contributors, star history and
raw profiles. Plain functions over a `GitHubClient`, used by the assets and the benchmark."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from ghtalent.github.calls import (
    contributor_row,
    fetch_user_batches,
    get_organization,
    list_contributors,
    search_repositories,
    star_history,
)
from ghtalent.github.client import GitHubClient
from ghtalent.github.errors import GitHubError
from ghtalent.github.userstore import UserStore
from ghtalent.tables import columns_of

REPO_COLUMNS = columns_of("keyword_repos")
CONTRIBUTOR_COLUMNS = columns_of("contributors")
PEOPLE_SOURCES = ("contributors", "stats", "none")
HISTORY_COLUMNS = columns_of("star_history")
PROFILE_COLUMNS = [
    "login",
    "id",
    "type",
    "name",
    "company",
    "location",
    "bio",
    "email",
    "blog",
    "twitter_username",
    "created_at",
    "html_url",
    "followers",
    "following",
    "public_repos",
]


def _ts(value: str | None) -> pd.Timestamp | None:
    if not value:
        return None
    return (
        pd.Timestamp(value).tz_convert(None) if pd.Timestamp(value).tzinfo else pd.Timestamp(value)
    )


def repo_row(rank: int, item: dict) -> dict:
    """A search item as a `keyword_repos` row."""
    owner = item.get("owner") or {}
    lic = item.get("license") or {}
    topics = item.get("topics") or []
    return {
        "rank": rank,
        "repo_id": item.get("id"),
        "full_name": item["full_name"],
        "owner_login": owner.get("login"),
        "owner_type": owner.get("type") or "User",
        "name": item.get("name"),
        "description": item.get("description") or None,
        "topics": ",".join(topics) if topics else None,
        "language": item.get("language") or None,
        "license": (
            lic.get("spdx_id") if lic.get("spdx_id") not in (None, "NOASSERTION") else None
        ),
        "stars": int(item.get("stargazers_count") or 0),
        "forks": int(item.get("forks_count") or 0),
        "watchers": int(item.get("watchers_count") or 0),
        "open_issues": int(item.get("open_issues_count") or 0),
        "created_at": _ts(item.get("created_at")),
        "pushed_at": _ts(item.get("pushed_at")),
        "html_url": item.get("html_url") or f"https://github.com/{item['full_name']}",
        "owner_url": owner.get("html_url") or f"https://github.com/{owner.get('login')}",
    }


@dataclass
class RepoSearch:
    repos: pd.DataFrame
    total_count: int
    incomplete: bool


def collect_repos(client: GitHubClient, query: str, limit: int) -> RepoSearch:
    """Top `limit` repositories for a keyword query, by stars."""
    result = search_repositories(client, query, limit)
    rows = [repo_row(i + 1, item) for i, item in enumerate(result.items)]
    frame = pd.DataFrame(rows, columns=REPO_COLUMNS)
    return RepoSearch(frame, result.total_count, result.incomplete_results)


@dataclass
class ContributorsBatch:
    contributors: pd.DataFrame
    # one per repo: full_name, status, source (contributors | stats | none), reason
    statuses: list[dict] = field(default_factory=list)

    @property
    def failures(self) -> list[dict]:
        return [s for s in self.statuses if s["status"] != "ok"]

    @property
    def sources(self) -> dict[str, str]:
        """Where each repo's people came from; `none`: unknown (not the owner's alone)."""
        return {s["full_name"]: s["source"] for s in self.statuses}

    def source_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(PEOPLE_SOURCES, 0)
        for source in self.sources.values():
            counts[source] = counts.get(source, 0) + 1
        return counts


def collect_contributors(
    client: GitHubClient, full_names: Iterable[str], limit: int = 100
) -> ContributorsBatch:
    """Top contributors of each repository; repos without a readable list are recorded, not fatal.
    Up to `client.max_in_flight` repositories are asked at once; rows keep the input order."""
    rows: list[dict] = []
    statuses: list[dict] = []
    full_names = list(full_names)
    found = client.map(lambda name: list_contributors(client, name, limit), full_names)
    for full_name, result in zip(full_names, found, strict=True):
        statuses.append(
            {
                "full_name": full_name,
                "status": result.status,
                "source": result.source,
                "reason": result.reason,
            }
        )
        for item in result.rows:
            rows.append({"full_name": full_name, **contributor_row(item)})
    frame = pd.DataFrame(rows, columns=CONTRIBUTOR_COLUMNS)
    return ContributorsBatch(frame, statuses)


def history_plan(repos: pd.DataFrame, threshold: int) -> list[tuple[str, datetime | None]]:
    """Which star history each repo needs: the full series back to creation for repos past the
    threshold (to date the crossing), else only the recent weeks growth needs."""
    plan = []
    for row in repos.itertuples(index=False):
        back_to = (
            row.created_at.to_pydatetime()
            if row.stars >= threshold and pd.notna(row.created_at)
            else None
        )
        plan.append((row.full_name, back_to))
    return plan


def days_text(days: object) -> str | None:
    """A week's seven daily star counts as stored ("3,0,12,5,1,0,2"), or None without them."""
    if not isinstance(days, list | tuple) or len(days) != 7:
        return None
    return ",".join(str(int(d)) for d in days)


def collect_star_history(
    client: GitHubClient, repos: pd.DataFrame, recent_weeks: int = 26, threshold: int = 10_000
) -> tuple[pd.DataFrame, list[dict]]:
    """Weekly star gains for each repo, only as many pages as the boards need (up to
    `client.max_in_flight` repositories at once; rows keep the input order)."""
    rows: list[dict] = []
    failures: list[dict] = []
    plan = history_plan(repos, threshold)

    def one(item: tuple[str, datetime | None]) -> tuple[list[dict], bool] | GitHubError:
        full_name, back_to = item
        try:
            return star_history(
                client, full_name, weeks=None if back_to else recent_weeks, back_to=back_to
            )
        except GitHubError as exc:
            return exc

    for (full_name, _), outcome in zip(plan, client.map(one, plan), strict=True):
        if isinstance(outcome, GitHubError):
            failures.append(
                {"full_name": full_name, "status": outcome.reason, "reason": outcome.message}
            )
            continue
        weeks, complete = outcome
        rows.extend(
            {"full_name": full_name, **w, "complete": complete, "days": days_text(w.get("days"))}
            for w in weeks
        )
    frame = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    return frame, failures


@dataclass
class ProfileBatch:
    profiles: pd.DataFrame
    fetched: int  # looked up on GitHub in this call
    reused: int  # taken from the shared store
    missing: list[str]  # logins GitHub does not know (renamed or deleted: NOT_FOUND)
    unknown: list[str] = field(default_factory=list)  # left null by a GitHub error: ask later


def collect_profiles(
    client: GitHubClient,
    users: Iterable[str],
    organizations: Iterable[str],
    store: UserStore,
    max_age_days: float = 7.0,
    now: datetime | None = None,
) -> ProfileBatch:
    """Profiles of users (GraphQL batches) and organizations (REST), through the shared store.

    Each finished GraphQL batch (and each organization) is stored as it arrives, so a kill or
    a failure later on loses at most the batches in flight (`client.max_in_flight`); the rerun
    asks only for the rest.
    Users GitHub left null without NOT_FOUND are not stored (not "gone"): a later run asks again.
    """
    now = now or datetime.now(UTC)
    users = list(dict.fromkeys(u for u in users if u))
    orgs = list(dict.fromkeys(o for o in organizations if o))
    known = store.get_fresh(users + orgs, now, max_age_days)
    todo_users = [u for u in users if u.lower() not in known]
    todo_orgs = [o for o in orgs if o.lower() not in known]
    fresh: dict[str, dict | None] = {}
    for batch in fetch_user_batches(client, todo_users):
        store.put(batch, now)
        fresh.update(batch)
    for org, row in zip(
        todo_orgs, client.map(lambda login: get_organization(client, login), todo_orgs), strict=True
    ):
        store.put({org: row}, now)
        fresh[org] = row
    merged = {**known, **{k.lower(): v for k, v in fresh.items()}}
    everyone = users + orgs
    unknown = [login for login in everyone if login.lower() not in merged]
    rows = [merged.get(login.lower()) for login in everyone]
    missing = [
        login
        for login, row in zip(everyone, rows, strict=True)
        if row is None and login.lower() in merged
    ]
    frame = pd.DataFrame([r for r in rows if r], columns=PROFILE_COLUMNS)
    return ProfileBatch(
        frame,
        len(todo_users) + len(todo_orgs),
        len(everyone) - len(todo_users) - len(todo_orgs),
        missing,
        unknown,
    )
