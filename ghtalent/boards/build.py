"""Board tables: the overall board and one sub-board per keyword group, each with evidence.

`build_boards(...)` returns `Boards`, a dict keyed `"<scope>/<kind>"`:
- scope `overall`, every configured scope (a set of groups, e.g. `big_models`) and every
  group slug: `people_power`, `team_power`, `hidden_gems`, `lightning`, `repos` (by stars),
  `growth` (same columns, by growth speed), `star_fork` (repos by stars per fork, above a
  stars floor), `star_fork_people` (people by credited stars per credited fork), and where
  the people board's people are: `companies`, `universities`, `countries`;
- `overall` only: `cross_modal`, `modality_cycles`, `modality_peaks`, `top_terms`.
Columns per kind: `BOARD_COLUMNS`. `Boards.notes` maps a board key (or `"inputs"`) to what
was missing. Empty boards keep their columns. Rules behind every number: scoring/README.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ghtalent.boards.background import Background
from ghtalent.scoring.authors import authorship
from ghtalent.scoring.config import ScoringConfig
from ghtalent.scoring.credit import commit_shares
from ghtalent.scoring.cycles import CYCLE_COLUMNS, PEAK_COLUMNS, group_peaks, modality_cycles
from ghtalent.scoring.daily import star_bursts
from ghtalent.scoring.frames import (
    dedupe_history,
    dedupe_profiles,
    dedupe_repos,
    ensure_columns,
    human_contributors,
)
from ghtalent.scoring.gems import (
    GEM_EVIDENCE_COLUMNS,
    HIDDEN_GEM_COLUMNS,
    gem_evidence,
    hidden_gems,
)
from ghtalent.scoring.growth import GROWTH_COLUMNS, growth
from ghtalent.scoring.lightning import EXACT_DAYS, LIGHTNING_COLUMNS, lightning
from ghtalent.scoring.places import PLACE_FIELDS, place_columns, places
from ghtalent.scoring.power import (
    PERSON_POWER_COLUMNS,
    TEAM_POWER_COLUMNS,
    evidence,
    person_credits,
    person_power,
    team_power,
)
from ghtalent.scoring.ratios import star_fork_ratio
from ghtalent.scoring.series import snapshots_to_star_history
from ghtalent.scoring.terms import TERM_COLUMNS, terms_by_group_period

OVERALL = "overall"
REPO_BOARD_COLUMNS = [
    "rank", "full_name", "html_url", "owner_login", "owner_url", "owner_type", "stars",
    "forks", "star_fork_ratio", "gained_week", "gained_month", "gained_quarter",
    "growth_speed", "recent_share", "growth_class", "created_at", "pushed_at", "language",
    "license", "description", "topics", "keywords", "groups", "history_complete", "star_burst",
]  # fmt: skip
STAR_FORK_COLUMNS = [
    "rank", "full_name", "html_url", "owner_login", "owner_url", "stars", "forks",
    "star_fork_ratio", "groups", "star_burst", "description",
]  # fmt: skip
STAR_FORK_PEOPLE_COLUMNS = [
    "rank", "login", "name", "html_url", "credited_stars", "credited_forks", "star_fork_ratio",
    "power_rank", "top_repos", "top_repo_urls",
]  # fmt: skip
STAR_FORK_READING = (
    "a high ratio (many stars per fork) suggests attention more than use: demos, lists, "
    "showcases; a low ratio (many forks per star) suggests people build on it: templates, "
    "courses, models to fine-tune"
)
CROSS_MODAL_COLUMNS = [
    "rank", "login", "name", "html_url", "n_groups", "groups", "best_group_rank",
    "overall_rank", "power_score", "top_repos", "top_repo_urls",
]  # fmt: skip
# Board kind → columns, in order. Group boards use the same kinds as the overall board.
BOARD_COLUMNS: dict[str, list[str]] = {
    "people_power": PERSON_POWER_COLUMNS,
    "team_power": TEAM_POWER_COLUMNS,
    "hidden_gems": HIDDEN_GEM_COLUMNS,
    "lightning": ["rank", *LIGHTNING_COLUMNS, "star_burst"],
    "repos": REPO_BOARD_COLUMNS,
    "growth": REPO_BOARD_COLUMNS,
    "star_fork": STAR_FORK_COLUMNS,
    "star_fork_people": STAR_FORK_PEOPLE_COLUMNS,
    "cross_modal": CROSS_MODAL_COLUMNS,  # + one rank_<group> column per group
    "modality_cycles": CYCLE_COLUMNS,
    "modality_peaks": PEAK_COLUMNS,
    "top_terms": TERM_COLUMNS,
    **{kind: place_columns(kind) for kind in PLACE_FIELDS},
}
SCOPED_KINDS = (
    "people_power", "team_power", "hidden_gems", "lightning", "repos", "growth", "star_fork",
    "star_fork_people", *PLACE_FIELDS,
)  # fmt: skip


class Boards(dict[str, pd.DataFrame]):
    """Board key ("overall/people_power", "<group>/repos", …) → table; `.notes` says what's thin."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: dict[str, str] = {}
        # Every (person, repo) credit row the people boards read (scoring.power.person_credits).
        self.credits: pd.DataFrame | None = None

    def note(self, key: str, text: str) -> None:
        """Add a human-readable note to a board (or "inputs" for the whole run)."""
        self.notes[key] = f"{self.notes[key]}; {text}" if key in self.notes else text

    def empty_boards(self) -> list[str]:
        """Keys of the boards that have no rows."""
        return [k for k, v in self.items() if v.empty]


