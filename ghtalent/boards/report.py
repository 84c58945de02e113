"""The readable HTML report and the Markdown previews of the boards.

Input: ``boards`` keyed ``"<scope>/<board>"`` (scope = ``overall`` or a keyword-group slug),
``notes`` (board key -> what is missing) and ``context`` (``date``, ``group_labels``,
``requests``, ``star_series``). Every value that came from GitHub or a scraped page is escaped
by jinja2's autoescape; links are kept only when they are http(s).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

TEMPLATES_DIR = Path(__file__).parent / "templates"

BOARD_ORDER = (
    "people_power",
    "team_power",
    "hidden_gems",
    "cross_modal",
    "lightning",
    "repos",
    "growth",
    "companies",
    "universities",
    "countries",
    "modality_cycles",
    "modality_peaks",
    "top_terms",
)
BOARD_TITLES = {
    "people_power": "Most powerful developers",
    "team_power": "Most powerful teams",
    "hidden_gems": "Hidden gems: great projects, small audience",
    "cross_modal": "Cross-modal builders",
    "lightning": "Lightning new stars: fastest to 10,000 stars",
    "repos": "Repositories",
    "growth": "Growth: exploding now vs long-lasting",
    "modality_cycles": "Modality cycles: stars gained per group per month",
    "modality_peaks": "Modality peaks: each group's biggest month",
    "top_terms": "Top terms",
    "companies": "Companies and labs of the most powerful developers",
    "universities": "Universities of the most powerful developers",
    "countries": "Countries of the most powerful developers",
}
# Columns that name the row; the row's ``html_url`` becomes this cell's link.
IDENTITY_COLUMNS = ("login", "full_name", "name", "group", "term")
# Numbers in columns named like these are ratios or scores: keep decimals.
# Counts that may arrive as floats (pro-rata gains, credit-weighted stars): show whole numbers.
_COUNT_HINTS = ("gained", "stars", "forks", "followers", "audience", "contributions")
_DECIMAL_HINTS = ("score", "ratio", "share", "speed", "pct", "percent", "per_", "rate", "weight")
_REPO_REF = re.compile(
    r"(?<![\w./-])([A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100})(?![\w/])"
)
_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")  # an X/Twitter handle, linked to its profile
# "@login" in evidence text: a person (places boards list "@login #rank").
_LOGIN_REF = re.compile(r"(?<![\w@])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?![\w/-])")
_EVIDENCE_REF = re.compile(f"{_REPO_REF.pattern}|{_LOGIN_REF.pattern}")
REPORT_ROW_LIMIT = 50
GROWTH_CHART_REPOS = 10
TERM_PERIODS_SHOWN = 4


# --------------------------------------------------------------------------- small helpers


def split_key(key: str) -> tuple[str, str]:
    """``"overall/people_power"`` -> ``("overall", "people_power")``; raises on other shapes."""
    scope, sep, board = str(key).partition("/")
    if (
        not sep
        or not re.fullmatch(r"[A-Za-z0-9_-]+", scope)
        or not re.fullmatch(r"[A-Za-z0-9_-]+", board)
    ):
        raise ValueError(
            f"board key {key!r} is not '<scope>/<board>' with letters, digits, '_' or '-' "
            "(e.g. 'overall/people_power', 'diffusion/repos')"
        )
    return scope, board


def safe_url(value: Any) -> str | None:
    """The value as a link target if it is an http(s) URL, else None (no ``javascript:``)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if re.match(r"(?i)^https?://[^\s<>\"']+$", url) and len(url) <= 2000:
        return url
    return None


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pd.NA (unknown values), False for everything else."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, dict)) else False
    except (TypeError, ValueError):
        return False


def url_columns(df: pd.DataFrame) -> list[str]:
    """Columns holding links: every column whose name ends in ``_url``."""
    return [c for c in df.columns if str(c).endswith("_url")]


def identity_column(df: pd.DataFrame) -> str | None:
    """The column that names a row (login, full_name, ...), if any."""
    for name in IDENTITY_COLUMNS:
        if name in df.columns:
            return name
    return None


def _is_decimal_column(column: str) -> bool:
    lowered = column.lower()
    return any(hint in lowered for hint in _DECIMAL_HINTS)


