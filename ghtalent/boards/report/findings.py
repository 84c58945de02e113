"""Findings: the counter-intuitive results first, as sentences with numbers from the boards.

Every column read here is named; a board that lacks one fails with the board and column named
(``tables.require``), so a change in the board builder shows up here instead of a silent guess.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ghtalent.boards.report.labels import scope_title
from ghtalent.boards.report.pages import Pages
from ghtalent.boards.report.tables import require
from ghtalent.boards.report.text import (
    Part,
    evidence_parts,
    format_value,
    is_missing,
    link,
    num,
)

PLACES_IN_FINDINGS = 5


@dataclass
class Finding:
    title: str
    sentences: list[list[Part]]


def board_for(boards: Mapping[str, Mapping[str, pd.DataFrame]], board: str):
    """(scope, df) for a board: the overall one, else the first scope that has it."""
    if board in boards.get("overall", {}):
        return "overall", boards["overall"][board]
    for scope, scoped in boards.items():
        if board in scoped:
            return scope, scoped[board]
    return None, None


def _missing_sentence(what: str, scope: str | None, notes: Mapping[str, str], board: str):
    note = notes.get(f"{scope}/{board}") if scope else None
    text = f"No {what} on this run"
    text += f": {note}" if note else "." if scope is None else " (the board is empty)."
    return [Part(text)]


def _in_scope(scope: str, labels: Mapping[str, str]) -> list[Part]:
    return [] if scope == "overall" else [Part(f" (in {scope_title(scope, labels)[0]})")]


def _who(row: Mapping[str, Any], pages: Pages) -> Part:
    return link(row["login"], pages.person(row["login"]) or row.get("html_url"))


def _repo(row: Mapping[str, Any], pages: Pages) -> Part:
    return link(row["full_name"], pages.repo(row["full_name"]) or row.get("html_url"))


def _work_and_scope(row, scope, labels, pages) -> list[Part]:
    parts: list[Part] = []
    evidence = row.get("top_repos")
    if isinstance(evidence, str) and evidence.strip():
        parts += [Part(". Work: ")] + evidence_parts(evidence.strip()[:200], pages)
    return parts + _in_scope(scope, labels) + [Part(".")]


def _hidden_gem_findings(boards, notes, labels, pages) -> Finding:
    title = "Hidden gems: much-used work, small audience"
    scope, df = board_for(boards, "hidden_gems")
    if df is None or df.empty:
        return Finding(title, [_missing_sentence("hidden gems", scope, notes, "hidden_gems")])
    key = f"{scope}/hidden_gems"
    require(key, df, "rank", "login", "gem_score", "project_stars", "followers", "audience")
    require(key, df, "twitter_followers", "x_status", "best_part")
    power = boards.get("overall", {}).get("people_power")
    power_rank: dict[str, int] = {}
    if power is not None and not power.empty:
        require("overall/people_power", power, "login", "rank")
        power_rank = dict(zip(power["login"].astype(str), power["rank"], strict=True))
    sentences = []
    for row in df.sort_values("rank").head(3).to_dict("records"):
        s: list[Part] = [_who(row, pages)]
        if not is_missing(row["project_stars"]):
            s += [Part(" has "), num(row["project_stars"]), Part(" stars on projects they built")]
            if not is_missing(row["best_part"]):
                s.append(Part(f" ({row['best_part']})"))
        if not is_missing(row["audience"]):
            s += [Part(" but an audience of only "), num(row["audience"]), Part(" followers")]
            tw = row["twitter_followers"]
            detail = [f"{format_value(row['followers'])} on GitHub"]
            status = None if is_missing(row["x_status"]) else str(row["x_status"])
            if not is_missing(tw):
                detail.append(f"{format_value(tw)} on X")
            elif status and status.startswith("no X"):
                detail.append(status)  # no handle anywhere: nothing to look up
            elif status and status.startswith("estimated"):
                detail.append("unknown on X, ranked on an estimate")
            else:
                detail.append("unknown on X")
            s.append(Part(f" ({', '.join(detail)})"))
        if not is_missing(row["gem_score"]):
            s += [Part(": "), num(row["gem_score"], "gem_score"), Part(" gem score")]
        if power_rank:
            who = str(row["login"])
            if who in power_rank:
                s.append(Part(f"; #{int(power_rank[who]):,} on the overall power board"))
            else:
                s.append(Part("; not on the overall power board at all"))
        sentences.append(s + _work_and_scope(row, scope, labels, pages))
    return Finding(title, sentences)


def _cross_modal_findings(boards, notes, labels, pages) -> Finding:
    title = "Cross-modal builders: high in more than one group"
    scope, df = board_for(boards, "cross_modal")
    if df is None or df.empty:
        return Finding(
            title, [_missing_sentence("cross-modal builders", scope, notes, "cross_modal")]
        )
    require(f"{scope}/cross_modal", df, "rank", "login", "n_groups", "groups", "overall_rank")
    sentences = []
    for row in df.sort_values("rank").head(3).to_dict("records"):
        s: list[Part] = [_who(row, pages), Part(" ranks high in "), num(row["n_groups"])]
        s.append(Part(" groups"))
        if not is_missing(row["groups"]):
            text = str(row["groups"])
            for slug, label in labels.items():
                text = re.sub(rf"\b{re.escape(slug)}\b", str(label), text)
            s.append(Part(f": {text}"))
        if not is_missing(row["overall_rank"]):
            s.append(Part(f"; #{format_value(row['overall_rank'])} on the overall power board"))
        sentences.append(s + _work_and_scope(row, scope, labels, pages))
    return Finding(title, sentences)


def _lightning_findings(boards, notes, labels, pages) -> Finding:
    title = "Lightning new stars: fastest from creation to 10,000 stars"
    scope, df = board_for(boards, "lightning")
    if df is None or df.empty:
        return Finding(title, [_missing_sentence("lightning risers", scope, notes, "lightning")])
    require(f"{scope}/lightning", df, "full_name", "days_to_threshold", "created_at", "crossed_on")
    require(f"{scope}/lightning", df, "source")
    days = pd.to_numeric(df["days_to_threshold"], errors="coerce")
    ranked = df.assign(_days=days).sort_values("_days", kind="stable", na_position="last")
    sentences = []
    for row in ranked.head(3).to_dict("records"):
        if is_missing(row["_days"]):
            continue
        s: list[Part] = [_repo(row, pages), Part(" went from creation to "), num(10_000)]
        s += [Part(" stars in "), num(row["_days"]), Part(" days")]
        dates = []
        if not is_missing(row["created_at"]):
            dates.append(f"created {format_value(row['created_at'])}")
        if not is_missing(row["crossed_on"]):
            dates.append(f"crossed on {format_value(row['crossed_on'])}")
        if dates:
            s.append(Part(f" ({', '.join(dates)})"))
        if isinstance(row["source"], str) and row["source"]:
            s.append(Part(f" [source: {row['source']}]"))
        sentences.append(s + _in_scope(scope, labels) + [Part(".")])
    median = days.median()
    if not math.isnan(median):
        n = int(days.notna().sum())
        sentences.append(
            [
                Part("The median project on this board took "),
                Part(f"{median:,.0f}", strong=True),
                Part(" days, across "),
                num(n),
                Part(" project." if n == 1 else " projects."),
            ]
        )
    return Finding(title, sentences)


_GAINED = "gained_month"


def _exploding_findings(boards, notes, labels, pages) -> Finding:
    title = "Exploding now: the biggest recent growth"
    scope, df = board_for(boards, "growth")
    if df is None or df.empty:
        return Finding(title, [_missing_sentence("growth numbers", scope, notes, "growth")])
    key = f"{scope}/growth"
    require(key, df, "full_name", "growth_speed", _GAINED, "stars", "recent_share", "growth_class")
    repos = boards.get(scope, {}).get("repos")
    by_total: list[str] = []
    if repos is not None and not repos.empty:
        require(f"{scope}/repos", repos, "full_name", "stars")
        by_total = [str(v) for v in repos.sort_values("stars", ascending=False)["full_name"]]
    exploding = df[df["growth_class"].astype(str).str.contains("exploding", na=False)]
    candidates = exploding if not exploding.empty else df
    ranked = candidates.sort_values("growth_speed", ascending=False, na_position="last")
    sentences = []
    for row in ranked.head(3).to_dict("records"):
        if is_missing(row["growth_speed"]):
            continue
        s: list[Part] = [_repo(row, pages), Part(" gains ")]
        s += [Part(f"{float(row['growth_speed']):,.0f}", strong=True), Part(" stars a week")]
        if not is_missing(row[_GAINED]):
            s += [Part(" ("), Part(f"{float(row[_GAINED]):,.0f}", strong=True)]
            s.append(Part(" in the last month)"))
        if not is_missing(row["stars"]) and not is_missing(row["recent_share"]):
            pct = 100 * float(row["recent_share"])
            s += [Part("; "), Part(f"{pct:.0f} %", strong=True), Part(" of its ")]
            s += [num(row["stars"]), Part(" stars came in the last quarter")]
        who = str(row["full_name"])
        if who in by_total:
            s.append(Part(f" (#{by_total.index(who) + 1:,} by total stars)"))
        elif by_total:
            s.append(Part(f" (not in the top {len(by_total):,} by total stars)"))
        if isinstance(row["growth_class"], str) and row["growth_class"]:
            s.append(Part(f" [{row['growth_class']}]"))
        sentences.append(s + _in_scope(scope, labels) + [Part(".")])
    return Finding(title, sentences)


def cycle_peaks(df: pd.DataFrame) -> pd.DataFrame:
    """Each group's peak month in a modality_cycles frame (group, month, stars_gained)."""
    columns = ["group", "month", "stars_gained", "total"]
    if df is None or df.empty:
        return pd.DataFrame(columns=columns)
    require("overall/modality_cycles", df, "group", "month", "stars_gained")
    data = df.assign(stars_gained=pd.to_numeric(df["stars_gained"], errors="coerce"))
    data = data.dropna(subset=["stars_gained"])
    if data.empty:
        return pd.DataFrame(columns=columns)
    idx = data.groupby("group")["stars_gained"].idxmax()
    peaks = data.loc[idx, ["group", "month", "stars_gained"]].copy()
    peaks["total"] = peaks["group"].map(data.groupby("group")["stars_gained"].sum())
    return peaks.sort_values("month", kind="stable").reset_index(drop=True)


