"""The OpenAlex stage: for each developer, find their author record on evidence and read
their academic influence (works, citations, h-index, top paper, last publication year).

Requests: one batched lookup per 50 linked ORCIDs / OpenAlex ids, one name search per other
person with a usable name, and one or two works calls per matched author. Everything goes
through one `OpenAlexClient` (cached, budgeted); a person the budget did not reach is marked
`budget`, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ghtalent.scholar.client import BudgetExhausted, OpenAlexClient, OpenAlexError, short_id
from ghtalent.scholar.links import scholarly_ids
from ghtalent.scholar.match import Match, judge, judge_by_id, resolve_conflicts
from ghtalent.scholar.names import search_forms
from ghtalent.tables import CONTRACTS

# the table's columns but the partition ones, from the one contract (ghtalent/tables.py)
ACADEMIC_COLUMNS = [c for c in CONTRACTS["academic_profiles"] if c not in ("date", "keyword")]


@dataclass
class AcademicResult:
    rows: pd.DataFrame
    statuses: dict[str, int] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def person_links(person: Mapping[str, Any], page_links: Mapping[str, str] | None) -> dict[str, str]:
    """Scholarly ids from the profile (blog, bio, homepage URL) and the homepage's links."""
    texts = [_text(person.get(k)) for k in ("blog_raw", "homepage_url", "bio")]
    texts += [str(v) for v in (page_links or {}).values()]
    return scholarly_ids(texts)


def last_publication_year(author: Mapping[str, Any]) -> int | None:
    """The latest year with works in `counts_by_year` (which covers the last ten years)."""
    years = [int(c["year"]) for c in author.get("counts_by_year") or [] if c.get("works_count")]
    return max(years) if years else None


def _row(person: Mapping[str, Any], match: Match, links: Mapping[str, str]) -> dict:
    row = {c: None for c in ACADEMIC_COLUMNS}
    row.update(
        login=person["login"],
        name=_text(person.get("name")),
        status=match.status,
        confidence=match.confidence,
        match_reason=match.reason,
        candidates=match.candidates,
        linked_ids=", ".join(f"{k}:{v}" for k, v in sorted(links.items())) or None,
    )
    author = match.author
    if match.status == "matched" and author:
        stats = author.get("summary_stats") or {}
        institutions = author.get("last_known_institutions") or []
        row.update(
            author_id=short_id(author.get("id")),
            author_url=author.get("id"),
            author_name=author.get("display_name"),
            orcid=author.get("orcid"),
            institution=institutions[0].get("display_name") if institutions else None,
            works_count=author.get("works_count"),
            cited_by_count=author.get("cited_by_count"),
            h_index=stats.get("h_index"),
            i10_index=stats.get("i10_index"),
            last_publication_year=last_publication_year(author),
        )
    return row


def _add_top_work(client: OpenAlexClient, row: dict) -> None:
    work = client.top_work(row["author_id"])
    if work:
        row["top_work_title"] = work.get("display_name") or work.get("title")
        location = work.get("primary_location") or {}
        row["top_work_url"] = work.get("doi") or location.get("landing_page_url") or work.get("id")
        row["top_work_year"] = work.get("publication_year")
        row["top_work_citations"] = work.get("cited_by_count")
    if row["last_publication_year"] is None and (row["works_count"] or 0) > 0:
        latest = client.latest_work(row["author_id"])
        if latest:
            row["last_publication_year"] = latest.get("publication_year")


def collect_academic(
    client: OpenAlexClient,
    people: pd.DataFrame,
    page_links: Mapping[str, Mapping[str, str]] | None = None,
) -> AcademicResult:
    """One row per person in `people` (enriched_profiles rows): the match and its numbers."""
    page_links = page_links or {}
    persons = [p for p in people.to_dict("records") if p.get("login")]
    links = {p["login"]: person_links(p, page_links.get(p["login"])) for p in persons}
    matches: dict[str, Match] = {}
    stopped: str | None = None
    stop_status = "budget"

    def guarded(call, *args):
        nonlocal stopped, stop_status
        if stopped:
            return None
        try:
            return call(*args)
        except BudgetExhausted as exc:
            stopped = str(exc)
        except OpenAlexError as exc:
            if exc.status is None or exc.status >= 500:
                # Unreachable or failing after retries: stop, rather than retry it per person.
                stopped = f"OpenAlex unavailable ({exc.reason}); the next run tries again"
                stop_status = "unavailable"
                return None
            return exc
        return None

    # 1. People who link an ORCID or OpenAlex profile: batched id lookups.
    for kind in ("orcid", "openalex"):
        wanted = {p["login"]: links[p["login"]][kind] for p in persons if kind in links[p["login"]]}
        wanted = {k: v for k, v in wanted.items() if k not in matches}
        if not wanted:
            continue
        found = guarded(client.authors_by_ids, kind, sorted(set(wanted.values())))
        if isinstance(found, list):
            index = {}
            for author in found:
                key = short_id(author.get("orcid")) if kind == "orcid" else short_id(author["id"])
                if key:
                    index[key.upper()] = author
            for p in persons:
                value = wanted.get(p["login"])
                if value and value.upper() in index:
                    label = "ORCID" if kind == "orcid" else "OpenAlex profile"
                    matches[p["login"]] = judge_by_id(p["login"], p, index[value.upper()], label)

    # 2. Everyone else: a name search, then the evidence decides.
    for p in persons:
        login = p["login"]
        if login in matches:
            continue
        if stopped:
            matches[login] = Match(login, stop_status, reason=stopped)
            continue
        forms = search_forms(_text(p.get("name")))
        if not forms:
            matches[login] = judge(login, p, [], links[login])
            continue
        verdict: Match | None = None
        for form in forms[:2]:
            found = guarded(client.search_authors, form)
            if isinstance(found, OpenAlexError):
                verdict = Match(login, "error", reason=f"{found.reason}: {found.message[:120]}")
                break
            if found is None:
                verdict = Match(login, stop_status, reason=stopped or "")
                break
            verdict = judge(login, p, found, links[login])
            if verdict.status != "no_author":
                break
        matches[login] = verdict or Match(login, "no_author", reason="no author of that name")

    resolve_conflicts(list(matches.values()))

    # 3. The matched: their top paper (and last year when counts_by_year is silent).
    rows = []
    for p in persons:
        row = _row(p, matches[p["login"]], links[p["login"]])
        if row["status"] == "matched" and not stopped:
            outcome = guarded(_add_top_work, client, row)
            if isinstance(outcome, OpenAlexError):
                row["match_reason"] += f"; top paper unavailable ({outcome.reason})"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=ACADEMIC_COLUMNS)
    statuses = frame["status"].value_counts().to_dict() if len(frame) else {}
    return AcademicResult(
        frame, {str(k): int(v) for k, v in statuses.items()}, client.request_summary()
    )
