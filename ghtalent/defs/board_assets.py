"""scores (per keyword) and boards (per date: overall + one per keyword group), with checks."""

import resource
import time
from collections import Counter
from dataclasses import dataclass

import dagster as dg
import pandas as pd
from dagster import AssetExecutionContext

from ghtalent.boards.academic import academic_of_date, add_academic_columns
from ghtalent.boards.background import frozen_heap
from ghtalent.boards.build import Boards, build_boards
from ghtalent.boards.export import export_boards
from ghtalent.boards.movement import Previous, add_movement, previous_snapshot
from ghtalent.boards.report import board_markdown
from ghtalent.boards.series import star_series
from ghtalent.defs.academic_assets import openalex_requests_of_date
from ghtalent.defs.checks import BOARD_CHECK_DESCRIPTIONS, SCORE_CHECKS, score_checks
from ghtalent.defs.partitions import (
    PARTITION_EXPR,
    date_partitions,
    keyword_config,
    keyword_date_partitions,
    split_key,
)
from ghtalent.inbox import apply_curations, load_curations
from ghtalent.paths import data_dir, exports_dir, warehouse_path
from ghtalent.provenance import (
    clean_stale_exports,
    source_note,
    write_readme,
    x_followers_note,
)
from ghtalent.scoring.config import ScoringConfig, load_scoring_config
from ghtalent.scoring.gems import hidden_gems
from ghtalent.scoring.power import person_power
from ghtalent.tables import settle
from ghtalent.warehouse import read_warehouse

BY_DATE = dg.MultiToSingleDimensionPartitionMapping(partition_dimension_name="date")
PEOPLE_BOARDS = ("people_power", "hidden_gems", "cross_modal")
SCORE_COLUMNS = {"power_score": (0.0, 100.0), "gem_score": (0.0, float("inf"))}  # + bonus cap


@dg.asset(
    partitions_def=keyword_date_partitions,
    group_name="boards",
    metadata=PARTITION_EXPR,
    kinds={"pandas", "duckdb"},
    pool="warehouse",  # one DuckDB writer at a time (dagster.yaml)
    check_specs=SCORE_CHECKS,
)
def scores(
    context: AssetExecutionContext,
    keyword_repos: pd.DataFrame,
    contributors: pd.DataFrame,
    enriched_profiles: pd.DataFrame,
):
    """Everyone's power and hidden-gem score within the keyword (config/scoring.toml)."""
    date, slug = split_key(context)
    cfg = load_scoring_config()
    keyword_repos, contributors, enriched_profiles, applied = curated(
        date, keyword_repos, contributors, enriched_profiles
    )
    power = person_power(keyword_repos, contributors, enriched_profiles, cfg)
    gems = hidden_gems(keyword_repos, contributors, enriched_profiles, cfg, power=power)
    frame = power.merge(
        gems[["login", "gem_score", "twitter_followers_known"]],
        on="login",
        how="left",
    )
    frame.insert(0, "date", pd.Timestamp(date))
    frame.insert(1, "keyword", slug)
    frame = settle(frame)
    yield dg.Output(
        frame,
        metadata={
            "rows": dg.MetadataValue.int(len(frame)),
            "curations_applied": dg.MetadataValue.int(applied),
            "preview": dg.MetadataValue.md(
                board_markdown(
                    frame[["rank", "login", "power_score", "gem_score", "top_repos", "html_url"]]
                )
            ),
        },
    )
    yield from score_checks(frame)


def curated(
    date: str, repos: pd.DataFrame, contributors: pd.DataFrame, profiles: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, int]:
    """The scoring inputs with the curated corrections from data/inbox applied, keyword by
    keyword; answers the three tables and how many curation files applied."""
    slugs = sorted(repos["keyword"].dropna().unique())
    if not slugs:
        return repos, contributors, profiles, 0
    found = {s: load_curations(data_dir() / "curation", date, s, keyword_config) for s in slugs}
    if not any(found.values()):
        # Nothing to correct: each table keyword by keyword, as the parts would be put together.
        return (*(_by_keyword(df, slugs) for df in (repos, contributors, profiles)), 0)
    parts = [
        apply_curations(
            repos[repos["keyword"] == slug],
            contributors[contributors["keyword"] == slug],
            profiles[profiles["keyword"] == slug],
            found[slug],
        )
        for slug in slugs
    ]
    applied = sum(len(f) for f in found.values())
    return (*(pd.concat([p[i] for p in parts], ignore_index=True) for i in range(3)), applied)