def format_number(value: Any, column: str = "") -> str:
    """Thousands separators for counts; a few decimals for scores and ratios."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    number = float(value)
    if math.isnan(number):
        return ""
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if _is_decimal_column(column):
        if abs(number) >= 1000:
            return f"{number:,.0f}"
        if abs(number) >= 10:
            return f"{number:,.1f}"
        return f"{number:,.2f}"
    if number.is_integer() or any(hint in column.lower() for hint in _COUNT_HINTS):
        return f"{round(number):,}"
    return f"{number:,.2f}"


def format_value(value: Any, column: str = "") -> str:
    """A cell as display text: numbers formatted, timestamps as dates, unknown as ''."""
    if is_missing(value):
        return ""
    if isinstance(value, (bool, int, float)) and not isinstance(value, str):
        return format_number(value, column)
    if isinstance(value, pd.Timestamp | datetime):
        ts = pd.Timestamp(value)
        if ts.hour == ts.minute == ts.second == 0 and ts.microsecond == 0:
            return ts.strftime("%Y-%m-%d")
        return ts.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return format_value(pd.Timestamp(value), column)
    if isinstance(value, np.generic):  # numpy ints, floats, bools
        return format_value(value.item(), column)
    return str(value)


def column_label(column: str) -> str:
    """``stars_gained_30d`` -> ``stars gained 30d``."""
    return str(column).replace("_", " ")


def pick_column(
    df: pd.DataFrame,
    exact: Iterable[str] = (),
    contains: Iterable[str] = (),
    numeric: bool = False,
    exclude: Iterable[str] = (),
) -> str | None:
    """The first column named in ``exact``, else the first whose name contains a hint."""
    excluded = set(exclude)
    candidates = [c for c in df.columns if c not in excluded]
    if numeric:
        candidates = [c for c in candidates if pd.api.types.is_numeric_dtype(df[c])]
    for name in exact:
        if name in candidates:
            return name
    for hint in contains:
        for c in candidates:
            if hint in str(c).lower():
                return c
    return None


def sorted_board(df: pd.DataFrame, by: str | None, ascending: bool = False) -> pd.DataFrame:
    """Rows in board order: by ``rank`` when present, else by ``by``, unknowns last."""
    if "rank" in df.columns and pd.api.types.is_numeric_dtype(df["rank"]):
        return df.sort_values("rank", kind="stable", na_position="last")
    if by is not None and by in df.columns:
        return df.sort_values(by, ascending=ascending, kind="stable", na_position="last")
    return df


def _scope_sort_key(scope: str, group_labels: Mapping[str, str]) -> tuple[int, int, str]:
    if scope == "overall":
        return (0, 0, scope)
    order = list(group_labels)
    return (1, order.index(scope) if scope in order else len(order), scope)


def scope_label(scope: str, group_labels: Mapping[str, str]) -> str:
    if scope == "overall":
        return "Overall (all keywords, de-duplicated)"
    return str(group_labels.get(scope, scope))


def group_boards(boards: Mapping[str, pd.DataFrame], group_labels: Mapping[str, str]):
    """{scope: {board: df}} in report order (overall first, then config order)."""
    scopes: dict[str, dict[str, pd.DataFrame]] = {}
    for key, df in boards.items():
        scope, board = split_key(key)
        scopes.setdefault(scope, {})[board] = df
    ordered = sorted(scopes, key=lambda s: _scope_sort_key(s, group_labels))

    def board_rank(board: str) -> tuple[int, str]:
        return (BOARD_ORDER.index(board) if board in BOARD_ORDER else len(BOARD_ORDER), board)

    return {s: {b: scopes[s][b] for b in sorted(scopes[s], key=board_rank)} for s in ordered}


# --------------------------------------------------------------------------- rich text


@dataclass(frozen=True)
class Part:
    """A piece of text in a cell or a finding; escaped by the template."""

    text: str
    href: str | None = None
    strong: bool = False


def _num(value: Any, column: str = "") -> Part:
    return Part(format_value(value, column), strong=True)


def _link(text: Any, url: Any) -> Part:
    return Part(format_value(text), href=safe_url(url))


def evidence_parts(text: str) -> list[Part]:
    """Evidence text with each ``owner/repo`` and ``@login`` turned into a GitHub link."""
    parts: list[Part] = []
    last = 0
    for match in _EVIDENCE_REF.finditer(text):
        if match.start() > last:
            parts.append(Part(text[last : match.start()]))
        repo, login = match.group(1), match.group(2)
        ref = repo or login
        parts.append(Part(match.group(0), href=f"https://github.com/{ref}"))
        last = match.end()
    if last < len(text):
        parts.append(Part(text[last:]))
    return parts


# --------------------------------------------------------------------------- tables


@dataclass
class Table:
    """A board ready for the template: columns, rows of cells (lists of parts)."""

    key: str
    dom_id: str
    columns: list[tuple[str, str]]  # (label, css class)
    rows: list[list[tuple[list[Part], str, str | None]]]  # (parts, css class, title)
    total_rows: int
    blank_columns: list[str] = field(default_factory=list)  # unknown in every shown row


def _display_columns(df: pd.DataFrame) -> tuple[list[str], str | None]:
    """Columns to show; ``html_url`` folds into the identity cell's link."""
    ident = identity_column(df)
    columns = list(df.columns)
    if ident is not None and "html_url" in columns:
        columns.remove("html_url")
    for evidence, urls in (("top_repos", "top_repo_urls"), ("top_people", "top_people_urls")):
        if evidence in columns and urls in columns:
            columns.remove(urls)  # the evidence cell already links each one
    return columns, ident


