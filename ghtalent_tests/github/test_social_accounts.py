"""LinkedIn and other social accounts: GraphQL `socialAccounts` on the profile query, the
mirror answering it like GitHub, and the enriched profile preferring it to the homepage."""

from __future__ import annotations

from ghtalent.enrich.profiles import _one
from ghtalent.enrich.scrape import PageFacts
from ghtalent.github.calls import USER_FIELDS, user_row_from_graphql
from ghtalent.mirror.server import _social_accounts


def test_profile_query_asks_for_social_accounts_and_rows_keep_them_by_provider():
    assert "socialAccounts(first: 10) { nodes { provider url } }" in USER_FIELDS
    node = {
        "login": "alice",
        "socialAccounts": {
            "nodes": [
                {"provider": "LINKEDIN", "url": "https://www.linkedin.com/in/alice"},
                {"provider": "MASTODON", "url": "https://sigmoid.social/@alice"},
                {"provider": None, "url": "https://x"},
            ]
        },
    }
    row = user_row_from_graphql(node)
    assert row["social_accounts"] == {
        "linkedin": "https://www.linkedin.com/in/alice",
        "mastodon": "https://sigmoid.social/@alice",
    }
    assert user_row_from_graphql({"login": "bob"})["social_accounts"] == {}


def test_mirror_lists_the_x_handle_as_github_does():
    assert _social_accounts({"twitter_username": "al"}) == [
        {"provider": "TWITTER", "url": "https://twitter.com/al"}
    ]
    assert _social_accounts({}) == []


def test_linkedin_from_social_accounts_first_then_the_homepage():
    profile = {"login": "alice", "social_accounts": {"linkedin": "https://www.linkedin.com/in/a"}}
    facts = PageFacts(login="alice", status="ok", links={"linkedin": "https://linkedin.com/in/b"})
    row = _one(profile, facts, [])
    assert row["linkedin_url"] == "https://www.linkedin.com/in/a"
    assert '"linkedin_url": "github.social_accounts"' in row["sources"]
    row = _one({"login": "bob"}, facts, [])
    assert row["linkedin_url"] == "https://linkedin.com/in/b"
    assert '"linkedin_url": "homepage"' in row["sources"]
    assert _one({"login": "carol"}, None, [])["linkedin_url"] is None