def normalize_groups(
    groups: Mapping[str, Sequence[str]] | Iterable[Mapping[str, object]] | None,
) -> dict[str, list[str]]:
    """{group slug: [keyword slugs]} from a mapping or the [[group]] tables of keywords.toml."""
    if groups is None:
        return {}
    if isinstance(groups, Mapping):
        return {str(g): [str(k) for k in kws] for g, kws in groups.items()}
    return {str(g["slug"]): [str(k) for k in g["keywords"]] for g in groups}  # type: ignore[union-attr]


def build_boards(
    repos: pd.DataFrame | None,
    contributors: pd.DataFrame | None,
    star_history: pd.DataFrame | None,
    profiles: pd.DataFrame | None,
    groups: Mapping[str, Sequence[str]] | Iterable[Mapping[str, object]] | None,
    cfg: ScoringConfig,
    daily_stars: pd.DataFrame | None = None,
    asof: str | pd.Timestamp | None = None,
    scopes: Mapping[str, Sequence[str]] | None = None,
) -> Boards:
    """Every board for one snapshot date; missing inputs give empty boards plus notes.

    `scopes` maps extra scope slugs to the groups they unite (config/keywords.toml
    [[scope]]); `overall` and each group are always scopes."""
    boards = Boards()
    groups = normalize_groups(groups)
    unknown_groups = {s: [g for g in gs if g not in groups] for s, gs in (scopes or {}).items()}
    if any(unknown_groups.values()):
        bad = next(s for s, gs in unknown_groups.items() if gs)
        raise ValueError(f"scope {bad!r} names unknown group(s) {unknown_groups[bad]}")
    raw = ensure_columns(repos, ["full_name", "keyword", "date"])
    all_repos = dedupe_repos(raw)
    membership = _membership(raw, groups, boards)
    # What reads only the repositories and their star history (top terms; growth, bursts,
    # crossings, cycles) is computed by two more processes while this one scores the people.
    exclude = {OVERALL: [k for ks in groups.values() for k in ks], **groups}
    terms = Background(terms_by_group_period, all_repos, membership, cfg, "Y", exclude)
    timeline = Background(
        _timeline, raw, all_repos, membership, star_history, daily_stars, asof, cfg
    )
    try:
        return _with_timeline(
            boards, terms, timeline, raw, all_repos, membership, groups, contributors,
            profiles, scopes, cfg,
        )  # fmt: skip
    finally:
        terms.stop()  # at once when this process failed first; no-ops once the results are in
        timeline.stop()