def _cell(row: Mapping[str, Any], column: str, df: pd.DataFrame, ident: str | None):
    value = row[column]
    numeric = pd.api.types.is_numeric_dtype(df[column]) and not pd.api.types.is_bool_dtype(
        df[column]
    )
    if is_missing(value):
        return [Part("—")], "unknown", "unknown"
    text = format_value(value, column)
    if column == ident:
        return [Part(text, href=safe_url(row.get("html_url")))], "ident", None
    if column == "twitter_username" and _HANDLE.fullmatch(text):
        return [Part(f"@{text}", href=f"https://x.com/{text}")], "text", None
    if str(column).endswith("_url"):
        url = safe_url(value)
        shown = re.sub(r"(?i)^https?://(www\.)?", "", text).rstrip("/")
        return [Part(shown, href=url)], "url", text
    if numeric:
        return [Part(text)], "num", None
    title = text if len(text) > 160 else None
    if len(text) > 160:
        text = text[:157] + "…"
    if column in EVIDENCE_COLUMNS:
        return evidence_parts(text), "evidence", title
    return [Part(text)], "text", title


EVIDENCE_COLUMNS = ("top_repos", "evidence", "repos", "top_projects", "top_people")


def _report_columns(
    df: pd.DataFrame, shown: pd.DataFrame
) -> tuple[list[str], str | None, list[str]]:
    """Columns for the HTML table: evidence moved next to the score, all-unknown ones left out.

    The report is read on a screen, so the evidence sits where the eye is and columns with no
    value at all (not yet enriched, say) are named under the table instead of shown as "—".
    """
    columns, ident = _display_columns(df)
    blank = [c for c in columns if c != ident and shown[c].map(is_missing).all()]
    columns = [c for c in columns if c not in blank]
    evidence = [c for c in columns if c in EVIDENCE_COLUMNS]
    if evidence:
        rest = [c for c in columns if c not in evidence]
        anchor = next((c for c in rest if "score" in str(c).lower()), ident)
        at = rest.index(anchor) + 1 if anchor in rest else len(rest)
        columns = rest[:at] + evidence + rest[at:]
    return columns, ident, blank


def build_table(key: str, df: pd.DataFrame, limit: int = REPORT_ROW_LIMIT) -> Table:
    """A board frame as a report table (first ``limit`` rows)."""
    shown = df.head(limit)
    columns, ident, blank = _report_columns(df, shown)
    header = []
    for c in columns:
        numeric = pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        header.append((column_label(c), "num" if numeric else ""))
    rows = []
    for record in shown.to_dict("records"):
        rows.append([_cell(record, c, df, ident) for c in columns])
    dom_id = "board-" + key.replace("/", "-")
    return Table(
        key=key,
        dom_id=dom_id,
        columns=header,
        rows=rows,
        total_rows=len(df),
        blank_columns=[column_label(c) for c in blank],
    )


# --------------------------------------------------------------------------- findings


@dataclass
class Finding:
    title: str
    sentences: list[list[Part]]


def _board_for(boards: Mapping[str, Mapping[str, pd.DataFrame]], board: str):
    """(scope, df) for a board: the overall one, else the first scope that has it."""
    if board in boards.get("overall", {}):
        return "overall", boards["overall"][board]
    for scope, scoped in boards.items():
        if board in scoped:
            return scope, scoped[board]
    return None, None


def _missing_sentence(what: str, scope: str | None, notes: Mapping[str, str], board: str):
    key = f"{scope}/{board}" if scope else None
    note = notes.get(key) if key else None
    text = f"No {what} on this run"
    text += f": {note}" if note else "." if scope is None else " (the board is empty)."
    return [Part(text)]


def _in_scope(scope: str, labels: Mapping[str, str]) -> list[Part]:
    return [] if scope == "overall" else [Part(f" (in {scope_label(scope, labels)})")]


def _work_and_scope(row: Mapping[str, Any], scope: str, labels: Mapping[str, str]) -> list[Part]:
    """The closing of a person's finding: their work (linked) and the board it comes from."""
    parts: list[Part] = []
    evidence = row.get("top_repos")
    if isinstance(evidence, str) and evidence.strip():
        parts += [Part(". Work: ")] + evidence_parts(evidence.strip()[:200])
    return parts + _in_scope(scope, labels) + [Part(".")]


def _hidden_gem_findings(boards, notes, labels) -> Finding:
    title = "Hidden gems: much-used work, small audience"
    scope, df = _board_for(boards, "hidden_gems")
    if df is None or df.empty:
        return Finding(title, [_missing_sentence("hidden gems", scope, notes, "hidden_gems")])
    score = pick_column(df, ("hidden_gem_score", "gem_score"), ("gem", "score"), numeric=True)
    stars = pick_column(
        df,
        ("credited_stars", "project_stars", "stars", "total_stars", "repo_stars"),
        ("stars",),
        numeric=True,
    )
    gh = pick_column(df, ("followers", "github_followers"), numeric=True)
    tw = pick_column(df, ("twitter_followers", "x_followers"), numeric=True)
    ident = identity_column(df) or df.columns[0]
    power = boards.get("overall", {}).get("people_power")
    power_order: list[str] = []
    if power is not None and not power.empty and ident in power.columns:
        power_score = pick_column(power, ("power_score",), ("score",), numeric=True)
        power_order = [str(v) for v in sorted_board(power, power_score)[ident].tolist()]
    sentences = []
    for row in sorted_board(df, score).head(3).to_dict("records"):
        s: list[Part] = [_link(row[ident], row.get("html_url"))]
        if stars and not is_missing(row[stars]):
            what = (
                " stars credited to their work"
                if "credited" in stars
                else " stars on their projects"
            )
            s += [Part(" has "), _num(row[stars]), Part(what)]
        audience = [row[c] for c in (gh, tw) if c and not is_missing(row[c])]
        if not is_missing(row.get("audience")):
            audience = [row["audience"]]  # the scorer's own audience figure
        if audience:
            s += [Part(" but an audience of only "), _num(sum(audience)), Part(" followers")]
            detail = []
            if gh and not is_missing(row[gh]):
                detail.append(f"{format_value(row[gh])} on GitHub")
            if tw:
                tw_text = "unknown" if is_missing(row[tw]) else format_value(row[tw])
                detail.append(f"{tw_text} on X")
            s.append(Part(f" ({', '.join(detail)})"))
        if score and not is_missing(row[score]):
            s += [Part(": "), _num(row[score], score), Part(f" {column_label(score)}")]
        if power_order:
            who = str(row[ident])
            if who in power_order:
                s.append(Part(f"; #{power_order.index(who) + 1:,} on the overall power board"))
            else:
                s.append(Part("; not on the overall power board at all"))
        s += _work_and_scope(row, scope, labels)
        sentences.append(s)
    return Finding(title, sentences)


