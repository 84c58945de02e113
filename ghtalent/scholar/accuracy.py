"""Matching accuracy against a synthetic world's own truth (`mirror.openalex.academic_truth`):
every named user of the world goes through the same enrichment and the same OpenAlex stage as a
run, over a local mirror; precision and recall of the matches are counted."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ghtalent.enrich.candidates import pick_candidates
from ghtalent.enrich.profiles import _one
from ghtalent.enrich.scrape import PageFacts
from ghtalent.mirror.openalex import academia_of
from ghtalent.mirror.world import iter_contributors, page_path, search
from ghtalent.scholar.client import OpenAlexClient
from ghtalent.scholar.collect import collect_academic
from ghtalent.web.extract import extract_homepage


@dataclass
class Accuracy:
    people: int
    with_papers: int
    matched: int
    correct: int
    namesake_matches: int  # matched to a namesake planted for that very person
    requests: int
    rows: pd.DataFrame

    @property
    def precision(self) -> float:
        return self.correct / self.matched if self.matched else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.with_papers if self.with_papers else 1.0

    def line(self) -> str:
        return (
            f"academic matching: precision {self.precision:.3f} ({self.correct}/{self.matched}), "
            f"recall {self.recall:.3f} ({self.correct}/{self.with_papers} people with papers), "
            f"{self.namesake_matches} namesake matches, {self.people} people, "
            f"{self.requests} OpenAlex requests"
        )


def world_people(world: dict, origin: str) -> tuple[pd.DataFrame, dict[str, dict[str, str]]]:
    """Enriched rows of the world's users (homepages read from the world, as the scraper would
    read them from the mirror) and each person's homepage links."""
    rows, links = [], {}
    for account in world["accounts"]:
        if account.get("type") != "User":
            continue
        facts = None
        path = page_path(account["login"])
        blog = (account.get("blog") or "").replace("{mirror}", origin)
        readable = path in world.get("pages", {}) and path not in world.get("page_faults", {})
        if path in (account.get("blog") or "") and readable:
            page = extract_homepage(world["pages"][path].replace("{mirror}", origin), blog)
            facts = PageFacts(
                login=account["login"],
                status="ok",
                homepage_url=blog,
                university=page.university,
                company=page.company,
                company_kind=page.company_kind,
                topics=list(page.topics),
                links={"scholar": page.scholar_url} if page.scholar_url else {},
            )
            links[account["login"]] = facts.links
        row = _one({**account, "blog": blog}, facts, [])
        row["scraped"] = facts.status if facts else "no_homepage"
        rows.append(row)
    return pd.DataFrame(rows), links


def board_candidates(world: dict, top_n: int = 80) -> set[str]:
    """The people a run looks up: per keyword, the enrichment's scrape candidates (top `top_n`
    by the power and hidden-gem proxies over the keyword's top repositories)."""
    per_keyword = world["meta"].get("repos_per_keyword", 150)
    accounts = pd.DataFrame(world["accounts"])[["login", "followers", "type"]]
    type_of = dict(zip(accounts["login"], accounts["type"], strict=True))
    keywords = world["meta"]["keywords"]
    chosen: set[str] = set()
    for query in world["meta"]["keywords"]:
        found = search(world, query, include_unlisted=False)[:per_keyword]
        repos = pd.DataFrame(
            [
                {
                    "full_name": f"{r['owner']}/{r['name']}",
                    "stars": r["stargazers_count"],
                    "owner_login": r["owner"],
                    "owner_type": type_of.get(r["owner"], "User"),
                }
                for r in found
            ]
        )
        contributors = pd.DataFrame(
            [
                {
                    "full_name": f"{r['owner']}/{r['name']}",
                    "login": login,
                    "contributions": n,
                    "kind": "Bot" if login.endswith("[bot]") else "User",
                }  # fmt: skip
                for r in found
                for login, n, _ in iter_contributors(r)
                if login
            ]
        )
        logins = set(contributors["login"].str.lower()) | set(repos["owner_login"].str.lower())
        profiles = accounts[accounts["login"].str.lower().isin(logins)]
        picked = pick_candidates(
            profiles, repos, contributors, top_n, keywords_in_field=len(keywords)
        )
        chosen |= {login for login in picked}
    return chosen


def measure(
    world: dict, client: OpenAlexClient, origin: str, only: set[str] | None = None
) -> Accuracy:
    """Run the OpenAlex stage over the users of `world` (or those in `only`) and score it
    against the truth."""
    acad = academia_of(world)
    people, links = world_people(world, origin)
    if only is not None:
        people = people[people["login"].isin(only)].reset_index(drop=True)
    result = collect_academic(client, people, links)
    df = result.rows
    matched = df[df["status"] == "matched"]
    correct = sum(acad.truth.get(r.login) == r.author_id for r in matched.itertuples())
    namesake = sum(r.author_id in acad.namesakes.get(r.login, []) for r in matched.itertuples())
    return Accuracy(
        people=len(df),
        with_papers=int(df["login"].isin(acad.truth).sum()),
        matched=len(matched),
        correct=int(correct),
        namesake_matches=int(namesake),
        requests=result.requests["openalex"],
        rows=df,
    )
