"""The report page and the per-person / per-repository pages, rendered with jinja2
(autoescape on)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ghtalent.boards.lacking import what_lacked
from ghtalent.boards.movement import SUBJECT, Previous, board_movement
from ghtalent.boards.report import charts, detail
from ghtalent.boards.report.findings import build_findings, cycle_peaks
from ghtalent.boards.report.labels import board_title, scope_title, section_title
from ghtalent.boards.report.pages import PEOPLE_DIR, REPOS_DIR, Pages, page_slug
from ghtalent.boards.report.tables import REPORT_ROW_LIMIT, SCOPE_ROW_LIMIT, build_table
from ghtalent.boards.report.terms import terms_summary
from ghtalent.boards.report.text import Part, column_label, format_value, split_key

TEMPLATES_DIR = Path(__file__).parent / "templates"
BOARD_ORDER = (
    "people_power", "team_power", "hidden_gems", "cross_modal", "lightning", "repos", "growth",
    "star_fork", "star_fork_people", "companies", "universities", "countries", "modality_cycles",
    "modality_peaks", "top_terms",
)  # fmt: skip
NOT_REQUESTS = ("cache", "retries", "rate_limit_waits")
MOVEMENT_BOARDS = ("people_power", "hidden_gems", "team_power", "repos")
REPOS_PER_PERSON_PAGE = 3  # a person's top repositories get a page too


def _scope_sort_key(scope: str, group_labels: Mapping[str, str]) -> tuple[int, int, str]:
    if scope == "overall":
        return (0, 0, scope)
    order = list(group_labels)
    return (1, order.index(scope) if scope in order else len(order), scope)


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


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates' environment, built once: each template is compiled once per process."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _asset(name: str) -> Markup:
    """A stylesheet or script beside the templates, inlined so every page opens offline."""
    return Markup((TEMPLATES_DIR / name).read_text(encoding="utf-8"))


def plan_pages(boards: Mapping[str, pd.DataFrame], inputs: detail.Inputs | None) -> Pages:
    """Who and what gets a page: everyone on a people board, every repository on a repo board
    and each paged person's top repositories."""
    if inputs is None:
        return Pages()
    logins: dict[str, str] = {}
    repos: dict[str, str] = {}
    for key, df in boards.items():
        kind = key.rsplit("/", 1)[-1]
        if df is None or df.empty:
            continue
        if kind in detail.PEOPLE_KINDS:
            logins.update({str(x).lower(): str(x) for x in df["login"].dropna()})
        elif kind in detail.REPO_KINDS:
            repos.update({str(x).lower(): str(x) for x in df["full_name"].dropna()})
    credits = inputs.credits
    mine = credits[credits["login"].str.lower().isin(logins)]
    top = (
        mine.sort_values("credited_stars", ascending=False)
        .groupby("login")
        .head(REPOS_PER_PERSON_PAGE)
    )
    repos.update({str(x).lower(): str(x) for x in top["full_name"]})
    return Pages(logins.values(), repos.values())


def _requests(context: Mapping[str, Any]) -> tuple[list[tuple[str, str]], str | None]:
    requests = context.get("requests") or {}
    items = [(column_label(str(k)), format_value(v)) for k, v in requests.items()]
    # Answers from today's cache, retries and waits are not requests GitHub saw.
    counts = [
        v for k, v in requests.items() if isinstance(v, int | float) and k not in NOT_REQUESTS
    ]
    return items, (format_value(sum(counts)) if counts else None)