def _cross_modal_findings(boards, notes, labels) -> Finding:
    title = "Cross-modal builders: high in more than one group"
    scope, df = _board_for(boards, "cross_modal")
    if df is None or df.empty:
        return Finding(
            title, [_missing_sentence("cross-modal builders", scope, notes, "cross_modal")]
        )
    ident = identity_column(df) or df.columns[0]
    groups_col = pick_column(df, ("groups",), ("group",), exclude=(ident,))
    count_col = pick_column(df, ("n_groups", "group_count"), ("n_group",), numeric=True)
    score = pick_column(df, ("cross_modal_score", "power_score"), ("score",), numeric=True)
    order_by = count_col or score
    sentences = []
    for row in sorted_board(df, order_by).head(3).to_dict("records"):
        s: list[Part] = [_link(row[ident], row.get("html_url"))]
        if count_col and not is_missing(row[count_col]):
            s += [Part(" ranks high in "), _num(row[count_col]), Part(" groups")]
        else:
            s.append(Part(" ranks high in several groups"))
        if groups_col and not is_missing(row[groups_col]):
            text = str(row[groups_col])
            for slug, label in labels.items():
                text = re.sub(rf"\b{re.escape(slug)}\b", str(label), text)
            s.append(Part(f": {text}"))
        if not is_missing(row.get("overall_rank")):
            s.append(Part(f"; #{format_value(row['overall_rank'])} on the overall power board"))
        if score and score != count_col and not is_missing(row[score]):
            s += [Part(f"; {column_label(score)} "), _num(row[score], score)]
        s += _work_and_scope(row, scope, labels)
        sentences.append(s)
    return Finding(title, sentences)


def _lightning_findings(boards, notes, labels) -> Finding:
    title = "Lightning new stars: fastest from creation to 10,000 stars"
    scope, df = _board_for(boards, "lightning")
    if df is None or df.empty or "days_to_threshold" not in df.columns:
        return Finding(title, [_missing_sentence("lightning risers", scope, notes, "lightning")])
    days = pd.to_numeric(df["days_to_threshold"], errors="coerce")
    ranked = df.assign(_days=days).sort_values("_days", kind="stable", na_position="last")
    ident = identity_column(df) or df.columns[0]
    median = days.median()
    sentences = []
    for row in ranked.head(3).to_dict("records"):
        if is_missing(row["_days"]):
            continue
        threshold = row.get("threshold", 10_000)
        threshold = 10_000 if is_missing(threshold) else threshold
        s: list[Part] = [
            _link(row[ident], row.get("html_url")),
            Part(" went from creation to "),
            _num(threshold),
            Part(" stars in "),
            _num(row["_days"]),
            Part(" days"),
        ]
        dates = []
        if not is_missing(row.get("created_at")):
            dates.append(f"created {format_value(row['created_at'])}")
        if not is_missing(row.get("crossed_on")):
            dates.append(f"crossed on {format_value(row['crossed_on'])}")
        if dates:
            s.append(Part(f" ({', '.join(dates)})"))
        source = row.get("source")
        if isinstance(source, str) and source:
            s.append(Part(f" [source: {source}]"))
        sentences.append(s + _in_scope(scope, labels) + [Part(".")])
    if not math.isnan(median):
        sentences.append(
            [
                Part("The median project on this board took "),
                Part(f"{median:,.0f}", strong=True),
                Part(" days, across "),
                _num(int(days.notna().sum())),
                Part(" project." if int(days.notna().sum()) == 1 else " projects."),
            ]
        )
    return Finding(title, sentences)


def _recent_gains(star_series: pd.DataFrame | None, weeks: int = 4) -> pd.DataFrame:
    """Stars gained over the last ``weeks`` weeks per repo, from the cumulative series."""
    if star_series is None or star_series.empty:
        return pd.DataFrame(columns=["full_name", "gained", "total"])
    rows = []
    for name, g in star_series.sort_values("week").groupby("full_name", sort=False):
        cumulative = pd.to_numeric(g["cumulative_stars"], errors="coerce").dropna()
        if len(cumulative) < 2:
            continue
        base = cumulative.iloc[max(0, len(cumulative) - 1 - weeks)]
        rows.append((name, cumulative.iloc[-1] - base, cumulative.iloc[-1]))
    return pd.DataFrame(rows, columns=["full_name", "gained", "total"])


