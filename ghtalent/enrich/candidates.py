"""Who is worth scraping: only people who can reach a board, by a cheap pre-score."""

from __future__ import annotations

import pandas as pd


def pick_candidates(
    profiles: pd.DataFrame,
    repos: pd.DataFrame,
    contributors: pd.DataFrame,
    top_n: int,
    gem_min_stars: int = 500,
    author_min_share: float = 0.1,
    keywords_in_field: int = 1,
) -> dict[str, str]:
    """{login: reason} for the people to scrape: the top `top_n` by a power proxy (stars credited
    by commit share, plus followers) and everyone who can reach a hidden-gem board of any scope:
    the stars of the repos they own or hold ≥ `author_min_share` of the commits of (the lowest
    bar of the scoring's authorship rule, so a superset of its authors) reach `gem_min_stars`.
    Their X audience must be looked up before ranking. A partition sees one keyword, while the
    overall and group boards add projects up across `keywords_in_field` keywords: whoever
    reaches `gem_min_stars` there has at least `gem_min_stars / keywords_in_field` in some
    keyword, so that is the floor here (nobody who can reach a gem board is missed). Everyone
    else is left out, with the reason recorded by the caller."""
    if profiles.empty:
        return {}
    humans = contributors[contributors["kind"] == "User"]
    totals = humans.groupby("full_name")["contributions"].transform("sum").replace(0, 1)
    credited = humans.assign(share=humans["contributions"] / totals).merge(
        repos[["full_name", "stars"]], on="full_name", how="left"
    )
    credited["stars_credited"] = credited["share"] * credited["stars"].fillna(0)
    stars = credited.groupby(credited["login"].str.lower())["stars_credited"].sum()
    owned = repos.groupby(repos["owner_login"].str.lower())["stars"].sum()
    authored = credited[credited["share"] >= author_min_share]
    authored = authored[
        ~authored["full_name"].isin(repos.loc[repos["owner_type"] == "User", "full_name"])
        | (authored["login"].str.lower() != authored["full_name"].str.split("/").str[0].str.lower())
    ]
    led = authored.groupby(authored["login"].str.lower())["stars"].sum()
    people = profiles.assign(key=profiles["login"].str.lower()).set_index("key")
    followers = pd.to_numeric(people["followers"], errors="coerce").fillna(0)
    project_stars = (
        stars.reindex(people.index).fillna(0).combine(owned.reindex(people.index).fillna(0), max)
    )
    power_proxy = project_stars.rank(pct=True) + followers.rank(pct=True)
    authored_stars = led.reindex(people.index).fillna(0) + owned.reindex(people.index).fillna(0)

    chosen: dict[str, str] = {}
    for key in power_proxy.sort_values(ascending=False).index[:top_n]:
        chosen[people.at[key, "login"]] = "power_candidate"
    floor = gem_min_stars / max(1, keywords_in_field)
    gem_reach = authored_stars[authored_stars >= floor]
    for key in gem_reach.sort_values(ascending=False).index:
        chosen.setdefault(people.at[key, "login"], "gem_candidate")
    return chosen
