"""The data of a page per person (or organization) and per repository in the export.

A person page: profile, company / university / country with where each came from, every
repository with their share and the stars/forks it credits them, the star curves of their top
repositories, each score with its components, their rank on every board, and links. A
repository page: its numbers, star curve, contributors with shares, and ranks.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ghtalent.boards.report.charts import sparkline
from ghtalent.boards.report.labels import board_title, scope_title
from ghtalent.boards.report.pages import Pages
from ghtalent.boards.report.tables import require
from ghtalent.boards.report.text import HANDLE, format_value, is_missing, safe_url
from ghtalent.boards.series import star_series

PEOPLE_KINDS = ("people_power", "team_power", "hidden_gems", "cross_modal", "star_fork_people")
REPO_KINDS = ("repos", "growth", "lightning", "star_fork")
# Score columns shown per board row on a person's page, with what each one is.
SCORE_PARTS = {
    "power_score": "power score (35 % stars + 35 % forks + 30 % followers + bonus)",
    "score_stars": "stars component (0–100 within the board)",
    "score_forks": "forks component",
    "score_followers": "followers component",
    "bonus": "multi-project bonus",
    "gem_score": "hidden-gem score = credited stars ÷ (GitHub + X followers)",
    "credited_stars": "stars credited to them",
    "credited_forks": "forks credited to them",
    "audience": "audience (GitHub + X followers)",
    "n_strong_repos": "strong repositories",
}
CURVES_PER_PERSON = 3
PROFILE_FIELDS = ("company", "university", "country")


@dataclass
class Inputs:
    """The tables behind the boards, one row per login / repository."""

    repos: pd.DataFrame
    contributors: pd.DataFrame
    profiles: pd.DataFrame
    credits: pd.DataFrame
    curves: pd.DataFrame | None  # full_name, week, cumulative_stars; None: from `history`
    academic: pd.DataFrame | None = None  # one row per login (boards.academic.per_person)
    history: pd.DataFrame | None = None  # the star history `curves` come from, when None

    def __post_init__(self) -> None:
        self._index: dict | None = None
        self._svg: dict[str, Any] = {}  # one star curve per repository, drawn once

    @property
    def index(self) -> dict:
        """Look-ups by lower-cased login / full_name (every one, or those `focused` names):
        each table grouped once, so a thousand pages do not scan it a thousand times."""
        if self._index is None:
            self._index = self._lookups(None, None)
        return self._index

    def focused(self, pages: Pages) -> Inputs:
        """These inputs with look-ups for the logins and repositories that have a page only:
        a page reads nothing else, so no other row is turned into a record."""
        out = copy.copy(self)
        out._svg = {}
        out._index = self._lookups(set(pages.logins), set(pages.repos))
        return out

    def _lookups(self, logins: set[str] | None, repos: set[str] | None) -> dict:
        """Each login's and repository's rows as records (credit rows in page order), and the
        star curves; for the given lower-cased logins and repositories only, unless None."""
        credits = _rows_about(self.credits, "login", logins)
        by_stars = credits.sort_values("credited_stars", ascending=False, kind="stable")
        by_share = _rows_about(self.credits, "full_name", repos)
        by_share = by_share.sort_values("share", ascending=False, kind="stable")
        index = {
            "profile": _records_of(_rows_about(self.profiles, "login", logins), "login"),
            "repo": _records_of(_rows_about(self.repos, "full_name", repos), "full_name"),
            "credits_by_login": _records_by(by_stars, by_stars["login"].str.lower()),
            "credits_by_repo": _records_by(by_share, by_share["full_name"].str.lower()),
            "academic": {}
            if self.academic is None
            else _records_of(_rows_about(self.academic, "login", logins), "login"),
        }
        drawn = None  # the curves a page can draw: its repository's, a person's top ones
        if logins is not None and repos is not None:
            drawn = set(_rows_about(self.repos, "full_name", repos)["full_name"]) | {
                row["full_name"]
                for rows in index["credits_by_login"].values()
                for row in rows[:CURVES_PER_PERSON]
            }
        index["curve"] = _Curves(self._curves_of(drawn))
        return index

    def _curves_of(self, names: set[str] | None) -> pd.DataFrame:
        """The star curves of these repositories (of every one when None)."""
        if self.curves is not None:
            return self.curves
        if self.history is None or self.history.empty:
            return pd.DataFrame(columns=["full_name", "week", "cumulative_stars"])
        repos = self.repos if names is None else self.repos[self.repos["full_name"].isin(names)]
        return star_series(repos, self.history, top=len(repos))

    def curve_svg(self, full_name: str):
        """A repository's star curve as SVG (None without two weeks of history); drawn once
        however many pages show it."""
        if full_name not in self._svg:
            x, y = self.index["curve"].get(full_name, ((), ()))
            self._svg[full_name] = sparkline(x, y, full_name) if len(x) else None
        return self._svg[full_name]


def _lower(values: pd.Series) -> pd.Series:
    return values.map(lambda v: str(v).lower())


def _rows_about(df: pd.DataFrame, column: str, wanted: set[str] | None) -> pd.DataFrame:
    """The rows whose lower-cased `column` is in `wanted`, in order (all of them when None)."""
    return df if wanted is None else df[_lower(df[column]).isin(wanted)]


def _records_of(df: pd.DataFrame, column: str) -> dict[str, dict]:
    """{lower-cased `column`: row record}; a later row wins."""
    return {str(r[column]).lower(): r for r in df.to_dict("records")}


def _records_by(df: pd.DataFrame, key: pd.Series) -> dict[str, list[dict]]:
    """{key: [row records in the frame's order]}."""
    out: dict[str, list[dict]] = {}
    for k, record in zip(key.tolist(), df.to_dict("records"), strict=True):
        out.setdefault(k, []).append(record)
    return out


class _Curves:
    """{full_name: (weeks, cumulative stars)} in week order (of the repositories a page can
    draw, when the inputs are `focused`)."""

    def __init__(self, curves: pd.DataFrame) -> None:
        df = curves.assign(week=pd.to_datetime(curves["week"])).sort_values(
            ["full_name", "week"], kind="stable"
        )
        # Read out once (Timestamps and floats, as a page draws them), sliced per repository.
        self._weeks = df["week"].tolist()
        self._stars = [float(v) for v in df["cumulative_stars"].tolist()]
        names = df["full_name"].tolist()
        self._spans: dict[str, tuple[int, int]] = {}
        start = 0
        for i in range(1, len(names) + 1):
            if i == len(names) or names[i] != names[start]:
                self._spans[names[start]] = (start, i)
                start = i

    def get(self, full_name: str, default=None):
        span = self._spans.get(full_name)
        if span is None:
            return default
        a, b = span
        return self._weeks[a:b], self._stars[a:b]


def load_inputs(context: Mapping[str, Any]) -> Inputs | None:
    """The boards' input tables from the report context, or None when it has none."""
    given = context.get("inputs")
    if not given:
        return None
    from ghtalent.scoring.config import load_scoring_config
    from ghtalent.scoring.frames import dedupe_repos
    from ghtalent.scoring.power import person_credits

    cfg = context.get("scoring") or load_scoring_config()
    repos = given["repos"]
    contributors = given["contributors"]
    profiles = given["profiles"]
    for name, df, columns in (
        ("repos", repos, ("full_name", "stars", "forks", "html_url")),
        ("contributors", contributors, ("full_name", "login", "kind", "contributions")),
        ("profiles", profiles, ("login", "name", "html_url", "followers", "sources")),
    ):
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise ValueError(f"report inputs: table {name} has no column {missing}")
    deduped = dedupe_repos(repos)
    # The board builder's own credit rows when it passes them (the same table).
    credits = given.get("credits")
    if credits is None:
        credits = person_credits(repos, contributors, cfg)
    people = profiles.sort_values("date").drop_duplicates("login", keep="last")
    from ghtalent.boards.academic import per_person

    academic = per_person(given.get("academic"))
    # Curves are drawn from the history for the repositories a page shows (Inputs.focused).
    return Inputs(deduped, contributors, people, credits, None, academic, given.get("star_history"))


def academic_facts(login: str, inputs: Inputs) -> dict | None:
    """Citations, h-index, papers and top paper of a person, with how the match was made; None
    when the person was not looked up in OpenAlex."""
    row = inputs.index["academic"].get(login.lower())
    if row is None:
        return None
    matched = row.get("paper_status") == "matched"
    return {
        "matched": matched,
        "match": None if is_missing(row.get("paper_match")) else str(row["paper_match"]),
        "numbers": [
            (label, format_value(row.get(column), column))
            for label, column in (
                ("citations", "citations"),
                ("h-index", "h_index"),
                ("works", "papers"),
                ("last publication year", "last_paper_year"),
            )
            if matched and not is_missing(row.get(column))
        ],
        "top_paper": None if is_missing(row.get("top_paper")) else str(row["top_paper"]),
        "top_paper_url": safe_url(row.get("top_paper_url")),
        "openalex_url": safe_url(row.get("openalex_url")),
    }


@dataclass
class Rank:
    scope: str
    board: str
    key: str
    rank: int
    movement: str | None
    scores: list[tuple[str, str, str]] = field(default_factory=list)  # (column, text, meaning)


def ranks_of(boards, subject_col: str, kinds, labels) -> dict[str, list[Rank]]:
    """{subject (lower): [Rank...]} over every board of the given kinds."""
    out: dict[str, list[Rank]] = {}
    for key, df in boards.items():
        scope, kind = key.split("/", 1)
        if kind not in kinds or df is None or df.empty:
            continue
        require(key, df, "rank", subject_col)
        for row in df.to_dict("records"):
            scores = [
                (c, format_value(row[c], c), meaning)
                for c, meaning in SCORE_PARTS.items()
                if c in row and not is_missing(row[c])
            ]
            move = row.get("movement")
            out.setdefault(str(row[subject_col]).lower(), []).append(
                Rank(
                    scope_title(scope, labels)[0],
                    " · ".join(x for x in board_title(kind) if x),
                    key,
                    int(row["rank"]),
                    None if is_missing(move) else str(move),
                    scores,
                )
            )
    return out


def _sources(profile: Mapping[str, Any]) -> dict[str, str]:
    raw = profile.get("sources")
    if not isinstance(raw, str) or not raw.strip():
        return {}
    try:
        found = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def person_links(profile: Mapping[str, Any], login: str) -> list[tuple[str, str]]:
    """(label, URL) of every public place to reach a person: GitHub, homepage, X, e-mail…"""
    links = [("GitHub", safe_url(profile.get("html_url")) or f"https://github.com/{login}")]
    home = safe_url(profile.get("homepage_url")) or safe_url(profile.get("blog_raw"))
    if home:
        links.append(("homepage", home))
    handle = profile.get("twitter_username")
    if isinstance(handle, str) and HANDLE.fullmatch(handle):
        links.append(("X", f"https://x.com/{handle}"))
    email = profile.get("email_raw")
    if isinstance(email, str) and "@" in email and " " not in email.strip():
        links.append(("e-mail", f"mailto:{email.strip()}"))
    linkedin = safe_url(profile.get("linkedin_url"))
    if linkedin:
        links.append(("LinkedIn", linkedin))
    return links


def person_page(login: str, inputs: Inputs, ranks: list[Rank], pages: Pages) -> dict:
    """What the person template shows for one login."""
    profile = inputs.index["profile"].get(login.lower(), {"login": login})
    sources = _sources(profile)
    facts = []
    for name in PROFILE_FIELDS:
        value = profile.get(name)
        raw = profile.get(f"{name}_raw") if name == "company" else None
        if name == "country" and is_missing(value):
            raw = profile.get("location_raw")
        facts.append(
            (
                name,
                None if is_missing(value) else str(value),
                sources.get(name, "—" if is_missing(value) else "unrecorded"),
                None if is_missing(raw) else str(raw),
            )
        )
    credits = inputs.index["credits_by_login"].get(login.lower(), [])
    repos = []
    for row in credits:
        repos.append(
            {
                "full_name": row["full_name"],
                "href": pages.repo(row["full_name"]) or safe_url(row.get("html_url")),
                "contributions": format_value(row.get("contributions"), "contributions"),
                "share": format_value(row["share"], "share"),
                "stars": format_value(row["stars"], "stars"),
                "forks": format_value(row["forks"], "forks"),
                "credited_stars": format_value(row["credited_stars"], "credited_stars"),
            }
        )
    curves = []
    for name in [row["full_name"] for row in credits[:CURVES_PER_PERSON]]:
        svg = inputs.curve_svg(name)
        if svg is not None:
            curves.append((name, svg))
    shown = {
        k: format_value(profile.get(k), k)
        for k in (
            "name",
            "bio",
            "followers",
            "following",
            "public_repos",
            "account_created_at",
            "location_raw",
            "twitter_followers",
            "research_topics",
            "active_from",
            "active_to",
            "type",
        )  # fmt: skip
        if not is_missing(profile.get(k))
    }
    return {
        "login": login,
        "profile": shown,
        "facts": facts,
        "links": person_links(profile, login),
        "repos": repos,
        "curves": curves,
        "ranks": sorted(ranks, key=lambda r: (r.rank, r.key)),
        "academic": academic_facts(login, inputs),
    }


REPO_FIELDS = ("stars", "forks", "watchers", "open_issues", "language", "license", "created_at",
               "pushed_at", "topics", "owner_type", "keywords")  # fmt: skip


def repo_page(full_name: str, inputs: Inputs, ranks: list[Rank], pages: Pages) -> dict:
    repo = inputs.index["repo"].get(full_name.lower(), {"full_name": full_name})
    stars, forks = repo.get("stars"), repo.get("forks")
    facts = [(k, format_value(repo.get(k), k)) for k in REPO_FIELDS if not is_missing(repo.get(k))]
    if not is_missing(stars) and not is_missing(forks) and forks:
        facts.append(("star/fork ratio", f"{float(stars) / float(forks):,.1f}"))
    people = inputs.index["credits_by_repo"].get(full_name.lower(), [])
    contributors = [
        {
            "login": row["login"],
            "href": pages.person(row["login"]) or f"https://github.com/{row['login']}",
            "contributions": format_value(row.get("contributions"), "contributions"),
            "share": format_value(row["share"], "share"),
            "credited_stars": format_value(row["credited_stars"], "credited_stars"),
        }
        for row in people
    ]
    owner = repo.get("owner_login")
    return {
        "full_name": full_name,
        "html_url": safe_url(repo.get("html_url")) or f"https://github.com/{full_name}",
        "description": None if is_missing(repo.get("description")) else repo["description"],
        "owner": None if is_missing(owner) else owner,
        "owner_href": (pages.person(owner) or safe_url(repo.get("owner_url"))) if owner else None,
        "facts": facts,
        "curve": inputs.curve_svg(full_name),
        "contributors": contributors,
        "ranks": sorted(ranks, key=lambda r: (r.rank, r.key)),
    }