def _with_timeline(
    boards: Boards,
    terms: Background[pd.DataFrame],
    timeline: Background[_Timeline],
    raw: pd.DataFrame,
    all_repos: pd.DataFrame,
    membership: pd.DataFrame,
    groups: dict[str, list[str]],
    contributors: pd.DataFrame | None,
    profiles: pd.DataFrame | None,
    scopes: Mapping[str, Sequence[str]] | None,
    cfg: ScoringConfig,
) -> Boards:
    """The people boards scored here while the other processes work, then every board."""
    contributors = ensure_columns(contributors, ["full_name", "login", "kind"])
    no_contributors = contributors.empty
    no_profiles = profiles is None or len(profiles) == 0
    company_kinds = _company_kinds(profiles)
    # Tidy once for every scope: one profile per login, human contributor rows only.
    profiles = dedupe_profiles(profiles)
    contributors = human_contributors(contributors, cfg)

    in_scope = [(OVERALL, all_repos["full_name"])]
    in_scope += [
        (s, membership.loc[membership["group"].isin(set(gs)), "full_name"])
        for s, gs in (scopes or {}).items()
    ]
    in_scope += [(g, membership.loc[membership["group"] == g, "full_name"]) for g in groups]
    # Credit shares and authorship belong to one repository each: read once for every repo,
    # each scope takes the rows of its own repos.
    commits = commit_shares(all_repos, contributors, cfg, humans=contributors)
    credits = boards.credits = person_credits(all_repos, contributors, cfg, commits)
    projects = authorship(all_repos, contributors, cfg, commits)
    # The scopes are scored by two processes, each about half the repositories' worth.
    here, there = _halves(in_scope)
    shared = (all_repos, contributors, profiles, credits, projects, company_kinds, cfg)
    far = Background(_people_parts, there, *shared)
    try:
        near = _people_parts(here, *shared)
        people_of = {**near, **far.result()}
    finally:
        far.stop()  # at once when this process failed first; a no-op once the result is in
    people_of = {scope: people_of[scope] for scope, _ in in_scope}

    # The boards and notes in the order they always had, the second process's results in.
    times = timeline.result()
    times.notes.replay(boards)
    if no_contributors:
        boards.note("inputs", "no contributors: people boards are empty")
    if no_profiles:
        boards.note("inputs", "no enriched profiles: followers unknown (counted as 0)")
    in_groups = _groups_of(membership)
    for scope, names in in_scope:
        part = people_of[scope]
        for kind in ("people_power", "team_power", "hidden_gems"):
            boards[f"{scope}/{kind}"] = part.boards[kind]
        part.people_notes.replay(boards)
        boards[f"{scope}/lightning"] = _lightning_board(
            times.crossings[times.crossings["full_name"].isin(set(names))], cfg, scope, boards
        )
        repo_board = _repo_board(part.repos, times.grow, membership, times.bursts, in_groups)
        boards[f"{scope}/repos"] = _top(repo_board, cfg)
        by_growth = repo_board.sort_values(
            ["growth_speed", "stars"], ascending=False, na_position="last"
        )
        boards[f"{scope}/growth"] = _top(_rerank(by_growth), cfg)
        boards[f"{scope}/star_fork"] = _star_fork_board(repo_board, cfg)
        boards[f"{scope}/star_fork_people"] = part.boards["star_fork_people"]
        for kind in ("star_fork", "star_fork_people"):
            boards.note(
                f"{scope}/{kind}",
                f"at least {cfg.star_fork_min_stars:,.0f} (credited) stars, highest ratio "
                f"first; {STAR_FORK_READING}",
            )
        for kind in PLACE_FIELDS:
            boards[f"{scope}/{kind}"] = part.boards[kind]
        part.place_notes.replay(boards)
        if part.repos.empty:
            boards.note(f"{scope}/repos", "no repositories for this board")

    # Cross-modal means across keyword groups (modalities), never across scopes.
    full_people = {scope: part.people for scope, part in people_of.items()}
    boards[f"{OVERALL}/cross_modal"] = cross_modal(full_people, list(groups), cfg)
    for scope, part in people_of.items():
        kinds = ["people_power", "star_fork_people"] + (["cross_modal"] if scope == OVERALL else [])
        _add_evidence(boards, [f"{scope}/{kind}" for kind in kinds], part.credits, cfg)
    if times.cycles_note:
        boards.note(f"{OVERALL}/modality_cycles", times.cycles_note)
    boards[f"{OVERALL}/modality_cycles"] = times.cycles
    boards[f"{OVERALL}/modality_peaks"] = group_peaks(times.cycles)
    boards[f"{OVERALL}/top_terms"] = terms.result()
    if groups:
        boards.note(
            f"{OVERALL}/top_terms", "each scope's own keywords are left out (trivially frequent)"
        )
    for key, df in boards.items():
        if df.empty and key not in boards.notes:
            boards.note(key, "no rows: not enough input for this board")
    return boards


