"""Enriched profiles: raw GitHub fields + normalized company, university, country, topics,
activity window and Twitter followers, with the source of each derived field."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from ghtalent.enrich.scrape import PageFacts, homepage_url
from ghtalent.people import (
    country_of,
    normalize_company,
    research_topics,
    university_from_domain,
    university_of,
)
from ghtalent.tables import columns_of

ENRICHED_COLUMNS = columns_of("enriched_profiles")

# The normalizers are pure and answer immutable values; one person's company, location, bio
# and e-mail come back under every keyword that finds them, so each text is read once.
_MEMO = 1 << 16
_company = lru_cache(maxsize=_MEMO)(normalize_company)
_country = lru_cache(maxsize=_MEMO)(country_of)
_university = lru_cache(maxsize=_MEMO)(university_of)
_university_of_domain = lru_cache(maxsize=_MEMO)(university_from_domain)


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def person_repo_links(repos: pd.DataFrame, contributors: pd.DataFrame) -> pd.DataFrame:
    """(key, full_name): every repository a person owns or contributes to, by lowercased login."""
    links = pd.concat(
        [
            contributors.loc[contributors["login"].notna(), ["login", "full_name"]],
            repos[["owner_login", "full_name"]].rename(columns={"owner_login": "login"}),
        ]
    )
    return links.assign(key=links["login"].str.lower())[["key", "full_name"]].drop_duplicates()


def activity_windows(links: pd.DataFrame, repos: pd.DataFrame) -> pd.DataFrame:
    """(key → active_from, active_to): from the creation of the earliest repository a person
    owns or contributes to in this field, to the latest push among them."""
    dated = links.merge(
        repos[["full_name", "created_at", "pushed_at"]].drop_duplicates("full_name"), on="full_name"
    )
    return dated.groupby("key").agg(
        active_from=("created_at", "min"), active_to=("pushed_at", "max")
    )


def repo_texts(
    links: pd.DataFrame, repos: pd.DataFrame, per_person: int = 12
) -> dict[str, list[str]]:
    """Descriptions and topics of each person's repositories (the first few say enough)."""
    described = links.merge(
        repos[["full_name", "description", "topics"]].drop_duplicates("full_name"), on="full_name"
    )
    texts: dict[str, list[str]] = {}
    for row in described.itertuples(index=False):
        bucket = texts.setdefault(row.key, [])
        if len(bucket) < per_person:
            bucket.extend(t for t in (_text(row.description), _text(row.topics)) if t)
    return texts


def _one(profile: dict, facts: PageFacts | None, repo_texts: list[str]) -> dict:
    sources: dict[str, str] = {}
    company_raw = _text(profile.get("company"))
    bio = _text(profile.get("bio"))
    email = _text(profile.get("email"))
    blog = _text(profile.get("blog"))

    company = kind = university = None
    match = _company(company_raw)
    if match is not None:
        if match.kind == "university":
            university, sources["university"] = match.name, "github.company"
        else:
            company, kind, sources["company"] = match.name, match.kind, "github.company"
    if facts is not None and facts.status == "ok":
        if company is None and facts.company:
            company, kind, sources["company"] = (
                facts.company,
                facts.company_kind or "other",
                "homepage",
            )
        if university is None and facts.university:
            university, sources["university"] = facts.university, "homepage"
    for source, finder in (
        ("github.bio", lambda: _university(bio)),
        ("github.email", lambda: _university_of_domain(email)),
        ("github.blog", lambda: _university_of_domain(blog)),
    ):
        if university is None and (found := finder()):
            university, sources["university"] = found, source

    country = _country(_text(profile.get("location")))
    if country:
        sources["country"] = "github.location"

    twitter = _text(profile.get("twitter_username"))
    twitter_followers = None
    if facts is not None:
        if twitter is None and facts.twitter_handle:
            twitter, sources["twitter_username"] = facts.twitter_handle, "homepage"
        if facts.twitter_followers is not None:
            twitter_followers, sources["twitter_followers"] = (
                int(facts.twitter_followers),
                getattr(facts, "twitter_source", None) or "social_page",
            )

    social = profile.get("social_accounts")
    linkedin = social.get("linkedin") if isinstance(social, dict) else None
    if linkedin:
        sources["linkedin_url"] = "github.social_accounts"
    elif facts is not None and facts.links.get("linkedin"):
        linkedin, sources["linkedin_url"] = facts.links["linkedin"], "homepage"

    topic_texts = [bio, *(facts.topics if facts else []), *repo_texts]
    topics = research_topics(*topic_texts, limit=5)
    if topics:
        sources["research_topics"] = "bio+homepage+repos" if facts and facts.topics else "bio+repos"

    return {
        "login": profile["login"],
        "name": _text(profile.get("name")),
        "html_url": profile.get("html_url") or f"https://github.com/{profile['login']}",
        "type": profile.get("type") or "User",
        "followers": profile.get("followers"),
        "following": profile.get("following"),
        "public_repos": profile.get("public_repos"),
        "account_created_at": profile.get("created_at"),
        "bio": bio,
        "company_raw": company_raw,
        "location_raw": _text(profile.get("location")),
        "blog_raw": blog,
        "email_raw": email,
        "twitter_username": twitter,
        "company": company,
        "company_kind": kind,
        "university": university,
        "country": country,
        "twitter_followers": twitter_followers,
        "homepage_url": homepage_url(blog),
        "linkedin_url": linkedin,
        "research_topics": "; ".join(topics) if topics else None,
        "sources": json.dumps(sources, ensure_ascii=False, sort_keys=True),
    }


def enrich(
    raw_profiles: pd.DataFrame,
    repos: pd.DataFrame,
    contributors: pd.DataFrame,
    facts: dict[str, PageFacts],
) -> pd.DataFrame:
    """One enriched row per profile (users and organizations); people without scraped facts
    are marked `not_candidate` (the pre-score kept them off the scrape list)."""
    links = person_repo_links(repos, contributors)
    texts = repo_texts(links, repos)
    rows = []
    for profile in raw_profiles.to_dict("records"):
        login = profile["login"]
        fact = facts.get(login)
        row = _one(profile, fact, texts.get(login.lower(), []))
        row["scraped"] = fact.status if fact else "not_candidate"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[c for c in ENRICHED_COLUMNS if not c.startswith("active_")])
    windows = activity_windows(links, repos)
    frame = frame.join(windows, on=frame["login"].str.lower()) if len(frame) else frame
    return frame.reindex(columns=ENRICHED_COLUMNS)