def _by_keyword(df: pd.DataFrame, slugs: list[str]) -> pd.DataFrame:
    """The rows of these keywords, keyword after keyword (in order within each), numbered."""
    rows = df[df["keyword"].isin(slugs)]
    return rows.sort_values("keyword", kind="stable").reset_index(drop=True)


FETCHING_ASSETS = ("keyword_repos", "contributors", "star_history", "enriched_profiles")


def requests_of_date(instance: dg.DagsterInstance, date: str, keywords: list[str]) -> Counter:
    """Requests by kind that the latest materialization of each fetching asset of the date
    reported (the numbers the report and the demo summary show)."""
    total: Counter = Counter()
    for name in FETCHING_ASSETS:
        for slug in keywords:
            key = str(dg.MultiPartitionKey({"date": date, "keyword": slug}))
            records = instance.fetch_materializations(
                dg.AssetRecordsFilter(asset_key=dg.AssetKey(name), asset_partitions=[key]), limit=1
            ).records
            if records:
                metadata = records[0].asset_materialization.metadata
                if "requests" in metadata:
                    total.update(metadata["requests"].value)
    return total


def daily_star_snapshots(date: str) -> pd.DataFrame | None:
    """The pipeline's own daily star counts up to `date` (exact crossing dates when they cover one)."""
    return read_warehouse(
        "SELECT date, full_name, max(stars) AS stars FROM ghtalent.keyword_repos "
        "WHERE date <= ? GROUP BY date, full_name",
        [pd.Timestamp(date)],
    )


def _checks(boards: dict[str, pd.DataFrame], bonus_cap: float) -> list[dg.AssetCheckResult]:
    bots = [
        f"{key}: {login}"
        for key, df in boards.items()
        if key.rsplit("/", 1)[-1] in PEOPLE_BOARDS and "login" in df
        for login in df["login"].dropna()
        if str(login).lower().endswith("[bot]")
    ]
    no_url = [
        key
        for key, df in boards.items()
        if "html_url" in df and len(df) and df["html_url"].isna().any()
    ]
    out_of_range = [
        f"{key}.{column}"
        for key, df in boards.items()
        for column, (low, high) in SCORE_COLUMNS.items()
        if column in df
        and len(df)
        and not df[column]
        .dropna()
        .between(low, high * (1 + bonus_cap) if column == "power_score" else high)
        .all()
    ]
    twice = [
        key
        for key, df in boards.items()
        if key.startswith("overall/")
        and key.rsplit("/", 1)[-1] in ("people_power", "team_power", "hidden_gems")
        and "login" in df
        and df["login"].duplicated().any()
    ]
    core = [k for k in boards if k.rsplit("/", 1)[-1] in ("people_power", "repos")]
    empty = [key for key in core if boards[key].empty]
    return [
        dg.AssetCheckResult(
            check_name="no_bots_on_people_boards",
            passed=not bots,
            metadata={"offenders": dg.MetadataValue.json(bots[:20])},
        ),
        dg.AssetCheckResult(
            check_name="every_row_has_a_url",
            passed=not no_url,
            metadata={"boards": dg.MetadataValue.json(no_url)},
        ),
        dg.AssetCheckResult(
            check_name="scores_in_range",
            passed=not out_of_range,
            metadata={"columns": dg.MetadataValue.json(out_of_range)},
        ),
        dg.AssetCheckResult(
            check_name="nobody_twice_on_overall",
            passed=not twice,
            metadata={"boards": dg.MetadataValue.json(twice)},
        ),
        dg.AssetCheckResult(
            check_name="no_empty_board",
            passed=not empty,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={"empty": dg.MetadataValue.json(empty)},
        ),
    ]


class _PhaseClock:
    """Wall and CPU seconds of the phases of a step, for its metadata: the CPU of this process,
    of the second processes it waited for (`cpu_children`), and this process's minor page
    faults (memory first touched, or copied after a fork)."""

    def __init__(self) -> None:
        self.laps: dict[str, dict[str, float]] = {}
        self._last = self._now()

    @staticmethod
    def _now() -> tuple[float, float, float, int]:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        own = resource.getrusage(resource.RUSAGE_SELF)
        return (
            time.perf_counter(),
            time.process_time(),
            children.ru_utime + children.ru_stime,
            own.ru_minflt,
        )

    def lap(self, name: str) -> None:
        now = self._now()
        wall, cpu, children, faults = (a - b for a, b in zip(now, self._last, strict=True))
        self.laps[name] = {
            "wall": round(wall, 3),
            "cpu": round(cpu, 3),
            "cpu_children": round(children, 3),
            "minor_faults": int(faults),
        }
        self._last = now