class NoteLog:
    """Notes taken before the boards they belong to exist (in the second process, or for a
    scope scored early), added to the boards later in the order they were taken."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str]] = []

    def note(self, key: str, text: str) -> None:
        self.entries.append((key, text))

    def replay(self, boards: Boards) -> None:
        for key, text in self.entries:
            boards.note(key, text)


@dataclass
class _Timeline:
    """What the star history gives every scope, with the notes taken on the way."""

    notes: NoteLog
    bursts: pd.Series  # full_name → star burst text
    grow: pd.DataFrame  # growth per repository
    crossings: pd.DataFrame  # lightning crossing dates, with star bursts
    cycles: pd.DataFrame
    cycles_note: str | None


def _timeline(
    raw: pd.DataFrame,
    all_repos: pd.DataFrame,
    membership: pd.DataFrame,
    star_history: pd.DataFrame | None,
    daily_stars: pd.DataFrame | None,
    asof: str | pd.Timestamp | None,
    cfg: ScoringConfig,
) -> _Timeline:
    """Growth, star bursts, threshold crossings and modality cycles: what reads only the
    repositories and their star history."""
    notes = NoteLog()
    history = _history(all_repos, star_history, daily_stars, notes)
    asof = _asof(asof, raw, history, notes)
    if asof is not None:
        history = _as_known_on(history, asof, notes)
    bursts = star_bursts(history, cfg).set_index("full_name")["star_burst"]
    if len(bursts):
        notes.note(
            "inputs",
            f"{len(bursts)} repos have a star burst (a week ≥ {cfg.burst_factor:g}× the median "
            f"of their previous {cfg.burst_baseline_weeks} weeks and ≥ {cfg.burst_min_stars:,} "
            "stars: possible fake stars); flagged in `star_burst`, not dropped",
        )
    grow = growth(history, asof, cfg, all_repos) if asof is not None else None
    if grow is None or grow.empty:
        grow = pd.DataFrame(columns=GROWTH_COLUMNS)
    # A crossing date does not depend on the scope: computed once, filtered per scope.
    crossings = lightning(all_repos, history, daily_stars, cfg.lightning_threshold)
    crossings["star_burst"] = crossings["full_name"].map(bursts)
    # Only series that reach back to creation: a repo fetched for its last weeks alone would
    # pile all its attention into recent months and fake a current peak.
    whole = history[history["complete"].astype(bool)] if "complete" in history else history
    cycles_note = None
    if len(whole) < len(history):
        cycles_note = (
            f"from the {whole['full_name'].nunique()} repositories whose star history reaches "
            "their creation (the others have recent weeks only)"
        )
    return _Timeline(
        notes, bursts, grow, crossings, modality_cycles(membership, whole), cycles_note
    )


@dataclass
class _PeoplePart:
    """One scope's people boards, scored before the history's results are in."""

    repos: pd.DataFrame  # the scope's repositories
    people: pd.DataFrame  # everyone's power (no evidence)
    credits: pd.DataFrame  # the scope's credit rows (evidence for the people shown)
    boards: dict[str, pd.DataFrame]
    people_notes: NoteLog
    place_notes: NoteLog


def _halves(
    in_scope: list[tuple[str, pd.Series]],
) -> tuple[list[tuple[str, pd.Series]], list[tuple[str, pd.Series]]]:
    """The scopes in two parts of about equal repositories (the largest first, each into the
    lighter part); the first part holds the largest scope."""
    parts: tuple[list, list] = ([], [])
    sizes = [0, 0]
    for scope, names in sorted(in_scope, key=lambda item: -len(item[1])):
        lighter = sizes.index(min(sizes))
        parts[lighter].append((scope, names))
        sizes[lighter] += len(names)
    return parts


def _people_parts(in_scope: list[tuple[str, pd.Series]], *shared: Any) -> dict[str, _PeoplePart]:
    """`_people_part` of each of these scopes; `shared`: its arguments after the scope's repos."""
    return {scope: _people_part(scope, set(names), *shared) for scope, names in in_scope}


