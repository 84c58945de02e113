"""The OpenAlex stage: for each developer, find their author record on evidence and read
their academic influence (works, citations, h-index, top paper, last publication year).

Requests: one batched lookup per 50 linked ORCIDs / OpenAlex ids, one name search per other
person with a usable name, and one or two works calls per matched author. Everything goes
through one `OpenAlexClient` (cached, budgeted, a few requests in flight); a person the budget
did not reach is marked `budget`, never guessed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
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


def _top_work_fields(client: OpenAlexClient, row: dict) -> tuple[dict, Exception | None]:
    """The top paper's fields for a matched row (and its last year when counts_by_year is
    silent), as updates to apply; with the error that stopped the calls, if one did (the
    fields read before it are kept, as they would be one call after the other)."""
    updates: dict = {}
    try:
        work = client.top_work(row["author_id"])
        if work:
            location = work.get("primary_location") or {}
            updates.update(
                top_work_title=work.get("display_name") or work.get("title"),
                top_work_url=work.get("doi") or location.get("landing_page_url") or work.get("id"),
                top_work_year=work.get("publication_year"),
                top_work_citations=work.get("cited_by_count"),
            )
        if row["last_publication_year"] is None and (row["works_count"] or 0) > 0:
            latest = client.latest_work(row["author_id"])
            if latest:
                updates["last_publication_year"] = latest.get("publication_year")
    except OpenAlexError as exc:
        return updates, exc
    return updates, None


def _stop_reason(exc: Exception) -> tuple[str, str] | None:
    """(status, reason) when an error stops the whole stage, None when only one person's call
    failed: a spent budget, or OpenAlex unreachable or failing after retries (rather than
    retrying it person after person)."""
    if isinstance(exc, BudgetExhausted):
        return "budget", str(exc)
    if isinstance(exc, OpenAlexError) and (exc.status is None or exc.status >= 500):
        return "unavailable", f"OpenAlex unavailable ({exc.reason}); the next run tries again"
    return None


def in_order(
    client: OpenAlexClient,
    items: list,
    work: Callable[[Any], Any],
    finish: Callable[[Any, Any], None],
    requests_per_item: int,
) -> None:
    """`work(item)` for each item, up to `client.max_in_flight` at once, and `finish(item,
    result)` one by one in the order of the items, so the outcome is the one-by-one run's.

    Near the end of the request budget (when what is in flight could reach it) the items go one
    at a time, so who the budget reaches does not depend on which thread ran first."""
    window = client.max_in_flight
    if window <= 1 or len(items) <= 1:
        for item in items:
            finish(item, work(item))
        return
    per_item = requests_per_item * client.max_attempts  # retries count against the budget too

    def near_budget(in_flight: int) -> bool:
        if client.max_requests is None:
            return False
        return client.max_requests - client.requests_made <= in_flight * per_item

    pending: deque = deque()
    with ThreadPoolExecutor(window, thread_name_prefix="ghtalent-openalex") as pool:
        try:
            for item in items:
                while pending and (len(pending) >= 4 * window or near_budget(len(pending) + 1)):
                    done, future = pending.popleft()
                    finish(done, future.result())
                if near_budget(1):
                    finish(item, work(item))
                else:
                    pending.append((item, pool.submit(work, item)))
            while pending:
                done, future = pending.popleft()
                finish(done, future.result())
        finally:
            for _, future in pending:
                future.cancel()


def collect_academic(
    client: OpenAlexClient,
    people: pd.DataFrame,
    page_links: Mapping[str, Mapping[str, str]] | None = None,
) -> AcademicResult:
    """One row per person in `people` (enriched_profiles rows): the match and its numbers.
    Name searches and top papers run up to `client.max_in_flight` at once; the rows are those
    of a run that asks one person after the other."""
    page_links = page_links or {}
    persons = [p for p in people.to_dict("records") if p.get("login")]
    links = {p["login"]: person_links(p, page_links.get(p["login"])) for p in persons}
    matches: dict[str, Match] = {}
    stopped: str | None = None
    stop_status = "budget"

    def stop(exc: Exception) -> bool:
        """Record a stage-stopping error; False for one that concerns one person only."""
        nonlocal stopped, stop_status
        reason = _stop_reason(exc)
        if reason is None:
            return False
        if not stopped:
            stop_status, stopped = reason
        return True

    # 1. People who link an ORCID or OpenAlex profile: batched id lookups.
    for kind in ("orcid", "openalex"):
        wanted = {p["login"]: links[p["login"]][kind] for p in persons if kind in links[p["login"]]}
        wanted = {k: v for k, v in wanted.items() if k not in matches}
        if not wanted or stopped:
            continue
        try:
            found = client.authors_by_ids(kind, sorted(set(wanted.values())))
        except OpenAlexError as exc:
            stop(exc)
            continue
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

    # 2. Everyone else: a name search (two forms at most), then the evidence decides.
    def search(p: dict) -> Match | Exception | None:
        """The verdict for one person, or the error that stopped their searches."""
        login = p["login"]
        if stopped:
            return None  # the stage stopped before this person: no request
        forms = search_forms(_text(p.get("name")))
        if not forms:
            return judge(login, p, [], links[login])
        verdict: Match | None = None
        for form in forms[:2]:
            try:
                found = client.search_authors(form)
            except OpenAlexError as exc:
                return exc
            verdict = judge(login, p, found, links[login])
            if verdict.status != "no_author":
                break
        return verdict or Match(login, "no_author", reason="no author of that name")

    def searched(p: dict, outcome: Match | Exception | None) -> None:
        login = p["login"]
        if stopped or outcome is None or (isinstance(outcome, Exception) and stop(outcome)):
            matches[login] = Match(login, stop_status, reason=stopped or "")
        elif isinstance(outcome, OpenAlexError):
            matches[login] = Match(
                login, "error", reason=f"{outcome.reason}: {outcome.message[:120]}"
            )
        else:
            matches[login] = outcome

    in_order(client, [p for p in persons if p["login"] not in matches], search, searched, 2)
    resolve_conflicts(list(matches.values()))

    # 3. The matched: their top paper (and last year when counts_by_year is silent).
    rows = [_row(p, matches[p["login"]], links[p["login"]]) for p in persons]

    def top_work(row: dict) -> tuple[dict, Exception | None] | None:
        return None if stopped else _top_work_fields(client, row)

    def topped(row: dict, outcome: tuple[dict, Exception | None] | None) -> None:
        if stopped or outcome is None:
            return
        updates, error = outcome
        row.update(updates)
        if error is not None and not stop(error):
            row["match_reason"] += f"; top paper unavailable ({error.reason})"

    matched = [row for row in rows if row["status"] == "matched"]
    in_order(client, matched if not stopped else [], top_work, topped, 2)
    frame = pd.DataFrame(rows, columns=ACADEMIC_COLUMNS)
    statuses = frame["status"].value_counts().to_dict() if len(frame) else {}
    return AcademicResult(
        frame, {str(k): int(v) for k, v in statuses.items()}, client.request_summary()
    )