def _cycle_findings(boards, notes, labels, snapshot_date) -> Finding:
    title = "Modality cycles: when each group peaked"
    scope, df = board_for(boards, "modality_cycles")
    peaks = cycle_peaks(df)
    if peaks.empty:
        return Finding(
            title, [_missing_sentence("modality cycles", scope, notes, "modality_cycles")]
        )
    current = pd.Timestamp(snapshot_date).strftime("%Y-%m") if snapshot_date else None
    sentences = []
    for row in peaks.to_dict("records"):
        month = pd.Timestamp(row["month"]).strftime("%Y-%m")
        so_far = " so far (the month is not over)" if month == current else " that month"
        sentences.append(
            [
                Part(str(labels.get(row["group"], row["group"])), strong=True),
                Part(" peaked in "),
                Part(month, strong=True),
                Part(" with "),
                num(row["stars_gained"], "stars_gained"),
                Part(f" stars gained{so_far} ("),
                num(row["total"], "stars_gained"),
                Part(" over the whole series)."),
            ]
        )
    return Finding(title, sentences)


_PLACE_LABELS = {
    "companies": ("Companies and labs", "company"),
    "universities": ("Universities", "university"),
    "countries": ("Countries", "country"),
}


def _places_findings(boards, notes, labels) -> Finding:
    title = "Where the most powerful developers are"
    sentences = []
    for board, (label, column) in _PLACE_LABELS.items():
        scope, df = board_for(boards, board)
        if df is None or df.empty:
            sentences.append(_missing_sentence(label.lower(), scope, notes, board))
            continue
        require(f"{scope}/{board}", df, column, "n_people", "share_of_top", "best_rank")
        first = df.iloc[0]
        top = round(first["n_people"] / first["share_of_top"]) if first["share_of_top"] else 0
        parts = [Part(f"{label} of the top {top:,}: ", strong=True)]
        for i, row in enumerate(df.head(PLACES_IN_FINDINGS).to_dict("records")):
            name = row.get("country_name") or row[column]
            parts += [Part(", " if i else ""), Part(str(name), strong=True), Part(" ")]
            parts += [num(row["n_people"]), Part(f" (best #{int(row['best_rank'])})")]
        note = notes.get(f"{scope}/{board}")
        parts += _in_scope(scope, labels)
        parts.append(Part(f"; {note}." if note else "."))
        sentences.append(parts)
    return Finding(title, sentences)


def build_findings(boards_by_scope, notes, context, pages: Pages) -> list[Finding]:
    from ghtalent.boards.academic import academic_findings  # it builds on this module

    """Counter-intuitive results first: gems, cross-modal, lightning, exploding, cycles; then
    where the strongest people work, study and live."""
    labels = context.get("group_labels") or {}
    return [
        _hidden_gem_findings(boards_by_scope, notes, labels, pages),
        _cross_modal_findings(boards_by_scope, notes, labels, pages),
        _lightning_findings(boards_by_scope, notes, labels, pages),
        _exploding_findings(boards_by_scope, notes, labels, pages),
        _cycle_findings(boards_by_scope, notes, labels, context.get("date")),
        _places_findings(boards_by_scope, notes, labels),
        *academic_findings(boards_by_scope, notes, labels, pages),
    ]