def _people_part(
    scope: str,
    keep: set[str],
    all_repos: pd.DataFrame,
    contributors: pd.DataFrame,
    profiles: pd.DataFrame,
    credits: pd.DataFrame,
    projects: pd.DataFrame,
    company_kinds: pd.Series,
    cfg: ScoringConfig,
) -> _PeoplePart:
    """The people, team, hidden-gem, star/fork-people and place boards of one scope."""
    scope_repos = all_repos[all_repos["full_name"].isin(keep)]
    scope_contrib = contributors[contributors["full_name"].isin(keep)]
    scope_credits = _rows_of(credits, keep)
    # Evidence (top repositories) only for the people a board shows, not everyone.
    people = person_power(
        scope_repos, scope_contrib, profiles, cfg, credits=scope_credits, with_evidence=False
    )
    out = {
        "people_power": _top(people, cfg),
        "team_power": _top(team_power(scope_repos, profiles, cfg), cfg),
    }
    scope_projects = _rows_of(projects, keep)
    gems = hidden_gems(
        scope_repos, scope_contrib, profiles, cfg, power=people,
        projects=scope_projects, with_evidence=False,
    )  # fmt: skip
    out["hidden_gems"] = _with_gem_evidence(_top(gems, cfg), scope_projects, cfg)
    people_notes, place_notes = NoteLog(), NoteLog()
    _people_notes(people_notes, scope, scope_repos, scope_contrib, gems, cfg)
    out["star_fork_people"] = _star_fork_people(people, cfg)
    for kind, field in PLACE_FIELDS.items():
        out[kind], unknown = places(people, kind, cfg.top_n, company_kinds)
        if unknown:
            shown = min(cfg.top_n, len(people))
            place_notes.note(
                f"{scope}/{kind}", f"{unknown} of the top {shown} people have no known {field}"
            )
    return _PeoplePart(scope_repos, people, scope_credits, out, people_notes, place_notes)


def cross_modal(
    people_by_group: Mapping[str, pd.DataFrame], groups: Sequence[str], cfg: ScoringConfig
) -> pd.DataFrame:
    """People ranked ≤ cross_modal_top_n on the people board of at least two groups."""
    cols = CROSS_MODAL_COLUMNS + [f"rank_{g}" for g in groups]
    ranks = [
        people_by_group[g][["login", "rank"]].assign(group=g)
        for g in groups
        if g in people_by_group and not people_by_group[g].empty
    ]
    if not ranks:
        return pd.DataFrame(columns=cols)
    long = pd.concat(ranks, ignore_index=True)
    long = long[long["rank"] <= cfg.cross_modal_top_n]
    counts = long.groupby("login")["group"].nunique()
    keep = counts[counts >= 2].index
    long = long[long["login"].isin(keep)]
    if long.empty:
        return pd.DataFrame(columns=cols)
    wide = long.pivot(index="login", columns="group", values="rank")
    out = pd.DataFrame({"login": wide.index})
    for g in groups:
        out[f"rank_{g}"] = wide[g].to_numpy() if g in wide else None
    out["n_groups"] = out["login"].map(counts)
    out["best_group_rank"] = long.groupby("login")["rank"].min().reindex(out["login"]).to_numpy()
    out["groups"] = [
        "; ".join(
            f"{g} #{int(r)}" for g, r in sorted(row.items(), key=lambda x: x[1]) if pd.notna(r)
        )
        for _, row in wide.reindex(out["login"]).iterrows()
    ]
    overall = people_by_group.get(OVERALL, pd.DataFrame(columns=PERSON_POWER_COLUMNS))
    info = overall.set_index("login")
    out["overall_rank"] = out["login"].map(info["rank"])
    for col in ("name", "html_url", "power_score", "top_repos", "top_repo_urls"):
        out[col] = out["login"].map(info[col])
    out["html_url"] = out["html_url"].fillna("https://github.com/" + out["login"])
    out = out.sort_values(["n_groups", "best_group_rank", "login"], ascending=[False, True, True])
    return _rerank(out)[cols]