_GAINED_WINDOWS = {
    "gained_week": "in the last week",
    "gained_month": "in the last month",
    "gained_quarter": "in the last quarter",
}


def _exploding_findings(boards, notes, labels, star_series) -> Finding:
    title = "Exploding now: the biggest recent growth"
    scope, df = _board_for(boards, "growth")
    if df is None or df.empty:
        scope, df = _board_for(boards, "repos")
    speed = gained = None
    if df is not None and not df.empty:
        speed = pick_column(df, ("growth_speed",), ("speed",), numeric=True)
        gained = pick_column(
            df,
            ("gained_month", "stars_gained_30d", "stars_gained_month", "gained_quarter"),
            ("gained",),
            numeric=True,
        )
    order = speed or gained
    if order is not None:
        sentences = _exploding_sentences(boards, scope, df, order, speed, gained, labels)
        if sentences:
            return Finding(title, sentences)
    return _exploding_from_series(title, scope, notes, star_series)


def _exploding_sentences(boards, scope, df, order, speed, gained, labels):
    ident = identity_column(df) or df.columns[0]
    stars = pick_column(df, ("stars", "total_stars"), numeric=True)
    share = pick_column(df, ("recent_share",), numeric=True)
    # Rank by total stars on the scope's repos board: a riser far down it is the surprise.
    repos = boards.get(scope, {}).get("repos")
    if repos is None or ident not in getattr(repos, "columns", ()) or "stars" not in repos:
        repos = df if stars == "stars" else None
    by_total: list[str] = []
    if repos is not None and not repos.empty:
        by_total = [str(v) for v in repos.sort_values("stars", ascending=False)[ident]]
    candidates = df
    if "growth_class" in df.columns:
        exploding = df[df["growth_class"].astype(str).str.contains("exploding", na=False)]
        candidates = exploding if not exploding.empty else df
    ranked = candidates.sort_values(order, ascending=False, kind="stable", na_position="last")
    sentences = []
    for row in ranked.head(3).to_dict("records"):
        if is_missing(row[order]):
            continue
        s: list[Part] = [_link(row[ident], row.get("html_url"))]
        if speed and not is_missing(row[speed]):
            s += [Part(" gains "), Part(f"{float(row[speed]):,.0f}", strong=True)]
            s.append(Part(" stars a week"))
            if gained and not is_missing(row[gained]):
                s += [Part(" ("), Part(f"{float(row[gained]):,.0f}", strong=True)]
                s.append(Part(f" {_GAINED_WINDOWS.get(gained, f'({column_label(gained)})')})"))
        elif gained and not is_missing(row[gained]):
            s += [Part(" gained "), Part(f"{float(row[gained]):,.0f}", strong=True)]
            s.append(Part(f" stars {_GAINED_WINDOWS.get(gained, f'({column_label(gained)})')}"))
        if stars and not is_missing(row[stars]) and float(row[stars]) > 0:
            if share and not is_missing(row[share]):
                pct = 100 * float(row[share])
                s += [Part("; "), Part(f"{pct:.0f} %", strong=True), Part(" of its ")]
                s += [_num(row[stars]), Part(" stars came in the last quarter")]
            elif gained and not is_missing(row[gained]):
                pct = 100 * float(row[gained]) / float(row[stars])
                s += [Part("; that is "), Part(f"{pct:.0f} %", strong=True), Part(" of its ")]
                s += [_num(row[stars]), Part(" stars")]
        who = str(row[ident])
        if who in by_total:
            s.append(Part(f" (#{by_total.index(who) + 1:,} by total stars)"))
        elif by_total:
            s.append(Part(f" (not in the top {len(by_total):,} by total stars)"))
        cls = row.get("growth_class")
        if isinstance(cls, str) and cls:
            s.append(Part(f" [{cls}]"))
        sentences.append(s + _in_scope(scope, labels) + [Part(".")])
    return sentences


def _exploding_from_series(title, scope, notes, star_series) -> Finding:
    """Fallback when no board has growth columns: the last 4 weeks of the chart series."""
    recent = _recent_gains(star_series)
    if recent.empty:
        return Finding(title, _missing_growth(scope, notes))
    sentences = []
    by_total = recent.sort_values("total", ascending=False)["full_name"].tolist()
    for row in recent.sort_values("gained", ascending=False).head(3).to_dict("records"):
        share = 100 * row["gained"] / row["total"] if row["total"] else 0.0
        sentences.append(
            [
                _link(row["full_name"], f"https://github.com/{row['full_name']}"),
                Part(" gained "),
                _num(row["gained"]),
                Part(" stars in the last 4 weeks of its star history, "),
                Part(f"{share:.0f} %", strong=True),
                Part(" of its "),
                _num(row["total"]),
                Part(f" (#{by_total.index(row['full_name']) + 1} by total among charted repos)."),
            ]
        )
    return Finding(title, sentences)


