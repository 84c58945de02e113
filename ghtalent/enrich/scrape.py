"""Scrape what a profile links to: the homepage, and the social-profile page for followers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ghtalent.inflight import map_in_flight
from ghtalent.scholar.links import scholarly_ids
from ghtalent.store import LoginStore
from ghtalent.web.extract import extract_homepage, extract_social_followers
from ghtalent.web.fetch import PoliteFetcher
from ghtalent.xapi import XLookup


@dataclass
class PageFacts:
    """What the pages linked from one profile said; `status` is `ok` or why nothing was read."""

    login: str
    status: str
    homepage_url: str | None = None
    university: str | None = None
    company: str | None = None
    company_kind: str | None = None
    twitter_handle: str | None = None
    twitter_followers: int | None = None
    twitter_status: str | None = None
    topics: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # why a fetched page could not be read (status `extract_error`)
    twitter_source: str | None = None  # where twitter_followers came from: x_api, social_page


def homepage_url(blog: str | None) -> str | None:
    """A profile's blog field as a fetchable URL (GitHub lets people omit the scheme)."""
    if not blog or not isinstance(blog, str):
        return None
    blog = blog.strip()
    if not blog or " " in blog:
        return None
    if not blog.startswith(("http://", "https://")):
        blog = "https://" + blog
    return blog


def scrape_person(
    fetcher: PoliteFetcher,
    login: str,
    blog: str | None,
    twitter: str | None,
    social_template: str | None,
) -> PageFacts:
    """Fetch and read one person's homepage and social page; never raises for a page problem."""
    url = homepage_url(blog)
    facts = PageFacts(login=login, status="no_homepage", homepage_url=url)
    if url:
        result = fetcher.fetch(url)
        page = None
        if result.ok and result.text is not None:
            try:
                page = extract_homepage(result.text, result.final_url or url)
            except Exception as exc:  # RecursionError included
                # One hostile page (1,000 nested tags) must not stop the partition: skip it,
                # naming the person, the page and the error.
                facts.status = "extract_error"
                facts.error = f"{type(exc).__name__} reading {url}"
        if page is not None:
            facts.status = "ok"
            facts.university, facts.company, facts.company_kind = (
                page.university,
                page.company,
                page.company_kind,
            )
            facts.twitter_handle = page.twitter_handle
            facts.topics = list(page.topics)
            facts.links = {
                k: v
                for k, v in {
                    "scholar": page.scholar_url,
                    "linkedin": page.linkedin_url,
                    "huggingface": page.huggingface_url,
                    "github": page.github_url,
                }.items()
                if v
            }
            # ORCID / OpenAlex / DBLP / Semantic Scholar profiles: evidence for paper matching.
            for kind, value in scholarly_ids([result.text]).items():
                facts.links.setdefault(kind, value)
        elif facts.status != "extract_error":
            facts.status = result.error or "fetch_failed"
    handle = twitter or facts.twitter_handle
    if handle and social_template:
        result = fetcher.fetch(social_template.format(handle=handle))
        if result.ok and result.text is not None:
            try:
                facts.twitter_followers = extract_social_followers(result.text)
            except Exception:  # RecursionError included
                facts.twitter_followers = None
            facts.twitter_status = (
                "ok" if facts.twitter_followers is not None else "no_count_on_page"
            )
            facts.twitter_source = "social_page" if facts.twitter_followers is not None else None
        else:
            facts.twitter_status = result.error or "fetch_failed"
    elif handle:
        facts.twitter_status = "no_social_source"
    return facts


def add_x_followers(
    facts: dict[str, PageFacts], people: list[dict], lookup: XLookup | None, no_client: str
) -> dict[str, int]:
    """Put X API follower counts into each person's facts (in memory; the X client keeps its
    own store). A handle the API did not answer stays unknown, with the reason in
    `twitter_status`; `no_client` is that reason when there is no X client at all."""
    outcome: dict[str, int] = {}
    for person in people:
        fact = facts.get(person["login"])
        if fact is None:
            continue
        handle = (person.get("twitter_username") or fact.twitter_handle or "").strip().lstrip("@")
        if not handle or fact.twitter_followers is not None:
            continue
        key = handle.lower()
        if lookup is None:
            fact.twitter_status = no_client
        elif key in lookup.followers:
            count = lookup.followers[key]
            fact.twitter_status = "ok" if count is not None else "x_not_found"
            if count is not None:
                fact.twitter_followers, fact.twitter_source = count, "x_api"
        else:
            fact.twitter_status = lookup.reason or "x_unknown"
        outcome[fact.twitter_status] = outcome.get(fact.twitter_status, 0) + 1
    return outcome


class PageStore(LoginStore):
    """Scraped facts shared by every keyword partition; reused while younger than max_age_days."""

    def __init__(self, path: Path | str):
        super().__init__(path, table="pages", column="facts")

    def get_facts(
        self, logins: Iterable[str], now: datetime, max_age_days: float
    ) -> dict[str, PageFacts]:
        """Fresh facts by login, as the caller spells it."""
        logins = list(logins)
        stored = self.get_fresh(logins, now, max_age_days)
        known = set(PageFacts.__dataclass_fields__)
        return {
            login: PageFacts(**{k: v for k, v in stored[login.lower()].items() if k in known})
            for login in logins
            if stored.get(login.lower())
        }

    def put_facts(self, facts: PageFacts, now: datetime) -> None:
        self.put({facts.login: asdict(facts)}, now)


def scrape_people(
    fetcher: PoliteFetcher,
    people: list[dict],
    store: PageStore,
    social_template: str | None,
    max_age_days: float = 7.0,
    now: datetime | None = None,
    max_in_flight: int = 1,
) -> tuple[dict[str, PageFacts], int]:
    """Facts for each person dict (login, blog, twitter_username); answers (facts, newly scraped).
    Up to `max_in_flight` people are read at once (each host keeps its own pace)."""
    now = now or datetime.now(UTC)
    known = store.get_facts([p["login"] for p in people], now, max_age_days)
    todo: dict[str, dict] = {}
    for person in people:
        if person["login"] not in known:
            todo.setdefault(person["login"], person)

    def read(person: dict) -> PageFacts:
        return scrape_person(
            fetcher,
            person["login"],
            person.get("blog"),
            person.get("twitter_username"),
            social_template,
        )

    scraped = 0
    for login, facts in zip(
        todo, map_in_flight(read, todo.values(), max_in_flight, "ghtalent-pages"), strict=True
    ):
        store.put_facts(facts, now)  # saved one by one: an interrupted run keeps what it read
        known[login] = facts
        scraped += 1
    return known, scraped