def _people_notes(
    boards: Boards | NoteLog,
    scope: str,
    scope_repos: pd.DataFrame,
    scope_contrib: pd.DataFrame,
    gems: pd.DataFrame,
    cfg: ScoringConfig,
) -> None:
    """What the people boards of a scope could not know: uncredited repos, X audiences."""
    # scope_contrib holds human rows only already: the repos it lists are the credited ones
    # (what uncredited_repos would find by tidying it again).
    unknown = sorted(set(scope_repos["full_name"]) - set(scope_contrib["full_name"]))
    if unknown:
        big = scope_repos[scope_repos["full_name"].isin(set(unknown))].nlargest(3, "stars")
        named = ", ".join(
            f"{n} ({int(v):,}★)" for n, v in zip(big["full_name"], big["stars"], strict=True)
        )
        text = (
            f"{len(unknown)} repos have no human contributor list (too large for GitHub to "
            "list, deleted or empty), so who built them is unknown: their stars are credited "
            f"to nobody, not to the owner; the largest: {named}"
        )
        boards.note(f"{scope}/people_power", text)
        boards.note(f"{scope}/hidden_gems", text)
    top = gems.head(cfg.top_n)
    if len(top) and "x_status" in top:
        counts = top["x_status"].value_counts()
        estimated = int(counts.get("estimated (count unknown)", 0))
        none = int(counts.get("no X account linked", 0))
        boards.note(
            f"{scope}/hidden_gems",
            f"projects = repos a person owns, or holds ≥ {cfg.author_min_share:.0%} of the "
            f"human commits of, or leads as top contributor with ≥ {cfg.lead_min_share:.0%}; "
            f"X audience: {int(counts.get('known', 0))} known, {none} with no X account linked "
            f"(counted 0), {estimated} with a handle but no readable count (ranked on the "
            f"{cfg.unknown_x_quantile:.0%} quantile of known counts)",
        )


def _star_fork_board(repo_board: pd.DataFrame, cfg: ScoringConfig) -> pd.DataFrame:
    """Repos at/above the stars floor by stars per fork (repos without forks last)."""
    df = repo_board[repo_board["stars"] >= cfg.star_fork_min_stars]
    df = df.sort_values(["star_fork_ratio", "stars"], ascending=False, na_position="last")
    return _top(_rerank(df), cfg)[STAR_FORK_COLUMNS]


def _star_fork_people(people: pd.DataFrame, cfg: ScoringConfig) -> pd.DataFrame:
    """People at/above the stars floor by credited stars per credited fork."""
    df = people[people["credited_stars"] >= cfg.star_fork_min_stars]
    df = df.assign(power_rank=df["rank"])
    df = df.sort_values(["star_fork_ratio", "credited_stars"], ascending=False, na_position="last")
    return _top(_rerank(df), cfg)[STAR_FORK_PEOPLE_COLUMNS]


def _company_kinds(profiles: pd.DataFrame | None) -> pd.Series:
    """Normalized company → its kind (AI lab, big tech, …), as the enrichment found it."""
    df = ensure_columns(profiles, ["company", "company_kind"]).dropna(subset=["company"])
    return df.dropna(subset=["company_kind"]).groupby("company")["company_kind"].first()


def _membership(raw: pd.DataFrame, groups: dict[str, list[str]], boards: Boards) -> pd.DataFrame:
    """(group, full_name) from the keyword that found each repo."""
    rows = raw.dropna(subset=["full_name", "keyword"])
    parts = [
        pd.DataFrame({"group": g, "full_name": rows.loc[rows["keyword"].isin(kws), "full_name"]})
        for g, kws in groups.items()
    ]
    if groups and not raw.empty and rows.empty:
        boards.note("inputs", "repos have no `keyword` column: group boards are empty")
    if not parts:
        return pd.DataFrame(columns=["group", "full_name"])
    return pd.concat(parts, ignore_index=True).drop_duplicates().reset_index(drop=True)