def _missing_growth(scope, notes) -> list[list[Part]]:
    note = notes.get(f"{scope}/repos") if scope else None
    text = "No growth numbers on this run (no stars-gained column and no star history)"
    return [[Part(text + (f": {note}." if note else "."))]]


def cycle_peaks(df: pd.DataFrame) -> pd.DataFrame:
    """Each group's peak month in a modality_cycles frame (group, month, stars_gained)."""
    needed = {"group", "month", "stars_gained"}
    if df is None or df.empty or not needed <= set(df.columns):
        return pd.DataFrame(columns=["group", "month", "stars_gained", "total"])
    data = df.assign(stars_gained=pd.to_numeric(df["stars_gained"], errors="coerce"))
    data = data.dropna(subset=["stars_gained"])
    if data.empty:
        return pd.DataFrame(columns=["group", "month", "stars_gained", "total"])
    idx = data.groupby("group")["stars_gained"].idxmax()
    peaks = data.loc[idx, ["group", "month", "stars_gained"]].copy()
    peaks["total"] = peaks["group"].map(data.groupby("group")["stars_gained"].sum())
    return peaks.sort_values("month", kind="stable").reset_index(drop=True)


def _cycle_findings(boards, notes, labels, snapshot_date: str | None = None) -> Finding:
    title = "Modality cycles: when each group peaked"
    scope, df = _board_for(boards, "modality_cycles")
    peaks = cycle_peaks(df) if df is not None else cycle_peaks(pd.DataFrame())
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
                Part(format_value(month), strong=True),
                Part(" with "),
                _num(row["stars_gained"], "stars_gained"),
                Part(f" stars gained{so_far} ("),
                _num(row["total"], "stars_gained"),
                Part(" over the whole series)."),
            ]
        )
    return Finding(title, sentences)


_PLACE_LABELS = {
    "companies": ("Companies and labs", "company"),
    "universities": ("Universities", "university"),
    "countries": ("Countries", "country"),
}
PLACES_IN_FINDINGS = 5


def _places_findings(boards, notes, labels) -> Finding:
    """One sentence per place board: the places with most of the people board's people."""
    title = "Where the most powerful developers are"
    sentences = []
    for board, (label, column) in _PLACE_LABELS.items():
        scope, df = _board_for(boards, board)
        if df is None or df.empty:
            sentences.append(_missing_sentence(label.lower(), scope, notes, board))
            continue
        first = df.iloc[0]
        top = round(first["n_people"] / first["share_of_top"]) if first["share_of_top"] else 0
        parts = [Part(f"{label} of the top {top:,}: ", strong=True)]
        for i, row in enumerate(df.head(PLACES_IN_FINDINGS).to_dict("records")):
            name = row.get("country_name") or row[column]
            parts += [Part(", " if i else ""), Part(str(name), strong=True), Part(" ")]
            parts += [_num(row["n_people"]), Part(f" (best #{int(row['best_rank'])})")]
        note = notes.get(f"{scope}/{board}")
        parts += _in_scope(scope, labels)
        parts.append(Part(f"; {note}." if note else "."))
        sentences.append(parts)
    return Finding(title, sentences)


def build_findings(boards_by_scope, notes, context) -> list[Finding]:
    """Counter-intuitive results first: gems, cross-modal, lightning, exploding, cycles; then
    where the strongest people work, study and live."""
    labels = context.get("group_labels") or {}
    return [
        _hidden_gem_findings(boards_by_scope, notes, labels),
        _cross_modal_findings(boards_by_scope, notes, labels),
        _lightning_findings(boards_by_scope, notes, labels),
        _exploding_findings(boards_by_scope, notes, labels, context.get("star_series")),
        _cycle_findings(boards_by_scope, notes, labels, context.get("date")),
        _places_findings(boards_by_scope, notes, labels),
    ]


# --------------------------------------------------------------------------- charts


def _figure_html(fig, div_id: str) -> Markup:
    import plotly.io as pio

    fig.update_layout(
        template="plotly_white",
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        height=420,
        legend={"font": {"size": 11}},
    )
    html = pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )
    # plotly's JSON escapes "<", ">" and "/" inside strings, so data cannot close the script.
    return Markup(html)