def long_format(date: str, boards: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every board row as (date, board, rank, subject, url, row JSON): one queryable table."""
    parts = []
    for key, df in boards.items():
        if df.empty:
            continue
        subject = next(
            (
                c
                for c in ("login", "full_name", "company", "university", "country", "group", "term")
                if c in df
            ),
            None,
        )
        # One JSON object per row, written by one to_json call per board (not one per row).
        lines = df.reset_index(drop=True).to_json(
            orient="records", lines=True, date_format="iso", force_ascii=False
        )
        rank = df["rank"] if "rank" in df else pd.Series(range(1, len(df) + 1), index=df.index)
        parts.append(
            pd.DataFrame(
                {
                    "date": pd.Timestamp(date),
                    "board": key,
                    "rank": rank.to_numpy(),
                    "subject": df[subject].astype(str).to_numpy() if subject else None,
                    "url": df["html_url"].to_numpy() if "html_url" in df else None,
                    "row": lines.rstrip("\n").split("\n"),
                }
            )
        )
    rows = pd.concat(parts, ignore_index=True) if parts else []
    frame = pd.DataFrame(rows, columns=["date", "board", "rank", "subject", "url", "row"])
    return settle(frame).astype({"date": "datetime64[ns]"})


@dataclass
class DateBoards:
    """The boards of one date as the `boards` step builds them, with what the export reads."""

    boards: Boards
    applied: int  # curation files applied
    inputs: dict[str, pd.DataFrame | None]  # the curated inputs (pages, contacts, lacking)
    cfg: ScoringConfig
    previous: Previous


def date_boards(
    date: str,
    keyword_repos: pd.DataFrame,
    contributors: pd.DataFrame,
    star_history: pd.DataFrame,
    enriched_profiles: pd.DataFrame,
) -> DateBoards:
    """Every board of one date: curations applied, academic columns, movement against the
    previous snapshot (the `boards` step and scripts/bench_boards.py)."""
    cfg = load_scoring_config()
    groups = {g.slug: list(g.keywords) for g in keyword_config.groups}
    keyword_repos, contributors, enriched_profiles, applied = curated(
        date, keyword_repos, contributors, enriched_profiles
    )
    built = build_boards(
        keyword_repos,
        contributors,
        star_history,
        enriched_profiles,
        groups,
        cfg,
        daily_stars=daily_star_snapshots(date),
        asof=date,
        scopes={sc.slug: list(sc.groups) for sc in keyword_config.scopes},
    )
    academic = academic_of_date(date)
    add_academic_columns(built, academic)
    previous = previous_snapshot(warehouse_path(), date)
    add_movement(built, previous)  # previous_rank + movement on every ranked board
    inputs = {
        "repos": keyword_repos,
        "contributors": contributors,
        "profiles": enriched_profiles,
        "star_history": star_history,
        "academic": academic,
        "credits": built.credits,  # the same rows the report's pages read
    }
    return DateBoards(built, applied, inputs, cfg, previous)


def report_context_of(date: str, built: DateBoards, requests: dict) -> tuple[dict, dict[str, str]]:
    """What the export reads beside the boards (labels, requests, star series, the inputs of
    the person and repository pages), and the notes it prints."""
    report_context = {
        "date": date,
        # Scope labels in report order: the configured scopes (e.g. big models), then groups.
        "group_labels": {
            **{sc.slug: sc.label for sc in keyword_config.scopes},
            **{g.slug: g.label for g in keyword_config.groups},
        },
        "requests": requests,
        "star_series": star_series(built.inputs["repos"], built.inputs["star_history"]),
        "previous": built.previous,
        "scoring": built.cfg,
        # The boards' inputs: person and repository pages, the contact sheet, what was lacking.
        "inputs": built.inputs,
        "source_note": source_note(),  # synthetic or live, said on every export
    }
    notes = dict(built.boards.notes)
    if x_note := x_followers_note():  # the report says why X counts are unknown
        notes["x_followers"] = x_note
    return report_context, notes


def export_date(date: str, built: DateBoards, notes: dict[str, str], report_context: dict):
    """The exports of one date into data/<source>/exports/<date>/ (and its README)."""
    clean_stale_exports(exports_dir(date))  # what a killed export left
    paths = export_boards(dict(built.boards), notes, report_context, exports_dir(date))
    write_readme(exports_dir(date), date)
    return paths


@dg.asset(
    partitions_def=date_partitions,
    group_name="boards",
    metadata={"partition_expr": "date"},
    ins={
        **{
            name: dg.AssetIn(partition_mapping=BY_DATE)
            for name in ("keyword_repos", "contributors", "star_history", "enriched_profiles")
        },
        # Boards follow the scores of their date but never read them: nothing to load.
        "scores": dg.AssetIn(partition_mapping=BY_DATE, dagster_type=dg.Nothing),
    },
    # Read from the warehouse when present (boards build without it): papers per person.
    deps=[dg.AssetDep("academic_profiles", partition_mapping=BY_DATE)],
    check_specs=[
        dg.AssetCheckSpec(name, asset="boards", description=BOARD_CHECK_DESCRIPTIONS[name])
        for name in (
            "no_bots_on_people_boards",
            "every_row_has_a_url",
            "scores_in_range",
            "nobody_twice_on_overall",
            "no_empty_board",
        )
    ],
    kinds={"pandas", "duckdb", "html", "excel"},
    pool="warehouse",  # one DuckDB writer at a time (dagster.yaml)
)
def boards(
    context: AssetExecutionContext,
    keyword_repos: pd.DataFrame,
    contributors: pd.DataFrame,
    star_history: pd.DataFrame,
    enriched_profiles: pd.DataFrame,
):
    """The boards of one date: overall (each repo and person once) and one per keyword group;
    exported to data/<source>/exports/<date>/ as CSV, Excel and an HTML report."""
    with frozen_heap():  # the loaded inputs are not walked by every garbage collection
        yield from _boards_step(
            context, keyword_repos, contributors, star_history, enriched_profiles
        )


def _boards_step(
    context: AssetExecutionContext,
    keyword_repos: pd.DataFrame,
    contributors: pd.DataFrame,
    star_history: pd.DataFrame,
    enriched_profiles: pd.DataFrame,
):
    date = context.partition_key
    clock = _PhaseClock()
    dated = date_boards(date, keyword_repos, contributors, star_history, enriched_profiles)
    built, applied = dated.boards, dated.applied
    keyword_repos, enriched_profiles = dated.inputs["repos"], dated.inputs["profiles"]
    clock.lap("build")
    keywords = sorted(keyword_repos["keyword"].dropna().unique().tolist())
    requests = requests_of_date(context.instance, date, keywords)
    openalex_requests = openalex_requests_of_date(context.instance, date, keywords)
    report_context, notes = report_context_of(
        date, dated, {**requests, "openalex": openalex_requests}
    )
    clock.lap("series_and_requests")
    paths = export_date(date, dated, notes, report_context)
    clock.lap("export")
    table = long_format(date, dict(built))
    clock.lap("long_format")
    previews = {
        f"board {key}": dg.MetadataValue.md(board_markdown(df))
        for key, df in built.items()
        if key.startswith("overall/") and not df.empty
    }
    yield dg.Output(
        table,
        metadata={
            "boards": dg.MetadataValue.int(len(built)),
            "curations_applied": dg.MetadataValue.int(applied),
            "empty_boards": dg.MetadataValue.json(built.empty_boards()),
            "notes": dg.MetadataValue.json(built.notes),
            "keywords": dg.MetadataValue.json(keywords),
            "distinct_repositories": dg.MetadataValue.int(keyword_repos["full_name"].nunique()),
            "distinct_people": dg.MetadataValue.int(
                enriched_profiles["login"].str.lower().nunique()
            ),
            "requests": dg.MetadataValue.json(dict(requests)),
            "openalex_requests": dg.MetadataValue.int(openalex_requests),
            # Seconds per phase of this step (wall and CPU); inputs load before the first.
            "timings": dg.MetadataValue.json(clock.laps),
            "report": dg.MetadataValue.path(str(paths["report"])),
            "excel": dg.MetadataValue.path(str(paths["excel"])),
            **previews,
        },
    )
    yield from _checks(dict(built), dated.cfg.bonus_cap)