def _movement_section(boards, previous: Previous | None, labels, pages: Pages):
    """Sentences on who entered and who moved most, or why there is nothing to compare."""
    if previous is None or previous.date is None:
        return None, [[Part("This is the first snapshot: there is nothing to compare yet.")]]
    sentences = []
    for kind in MOVEMENT_BOARDS:
        key = f"overall/{kind}"
        df = boards.get(key)
        if df is None or df.empty or "movement" not in df:
            continue
        moved = board_movement(key, df, previous)
        subject = SUBJECT[kind]
        title = board_title(kind)[0]

        def who(row, subject=subject):
            page = pages.person(row[subject]) if subject == "login" else pages.repo(row[subject])
            return Part(str(row[subject]), href=page or row.get("html_url"))

        parts: list[Part] = [Part(f"{title}: ", strong=True)]
        if moved.entered:
            parts.append(Part(f"{sum(df['movement'] == 'new')} entered ("))
            for i, row in enumerate(moved.entered):
                parts += [Part(", " if i else ""), who(row), Part(f" #{row['rank']}")]
            parts.append(Part(")"))
        else:
            parts.append(Part("nobody entered"))
        if moved.risers:
            parts.append(Part("; rose most: "))
            for i, row in enumerate(moved.risers[:3]):
                parts += [Part(", " if i else ""), who(row)]
                parts.append(Part(f" {row['movement']} to #{row['rank']}", strong=True))
        if moved.fallers:
            parts.append(Part("; fell most: "))
            for i, row in enumerate(moved.fallers[:3]):
                parts += [Part(", " if i else ""), who(row)]
                parts.append(Part(f" {row['movement']} to #{row['rank']}", strong=True))
        if moved.left:
            shown = ", ".join(f"{s} (was #{r})" for s, r in moved.left[:3])
            parts.append(Part(f"; left the board: {shown}"))
        if not (moved.entered or moved.risers or moved.fallers or moved.left):
            parts = [Part(f"{title}: ", strong=True), Part("no change")]
        sentences.append(parts + [Part(".")])
    return previous.date, sentences


def _lacked(context, notes, boards) -> list[dict]:
    """Run-wide notes, then every repository that lacked a contributor list or history."""
    out = [
        {"title": "inputs" if k == "inputs" else k, "text": v, "names": []}
        for k, v in notes.items()
        if k not in boards
    ]
    inputs = context.get("inputs") or {}
    on_boards = {
        str(x).lower()
        for key, df in boards.items()
        if key.rsplit("/", 1)[-1] in detail.PEOPLE_KINDS and df is not None and "login" in df
        for x in df["login"].dropna()
    }
    for lack in what_lacked(
        inputs.get("repos"),
        inputs.get("contributors"),
        inputs.get("star_history"),
        inputs.get("profiles"),
        on_boards,
    ):
        people = lack.what == "readable homepage"
        names = [
            (
                n,
                f"https://github.com/{n.split(' ')[0]}",
                "" if s is None else f"{s:,}★",
            )
            for n, s in lack.names
        ]
        what = "people on a board" if people else "repositor" + ("y" if len(names) == 1 else "ies")
        out.append(
            {
                "title": f"no {lack.what} for {len(names)} {what}",
                "text": lack.consequence,
                "names": names,
            }
        )
    return out