def _history(
    repos: pd.DataFrame,
    star_history: pd.DataFrame | None,
    daily_stars: pd.DataFrame | None,
    boards: Boards | NoteLog,
) -> pd.DataFrame:
    """GitHub's weekly history; repos without one fall back to the pipeline's daily snapshots."""
    hist = dedupe_history(star_history)
    have = set(hist["full_name"])
    if daily_stars is not None and not daily_stars.empty:
        wanted = set(repos["full_name"]) - have
        extra = daily_stars[daily_stars["full_name"].isin(wanted)]
        from_daily = snapshots_to_star_history(extra)
        if not from_daily.empty:
            # Tidied again (sorted, numbered), so the scorers that tidy their input find
            # nothing left to do (the two parts share no repository).
            hist = dedupe_history(pd.concat([hist, dedupe_history(from_daily)], ignore_index=True))
            boards.note(
                "inputs",
                f"{from_daily['full_name'].nunique()} repos use the daily snapshots for growth "
                "(no weekly star history)",
            )
    missing = sorted(set(repos["full_name"]) - set(hist["full_name"]))
    if missing:
        boards.note("inputs", f"no star history for {len(missing)} repos")
    partial = hist.loc[~hist["complete"].astype(bool), "full_name"].nunique()
    if partial:
        boards.note("inputs", f"star history does not reach creation for {partial} repos")
    return hist


def _asof(
    asof: str | pd.Timestamp | None,
    raw: pd.DataFrame,
    history: pd.DataFrame,
    boards: Boards | NoteLog,
) -> pd.Timestamp | None:
    """The snapshot date: given, else the repos' `date`, else the last history week's end."""
    if asof is not None:
        return pd.Timestamp(asof)
    dates = pd.to_datetime(raw["date"], errors="coerce").dropna()
    if not dates.empty:
        return dates.max()
    if not history.empty:
        boards.note("inputs", "no snapshot date given: growth measured to the last history week")
        return history["week"].max() + pd.Timedelta(days=6)
    return None


def _repo_board(
    scope_repos: pd.DataFrame,
    grow: pd.DataFrame,
    membership: pd.DataFrame,
    bursts: pd.Series | None = None,
    in_groups: pd.Series | None = None,
) -> pd.DataFrame:
    """Repos by stars with ratio, growth and the keywords/groups that found them
    (`in_groups`: `_groups_of(membership)`, when the caller has it)."""
    df = dedupe_repos(scope_repos)
    df["star_fork_ratio"] = star_fork_ratio(df["stars"], df["forks"])
    g = grow.set_index("full_name")
    for col in ("gained_week", "gained_month", "gained_quarter", "growth_speed",
                "recent_share", "growth_class", "history_complete"):  # fmt: skip
        df[col] = df["full_name"].map(g[col]) if col in g else None
    if in_groups is None:
        in_groups = _groups_of(membership)
    df["groups"] = df["full_name"].map(in_groups)
    df["star_burst"] = df["full_name"].map(bursts) if bursts is not None else None
    df = df.sort_values(["stars", "full_name"], ascending=[False, True])
    return _rerank(df)[REPO_BOARD_COLUMNS]


def _groups_of(membership: pd.DataFrame) -> pd.Series:
    """full_name → the groups that found it, comma-separated in order ("diffusion,llm")."""
    return membership.groupby("full_name")["group"].agg(lambda s: ",".join(sorted(set(s))))


