"""Enriched rows from raw profiles, scraped facts and repositories (no network)."""

from __future__ import annotations

import json

import pandas as pd

from ghtalent.enrich import PageFacts, enrich, pick_candidates
from ghtalent.enrich.scrape import homepage_url

REPOS = pd.DataFrame(
    {
        "full_name": ["ada/tiny-llm", "acme/diffuse"],
        "owner_login": ["ada", "acme"],
        "owner_type": ["User", "Organization"],
        "stars": [12_000, 800],
        "description": ["A tiny LLM trainer", "Diffusion models for images"],
        "topics": ["llm,rlhf", "diffusion"],
        "created_at": pd.to_datetime(["2023-03-01", "2022-09-01"]),
        "pushed_at": pd.to_datetime(["2026-10-01", "2024-01-01"]),
    }
)
CONTRIBUTORS = pd.DataFrame(
    {
        "full_name": ["ada/tiny-llm", "acme/diffuse", "acme/diffuse", "acme/diffuse"],
        "login": ["ada", "ada", "bo", None],
        "kind": ["User", "User", "User", "Anonymous"],
        "contributions": [90, 5, 40, 3],
    }
)
PROFILES = pd.DataFrame(
    [
        {
            "login": "ada",
            "type": "User",
            "name": "Ada 张",
            "company": "@openai",
            "location": "北京",
            "bio": "I train large language models",
            "email": None,
            "blog": "ada.example.org",
            "twitter_username": "ada_ai",
            "followers": 300,
            "html_url": "https://github.com/ada",
        },
        {
            "login": "bo",
            "type": "User",
            "name": None,
            "company": None,
            "location": "Earth",
            "bio": None,
            "email": "bo@cs.stanford.edu",
            "blog": None,
            "twitter_username": None,
            "followers": 2,
            "html_url": "https://github.com/bo",
        },
        {
            "login": "acme",
            "type": "Organization",
            "name": "Acme",
            "company": None,
            "location": "San Francisco, CA",
            "bio": None,
            "email": None,
            "blog": None,
            "twitter_username": None,
            "followers": 50,
            "html_url": "https://github.com/acme",
        },
    ]
)


def test_enrich_combines_github_fields_pages_and_repos():
    facts = {
        "ada": PageFacts(
            login="ada",
            status="ok",
            university="Tsinghua University",
            twitter_followers=12_300,
            topics=["diffusion models"],
        ),
    }
    rows = enrich(PROFILES, REPOS, CONTRIBUTORS, facts).set_index("login")
    ada, bo, acme = rows.loc["ada"], rows.loc["bo"], rows.loc["acme"]
    assert (ada["company"], ada["company_kind"], ada["country"]) == ("OpenAI", "ai_lab", "CN")
    assert ada["university"] == "Tsinghua University" and ada["twitter_followers"] == 12_300
    assert ada["homepage_url"] == "https://ada.example.org" and ada["scraped"] == "ok"
    assert json.loads(ada["sources"]) == {
        "company": "github.company",
        "country": "github.location",
        "research_topics": "bio+homepage+repos",
        "twitter_followers": "social_page",
        "university": "homepage",
    }
    assert "large language models" in ada["research_topics"].lower()
    assert ada["active_from"] == pd.Timestamp(
        "2022-09-01"
    )  # acme/diffuse, where ada also committed
    assert ada["active_to"] == pd.Timestamp("2026-10-01")
    # unknown stays unknown: never 0 or ""
    assert bo["university"] == "Stanford University" and pd.isna(bo["country"])
    assert (
        pd.isna(bo["twitter_followers"])
        and pd.isna(bo["company"])
        and bo["scraped"] == "not_candidate"
    )
    assert acme["type"] == "Organization" and acme["country"] == "US"


def test_candidates_take_the_strong_and_the_hidden():
    chosen = pick_candidates(PROFILES, REPOS, CONTRIBUTORS, top_n=1, gem_min_stars=500)
    assert chosen["ada"] == "power_candidate"
    assert chosen.get("bo") == "gem_candidate"  # ~550 credited stars, 2 followers


def test_homepage_url_from_blog_field():
    assert homepage_url("example.org/~me") == "https://example.org/~me"
    assert homepage_url("http://x.y") == "http://x.y"
    assert (
        homepage_url("not a url at all") is None
        and homepage_url("") is None
        and homepage_url(None) is None
    )


def test_everyone_who_can_reach_a_gem_board_is_a_candidate_however_many():
    # 5 authors of 600-star personal repos, plus a drive-by with 1 % of a 90k-star org repo.
    logins = [f"a{i}" for i in range(5)]
    profiles = pd.DataFrame(
        {"login": [*logins, "drive", "core"], "followers": [0] * 7, "type": "User"}
    )
    repos = pd.DataFrame(
        {
            "full_name": [*(f"{x}/r" for x in logins), "org/huge"],
            "owner_login": [*logins, "org"],
            "owner_type": ["User"] * 5 + ["Organization"],
            "stars": [600] * 5 + [90000],
        }
    )
    contributors = pd.DataFrame(
        {
            "full_name": [*(f"{x}/r" for x in logins), "org/huge", "org/huge"],
            "login": [*logins, "drive", "core"],
            "kind": "User",
            "contributions": [1] * 5 + [1, 99],
        }
    )
    # top_n = 1 used to cap gem candidates at one; now all who can reach a gem board count.
    chosen = pick_candidates(profiles, repos, contributors, top_n=1, gem_min_stars=500)
    assert set(logins) | {"core"} <= set(chosen)
    assert "drive" not in chosen or chosen["drive"] == "power_candidate"


def test_an_author_spread_over_keywords_is_looked_up_in_each():
    # 300 authored stars under one keyword, 300 under another: 600 ≥ 500 on the overall board.
    # With 2 keywords in the field the per-partition floor is 500 / 2 = 250.
    profiles = pd.DataFrame({"login": ["sp"], "followers": [0], "type": "User"})
    repos = pd.DataFrame(
        {"full_name": ["sp/a"], "owner_login": ["sp"], "owner_type": ["User"], "stars": [300]}
    )
    contributors = pd.DataFrame(
        {"full_name": ["sp/a"], "login": ["sp"], "kind": ["User"], "contributions": [3]}
    )
    alone = pick_candidates(profiles, repos, contributors, top_n=0, gem_min_stars=500)
    field = pick_candidates(
        profiles, repos, contributors, top_n=0, gem_min_stars=500, keywords_in_field=2
    )
    assert "sp" not in alone and field == {"sp": "gem_candidate"}