def render_report(
    boards: Mapping[str, pd.DataFrame],
    notes: Mapping[str, str],
    context: Mapping[str, Any],
    pages: Pages | None = None,
) -> str:
    """A self-contained HTML report: movement and findings first, then every scope's boards."""
    notes = dict(notes or {})
    labels = dict(context.get("group_labels") or {})
    if pages is None:
        pages = plan_pages(boards, detail.load_inputs(context))
    by_scope = group_boards(boards, labels)
    star_series = context.get("star_series")
    previous: Previous | None = context.get("previous")
    prev_date = previous.date if previous else None
    scopes = []
    for scope, scoped in by_scope.items():
        suffix = "" if scope == "overall" else f"-{scope}"
        en, zh = scope_title(scope, labels)
        section: dict[str, Any] = {
            "id": f"scope-{scope}", "label": en, "zh": zh, "boards": [], "growth": None,
        }  # fmt: skip
        repos = scoped.get("repos")
        subset = None
        if scope != "overall" and repos is not None and "full_name" in repos.columns:
            subset = repos["full_name"].dropna().astype(str).tolist()
        if scope == "overall" or subset:
            lines = charts.growth_lines(star_series, subset, pages=pages)
            n = len(lines)
            section["growth"] = charts.line_chart(
                lines,
                f"chart-growth{suffix}",
                f"Star growth of the top {n} repositor{'y' if n == 1 else 'ies'}",
                "stars (cumulative)",
            )
        for board, df in scoped.items():
            key = f"{scope}/{board}"
            title, title_zh = board_title(board)
            entry: dict[str, Any] = {
                "key": key,
                "id": "section-" + key.replace("/", "-"),
                "title": title,
                "zh": title_zh,
                "note": notes.get(key),
                "empty": df is None or df.empty,
                "rows": 0 if df is None else len(df),
                "table": None,
                "chart": None,
                "terms": None,
            }
            if not entry["empty"]:
                if board == "modality_cycles":
                    entry["chart"] = charts.line_chart(
                        charts.cycle_lines(df, labels),
                        f"chart-cycles{suffix}",
                        "Stars gained per month, by keyword group (● = peak)",
                        "stars gained",
                    )
                    if "modality_peaks" not in scoped:
                        peaks = cycle_peaks(df).rename(
                            columns={"stars_gained": "peak_stars_gained", "total": "total_gained"}
                        )
                        peaks["month"] = pd.to_datetime(peaks["month"]).dt.strftime("%Y-%m")
                        peaks["group"] = peaks["group"].map(lambda g: labels.get(g, g))
                        entry["table"] = build_table("overall/modality_peaks", peaks, pages)
                elif board == "top_terms":
                    entry["terms"] = terms_summary(df, labels)
                else:
                    shown = df
                    if "group" in df.columns and labels:
                        shown = df.assign(
                            group=df["group"].map(
                                lambda g: labels.get(g, g) if isinstance(g, str) else g
                            )
                        )
                    limit = REPORT_ROW_LIMIT if key.startswith("overall/") else SCOPE_ROW_LIMIT
                    entry["table"] = build_table(key, shown, pages, limit, prev_date)
            section["boards"].append(entry)
        scopes.append(section)
    requests, total = _requests(context)
    movement_date, movement = _movement_section(boards, previous, labels, pages)
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            date=context.get("date") or "",
            source_note=context.get("source_note"),
            requests=requests,
            total_requests=total,
            movement=movement,
            movement_date=movement_date,
            findings=build_findings(by_scope, notes, context, pages),
            scopes=scopes,
            row_limit=REPORT_ROW_LIMIT,
            lacked=_lacked(context, notes, boards),
            titles={s: section_title(s) for s in ("findings", "movement", "lacked", "contents")},
            has_pages=bool(pages.logins),
            css=_asset("report.css"),
            js=_asset("report.js"),
        )
    )


def render_pages(
    boards: Mapping[str, pd.DataFrame],
    context: Mapping[str, Any],
    pages: Pages,
    inputs: detail.Inputs | None = None,
) -> dict[str, str]:
    """{relative path: HTML} of every person and repository page (``inputs``: the context's,
    when the caller has loaded them already)."""
    inputs = inputs if inputs is not None else detail.load_inputs(context)
    if inputs is None:
        return {}
    inputs = inputs.focused(pages)  # records for the pages' own logins and repositories
    labels = dict(context.get("group_labels") or {})
    env = environment()
    date = context.get("date") or ""
    from_page = pages.relative_to("../")
    people_ranks = detail.ranks_of(boards, "login", detail.PEOPLE_KINDS, labels)
    repo_ranks = detail.ranks_of(boards, "full_name", detail.REPO_KINDS, labels)
    person_t = env.get_template("person.html.j2")
    repo_t = env.get_template("repo.html.j2")
    out: dict[str, str] = {}
    for login in pages.logins.values():
        page = detail.person_page(login, inputs, people_ranks.get(login.lower(), []), from_page)
        html = person_t.render(p=page, date=date)
        out[f"{PEOPLE_DIR}/{page_slug(login)}.html"] = html
    for name in pages.repos.values():
        page = detail.repo_page(name, inputs, repo_ranks.get(name.lower(), []), from_page)
        out[f"{REPOS_DIR}/{page_slug(name)}.html"] = repo_t.render(r=page, date=date)
    out["report.css"] = str(_asset("report.css"))  # the pages' one stylesheet
    return out