def _lightning_board(
    table: pd.DataFrame, cfg: ScoringConfig, scope: str, boards: Boards
) -> pd.DataFrame:
    """Crossings of the threshold, fastest first; repos with an unknown date counted in notes."""
    unknown = table[table["crossed_on"].isna()]
    if len(unknown):
        why = unknown["note"].fillna("").map(_left_out_reason).value_counts()
        reasons = ", ".join(f"{n} {reason}" for reason, n in why.items())
        boards.note(
            f"{scope}/lightning",
            f"{len(unknown)} repos at ≥{cfg.lightning_threshold:,} stars left out for want of a "
            f"crossing date: {reasons}",
        )
    exact = table["source"].eq(EXACT_DAYS) & table["crossed_on"].notna()
    if exact.any():
        boards.note(
            f"{scope}/lightning",
            f"{int(exact.sum())} dates are exact: the first day GitHub's daily counts reach "
            f"{cfg.lightning_threshold:,}",
        )
    known = table[table["crossed_on"].notna()]
    return _top(_rerank(known), cfg)[BOARD_COLUMNS["lightning"]]


def _left_out_reason(note: str) -> str:
    """A lightning note, as the reason a repo has no crossing date."""
    if "crossed before" in note:
        return "whose history starts above the threshold (crossed before its first day)"
    if "no star history" in note:
        return "with no star history"
    if "below" in note:
        return "whose history holds fewer stars than the threshold (unstars or gaps)"
    return "with no usable history"


def _as_known_on(
    history: pd.DataFrame, asof: pd.Timestamp, boards: Boards | NoteLog
) -> pd.DataFrame:
    """The history as it stood on `asof`: weeks after it dropped, days after it zeroed."""
    if history.empty:
        return history
    day = pd.Timestamp(asof).normalize()
    later = history["week"] > day
    if later.any():
        boards.note(
            "inputs",
            f"the inputs were fetched after {day:%Y-%m-%d} (star history runs to "
            f"{history['week'].max():%Y-%m-%d}): growth and lightning use only what was known "
            "on that date, but repo star counts are those of the fetch day",
        )
        history = history[~later].copy()
        if "days" in history.columns:
            current = history["week"] > day - pd.Timedelta(days=7)
            history.loc[current, "days"] = [
                _cut_days(v, (day - w).days)
                for v, w in zip(
                    history.loc[current, "days"], history.loc[current, "week"], strict=True
                )
            ]
    return history


def _cut_days(value: object, last: int) -> object:
    """A week's daily counts with the days after index `last` set to 0."""
    if not isinstance(value, str):
        return value
    parts = value.split(",")
    return ",".join(p if i <= last else "0" for i, p in enumerate(parts))


def _add_evidence(
    boards: Boards, keys: Sequence[str], credits: pd.DataFrame, cfg: ScoringConfig
) -> None:
    """`top_repos` / `top_repo_urls` of the people on these boards, from their scope's
    credits (what `person_power` gives everyone)."""
    shown = [key for key in keys if not boards[key].empty]
    logins = set().union(*(boards[key]["login"] for key in shown))
    found = evidence(credits[credits["login"].isin(logins)], "login", "credited_stars", cfg)
    found = found.set_index("login")
    for key in shown:
        board = boards[key]
        boards[key] = board.assign(
            top_repos=board["login"].map(found["top_repos"]),
            top_repo_urls=board["login"].map(found["top_repo_urls"]),
        )


def _with_gem_evidence(
    board: pd.DataFrame, projects: pd.DataFrame, cfg: ScoringConfig
) -> pd.DataFrame:
    """A hidden-gem board with the project columns of its people (what `hidden_gems` gives
    everyone), from their scope's projects."""
    if board.empty:
        return board
    found = gem_evidence(projects[projects["login"].isin(set(board["login"]))], cfg)
    found = found.set_index("login")
    return board.assign(**{c: board["login"].map(found[c]) for c in GEM_EVIDENCE_COLUMNS})


def _rows_of(table: pd.DataFrame, names: set[str]) -> pd.DataFrame:
    """The rows of `table` about the repositories `names`, in order, numbered from 0 (as the
    same table computed for those repositories alone)."""
    return table[table["full_name"].isin(names)].reset_index(drop=True)


def _rerank(df: pd.DataFrame) -> pd.DataFrame:
    out = df.reset_index(drop=True).copy()
    out["rank"] = range(1, len(out) + 1)
    return out


def _top(df: pd.DataFrame, cfg: ScoringConfig) -> pd.DataFrame:
    return df.head(cfg.top_n).reset_index(drop=True)