def growth_chart(
    star_series: pd.DataFrame | None,
    div_id: str,
    repos: Iterable[str] | None = None,
    limit: int = GROWTH_CHART_REPOS,
) -> Markup | None:
    """Cumulative stars per week for the top ``limit`` repositories (optionally a subset)."""
    import plotly.graph_objects as go

    needed = {"full_name", "week", "cumulative_stars"}
    if star_series is None or star_series.empty or not needed <= set(star_series.columns):
        return None
    data = star_series
    if repos is not None:
        data = data[data["full_name"].isin(set(repos))]
    if data.empty:
        return None
    data = data.assign(
        week=pd.to_datetime(data["week"], errors="coerce"),
        cumulative_stars=pd.to_numeric(data["cumulative_stars"], errors="coerce"),
    ).dropna(subset=["week", "cumulative_stars"])
    top = (
        data.groupby("full_name")["cumulative_stars"].max().sort_values(ascending=False).head(limit)
    )
    fig = go.Figure()
    for name in top.index:
        g = data[data["full_name"] == name].sort_values("week")
        fig.add_trace(
            go.Scatter(
                x=g["week"],
                y=g["cumulative_stars"],
                mode="lines",
                name=str(name),
                hovertemplate="%{x|%Y-%m-%d}: %{y:,} stars<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title=f"Star growth of the top {len(top)} repositor{'y' if len(top) == 1 else 'ies'}",
        yaxis_title="stars (cumulative)",
        yaxis_tickformat=",",
        yaxis_rangemode="tozero",
    )
    return _figure_html(fig, div_id)


def cycles_chart(df: pd.DataFrame | None, labels: Mapping[str, str], div_id: str) -> Markup | None:
    """Stars gained per group per month, one line per group, each group's peak marked."""
    import plotly.graph_objects as go

    if df is None or df.empty or not {"group", "month", "stars_gained"} <= set(df.columns):
        return None
    data = df.assign(
        month=pd.to_datetime(df["month"], errors="coerce"),
        stars_gained=pd.to_numeric(df["stars_gained"], errors="coerce"),
    ).dropna(subset=["month", "stars_gained"])
    if data.empty:
        return None
    fig = go.Figure()
    colors = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d"]
    for i, (group, g) in enumerate(data.groupby("group", sort=True)):
        g = g.sort_values("month")
        label = str(labels.get(group, group))
        color = colors[i % len(colors)]
        fig.add_trace(
            go.Scatter(
                x=g["month"],
                y=g["stars_gained"],
                mode="lines",
                name=label,
                line={"color": color, "width": 2},
                hovertemplate="%{x|%Y-%m}: %{y:,} stars gained<extra>%{fullData.name}</extra>",
            )
        )
        peak = g.loc[g["stars_gained"].idxmax()]
        fig.add_trace(
            go.Scatter(
                x=[peak["month"]],
                y=[peak["stars_gained"]],
                mode="markers+text",
                marker={"color": color, "size": 11, "symbol": "star"},
                text=[f"peak {peak['month']:%Y-%m}"],
                textposition="top center",
                name=f"{label} peak",
                showlegend=False,
                hovertemplate="peak %{x|%Y-%m}: %{y:,}<extra>" + "%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        title="Stars gained per month, by keyword group (★ = peak)",
        yaxis_title="stars gained",
        yaxis_tickformat=",",
        yaxis_rangemode="tozero",
    )
    return _figure_html(fig, div_id)


# --------------------------------------------------------------------------- top terms


def terms_summary(df: pd.DataFrame, labels: Mapping[str, str], per_group: int = 12):
    """[(group label, period, [Part...])]: the top terms per group (and period), or None."""
    term = pick_column(df, ("term", "word", "token"), ("term", "word"))
    if term is None:
        return None
    count = pick_column(
        df, ("n_repos", "count", "n", "weight"), ("count", "freq", "n_"), numeric=True
    )
    keys = [c for c in ("group", "period") if c in df.columns]
    data = df
    if "rank" in df.columns:
        data = df.sort_values("rank", kind="stable")
    elif count:
        data = df.sort_values(count, ascending=False, kind="stable")
    if "period" in df.columns:
        # "all" first, then periods newest first: the current picture before the history.
        period = df["period"].astype(str)
        order = period.where(period != "all", "~")  # "~" sorts after digits
        data = data.assign(_order=order).sort_values("_order", ascending=False, kind="stable")
    frames = data.groupby(keys, sort=False) if keys else [((), data)]
    out = []
    for key, g in frames:
        key = key if isinstance(key, tuple) else (key,)
        named = dict(zip(keys, key, strict=False))
        parts: list[Part] = []
        for i, row in enumerate(g.head(per_group).to_dict("records")):
            if i:
                parts.append(Part(" · "))
            parts.append(Part(format_value(row[term]), strong=True))
            if count and not is_missing(row[count]):
                parts.append(Part(f" ({format_value(row[count], count)})"))
        group = named.get("group")
        label = "all groups" if group is None else scope_label(str(group), labels)
        if group == "overall":
            label = "Overall"
        out.append((label, str(named.get("period", "all")), parts))
    group_rank = {}
    for label, _, _ in out:
        group_rank.setdefault(label, len(group_rank))
    out.sort(key=lambda item: group_rank[item[0]])  # stable: periods stay in order
    shown: dict[str, int] = {}
    kept = []
    for item in out:  # all time plus the latest few periods per group; the CSV has the rest
        shown[item[0]] = shown.get(item[0], 0) + 1
        if shown[item[0]] <= TERM_PERIODS_SHOWN:
            kept.append(item)
    return kept


# --------------------------------------------------------------------------- the report


NOT_REQUESTS = ("cache", "retries", "rate_limit_waits")


def _requests_summary(requests: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    if not requests:
        return []
    items = []
    for kind, count in requests.items():
        items.append((column_label(str(kind)), format_value(count)))
    return items


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _with_group_labels(df: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """A ``group`` column shown with the group labels from the config, not the slugs."""
    if "group" not in df.columns or not labels:
        return df
    return df.assign(group=df["group"].map(lambda g: labels.get(g, g) if isinstance(g, str) else g))


def render_report(
    boards: Mapping[str, pd.DataFrame],
    notes: Mapping[str, str],
    context: Mapping[str, Any],
) -> str:
    """A self-contained HTML report: findings first, then every scope's boards and charts."""
    import plotly.offline

    notes = dict(notes or {})
    labels = dict(context.get("group_labels") or {})
    by_scope = group_boards(boards, labels)
    star_series = context.get("star_series")
    scopes = []
    for scope, scoped in by_scope.items():
        suffix = "" if scope == "overall" else f"-{scope}"
        section: dict[str, Any] = {
            "id": f"scope-{scope}",
            "label": scope_label(scope, labels),
            "boards": [],
            "growth": None,
        }
        repos = scoped.get("repos")
        subset = None
        if scope != "overall" and repos is not None and "full_name" in repos.columns:
            subset = repos["full_name"].dropna().astype(str).tolist()
        if scope == "overall" or subset:
            section["growth"] = growth_chart(star_series, f"chart-growth{suffix}", subset)
        for board, df in scoped.items():
            key = f"{scope}/{board}"
            entry: dict[str, Any] = {
                "key": key,
                "title": BOARD_TITLES.get(board, column_label(board).capitalize()),
                "note": notes.get(key),
                "empty": df is None or df.empty,
                "table": None,
                "chart": None,
                "terms": None,
            }
            if not entry["empty"]:
                if board == "modality_cycles":
                    entry["chart"] = cycles_chart(df, labels, f"chart-cycles{suffix}")
                    peaks = cycle_peaks(df)
                    if "modality_peaks" in scoped:
                        pass  # the builder's own peaks board follows
                    elif not peaks.empty:
                        peaks = peaks.rename(
                            columns={"stars_gained": "peak_stars_gained", "total": "total_gained"}
                        )
                        peaks["month"] = pd.to_datetime(peaks["month"]).dt.strftime("%Y-%m")
                        peaks["group"] = peaks["group"].map(lambda g: labels.get(g, g))
                        entry["table"] = build_table(key, peaks)
                    if entry["chart"] is None:
                        entry["table"] = build_table(key, df)
                elif board == "top_terms":
                    entry["terms"] = terms_summary(df, labels)
                    if entry["terms"] is None:
                        entry["table"] = build_table(key, df)
                else:
                    entry["table"] = build_table(key, _with_group_labels(df, labels))
            section["boards"].append(entry)
        scopes.append(section)
    total_requests = None
    requests = context.get("requests") or {}
    # Answers from today's cache, retries and waits are not requests GitHub saw.
    numeric_counts = [
        v for k, v in requests.items() if isinstance(v, int | float) and k not in NOT_REQUESTS
    ]
    if numeric_counts:
        total_requests = format_value(sum(numeric_counts))
    template = _environment().get_template("report.html.j2")
    return template.render(
        date=context.get("date") or "",
        source_note=context.get("source_note"),
        requests=_requests_summary(requests),
        total_requests=total_requests,
        findings=build_findings(by_scope, notes, context),
        scopes=scopes,
        plotly_js=Markup(plotly.offline.get_plotlyjs()),
        row_limit=REPORT_ROW_LIMIT,
        other_notes=[(k, v) for k, v in notes.items() if k not in boards],
    )


# --------------------------------------------------------------------------- Markdown


def _md_escape(text: str) -> str:
    text = re.sub(r"\s*[\r\n]+\s*", " ", text)
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _md_link(text: str, url: str) -> str:
    label = _md_escape(text).replace("[", "\\[").replace("]", "\\]")
    target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("|", "%7C")
    return f"[{label}]({target})"


def board_markdown(
    df: pd.DataFrame, limit: int = 10, *, columns: Sequence[str] | None = None
) -> str:
    """A Markdown table of the first ``limit`` rows (optionally only ``columns``), links as links."""
    if df is None or len(df.columns) == 0:
        return "_(empty board: no columns)_"
    shown, ident = _display_columns(df)
    if columns is not None:
        unknown = [c for c in columns if c not in df.columns]
        if unknown:
            raise ValueError(
                f"board_markdown: no column {unknown}; the board has {list(df.columns)}"
            )
        shown = [c for c in columns if c != "html_url" or ident is None]
    columns = shown
    lines = [
        "| " + " | ".join(_md_escape(column_label(c)) for c in columns) + " |",
        "| "
        + " | ".join("---:" if pd.api.types.is_numeric_dtype(df[c]) else "---" for c in columns)
        + " |",
    ]
    for record in df.head(limit).to_dict("records"):
        cells = []
        for c in columns:
            value = record[c]
            text = format_value(value, c)
            url = None
            if c == ident:
                url = safe_url(record.get("html_url"))
            elif str(c).endswith("_url"):
                url = safe_url(value)
            cells.append(_md_link(text, url) if url else _md_escape(text))
        lines.append("| " + " | ".join(cells) + " |")
    if df.empty:
        lines.append("")
        lines.append("_(no rows)_")
    elif len(df) > limit:
        lines.append("")
        more = len(df) - limit
        lines.append(f"_… {more:,} more row{'s' if more > 1 else ''}_")
    return "\n".join(lines)
