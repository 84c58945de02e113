"""Curated corrections dropped into `data/inbox/`: parse, validate, store, apply.

A curator drops a JSON or CSV file into the inbox (write it under another name, then rename,
so the sensor never reads half a file). `rescore_sensor` validates it here, stores the valid
ones under `data/curation/<date>/` and re-scores that date; a malformed file is moved to
`data/inbox/rejected/` with a `.error.txt` beside it saying what is wrong. The format is in
`data/inbox/README.md`. Pure Python and pandas: no dagster here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from ghtalent.config import ConfigError, KeywordConfig, validate
from ghtalent.config.inbox import KIND, MAX_CONTRIBUTIONS, VERSION, CurationFile  # noqa: F401

SUFFIXES = (".json", ".csv")
CSV_ACTIONS = ("exclude_repo", "merge_identity", "extra_person")
# Limits (data/inbox/README.md): a curated file is small, flat and hand-made; anything past
# these is rejected with its reason, never allowed to stop the sensor or the files behind it.
MAX_FILE_BYTES = 1_000_000
MAX_JSON_DEPTH = 16
MAX_CSV_FIELD = 128 * 1024  # Python's csv default field limit, said explicitly

log = logging.getLogger("ghtalent.inbox")


class InboxError(ConfigError):
    """An inbox file is malformed; the message names the file, the value and the fix."""


@dataclass(frozen=True)
class MergeIdentity:
    """Accounts of one person: the `aliases` are counted as `into`."""

    into: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ExtraPerson:
    """A contributor GitHub does not list (e.g. commits under an unlinked e-mail)."""

    login: str
    repo: str
    contributions: int = 1


@dataclass(frozen=True)
class Curation:
    """One validated inbox file."""

    source: str
    digest: str  # sha256 of the file's bytes, 12 hex digits: the same file is applied once
    date: str | None  # the snapshot date to re-score; None = the day it is picked up
    keywords: tuple[str, ...]  # keyword slugs; empty = every keyword
    exclude_repos: tuple[str, ...] = ()
    merge_identities: tuple[MergeIdentity, ...] = ()
    extra_people: tuple[ExtraPerson, ...] = ()
    note: str | None = None
    changes: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        n = len(self.exclude_repos) + len(self.merge_identities) + len(self.extra_people)
        object.__setattr__(self, "changes", n)

    def applies_to(self, date: str, keyword: str) -> bool:
        return (self.date in (None, date)) and (not self.keywords or keyword in self.keywords)

    def to_json(self) -> dict:
        """The canonical stored form (a valid JSON inbox file again)."""
        out = asdict(self)
        for key in ("changes", "source", "digest"):  # the stored file's name keeps these
            out.pop(key)
        out["merge_identities"] = [
            {"into": m.into, "from": list(m.aliases)} for m in self.merge_identities
        ]
        return {"kind": KIND, "version": VERSION, **out}


# --- parsing ------------------------------------------------------------------------------------


def parse_curation(name: str, data: bytes, config: KeywordConfig) -> Curation:
    """Validate an inbox file's bytes (JSON or CSV, by the name's suffix)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InboxError(f"{name}: unsupported file type {suffix!r}; use .json or .csv")
    if len(data) > MAX_FILE_BYTES:
        raise InboxError(
            f"{name}: {len(data):,} bytes is more than the {MAX_FILE_BYTES:,} a curated file may "
            "have; split it into several files"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InboxError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    digest = hashlib.sha256(data).hexdigest()[:12]
    try:
        fields = _parse_json(name, text) if suffix == ".json" else _parse_csv(name, text)
    except RecursionError as exc:
        raise InboxError(f"{name}: nested too deeply to read") from exc
    return _build(name, digest, fields, config)


def _json_depth(text: str) -> int:
    """The deepest nesting of [ and { in a JSON text (strings skipped), without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _parse_json(name: str, text: str) -> dict:
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InboxError(
            f"{name}: JSON nested {depth} levels deep; a curated file needs at most 3 "
            f"(limit {MAX_JSON_DEPTH}): see data/inbox/README.md for the format"
        )
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InboxError(
            f"{name}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    if not isinstance(raw, dict):
        raise InboxError(f"{name}: the top level must be a JSON object, got {type(raw).__name__}")
    return raw


def _csv_rows(name: str, reader: csv.DictReader):
    line = 1
    try:
        for line, row in enumerate(reader, start=2):  # noqa: B007 (line is read after the loop)
            yield line, row
    except csv.Error as exc:
        raise InboxError(
            f"{name}, line {line + 1}: {exc}; a field may hold at most {MAX_CSV_FIELD:,} "
            "characters, quotes must be closed"
        ) from exc


def _parse_csv(name: str, text: str) -> dict:
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in reader.fieldnames or []]
    except csv.Error as exc:
        raise InboxError(f"{name}, line 1: {exc}") from exc
    missing = [h for h in ("action", "subject", "target") if h not in header]
    if missing:
        raise InboxError(
            f"{name}: the CSV header must have columns action,subject,target "
            f"(optional: contributions,date,keyword,note); missing {missing}"
        )
    dates: set[str] = set()
    keywords: list[str] = []
    excludes, merges, extras, notes = [], {}, [], []
    for line, row in _csv_rows(name, reader):
        row = {
            (k or "").strip().lower(): (v if isinstance(v, str) else "").strip()
            for k, v in row.items()
            if isinstance(k, str) and k
        }
        action, subject, target = (
            row.get("action", ""),
            row.get("subject", ""),
            row.get("target", ""),
        )
        if not any(row.values()):
            continue
        if row.get("date"):
            dates.add(row["date"])
        if row.get("keyword"):
            keywords.append(row["keyword"])
        if row.get("note"):
            notes.append(row["note"])
        if action == "exclude_repo":
            excludes.append(subject)
        elif action == "merge_identity":
            if not target:
                raise InboxError(
                    f"{name}, line {line}: merge_identity needs the canonical login in `target`"
                )
            merges.setdefault(target, []).append(subject)
        elif action == "extra_person":
            count = row.get("contributions") or "1"
            if not count.isdigit() or len(count) > 12:
                raise InboxError(
                    f"{name}, line {line}: contributions must be a whole number, got {count!r}"
                )
            extras.append((subject, target, int(count)))
        else:
            raise InboxError(
                f"{name}, line {line}: unknown action {action!r}; use one of: {', '.join(CSV_ACTIONS)}"
            )
    if len(dates) > 1:
        raise InboxError(f"{name}: rows name several dates {sorted(dates)}; use one file per date")
    out = {
        "date": dates.pop() if dates else None,
        "keywords": keywords,
        "exclude_repos": excludes,
        "merge_identities": [{"into": k, "from": v} for k, v in merges.items()],
        "extra_people": [{"login": lo, "repo": r, "contributions": n} for lo, r, n in extras],
        "note": "; ".join(notes) or None,
    }
    return {k: v for k, v in out.items() if v not in (None, [])}


def _build(name: str, digest: str, raw: dict, config: KeywordConfig) -> Curation:
    f = validate(CurationFile, raw, name, InboxError)
    try:
        slugs = tuple(k.slug for k in config.select(list(f.keywords))) if f.keywords else ()
    except ConfigError as exc:
        raise InboxError(f"{name}: {exc}") from exc
    return Curation(
        name,
        digest,
        f.date,
        slugs,
        tuple(dict.fromkeys(f.exclude_repos)),
        tuple(MergeIdentity(m.into, m.aliases) for m in f.merge_identities),
        tuple(ExtraPerson(e.login, e.repo, e.contributions) for e in f.extra_people),
        f.note,
    )


# --- files --------------------------------------------------------------------------------------


def inbox_files(inbox: Path) -> list[Path]:
    """Files waiting in the inbox, oldest name first (README, hidden and temporary files skipped)."""
    if not inbox.is_dir():
        return []
    return sorted(
        p
        for p in inbox.iterdir()
        if p.is_file()
        and not p.name.startswith((".", "_"))
        and p.name.lower() != "readme.md"
        and not p.name.endswith((".tmp", ".part", ".partial"))
    )


def reject(path: Path, error: str) -> Path:
    """Move a malformed file to `<inbox>/rejected/` with `<name>.error.txt` beside it."""
    rejected = path.parent / "rejected"
    rejected.mkdir(parents=True, exist_ok=True)
    target = rejected / path.name
    n = 1
    while target.exists():
        target = rejected / f"{path.stem}.{n}{path.suffix}"
        n += 1
    shutil.move(str(path), target)
    target.with_name(target.name + ".error.txt").write_text(error + "\n", encoding="utf-8")
    return target


def store(curation: Curation, date: str, curation_dir: Path) -> Path:
    """Write the curation (canonical JSON) to `<curation_dir>/<date>/`; idempotent."""
    folder = curation_dir / date
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{Path(curation.source).stem}-{curation.digest}.json"
    body = {**curation.to_json(), "date": date}
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(target)
    return target


def load_curations(
    curation_dir: Path,
    date: str,
    keyword: str,
    config: KeywordConfig,
    skipped: list[str] | None = None,
) -> list[Curation]:
    """Stored curations that apply to one keyword partition of `date`, in file-name order."""
    folder = curation_dir / date
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append(parse_curation(path.name, path.read_bytes(), config))
        except (InboxError, OSError) as exc:
            # Stored when valid, invalid now (a keyword since removed, a limit since lowered):
            # reported and ignored, so it cannot stop the scores of every keyword of its date.
            log.warning(f"curation {path} is skipped (no longer valid): {exc}")
            if skipped is not None:
                skipped.append(f"{path}: {exc}")
    return [c for c in found if c.applies_to(date, keyword)]


# --- applying -----------------------------------------------------------------------------------


def apply_curations(
    keyword_repos: pd.DataFrame,
    contributors: pd.DataFrame,
    enriched_profiles: pd.DataFrame,
    curations: Iterable[Curation],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The three scoring inputs with the corrections applied (the inputs are not modified)."""
    repos, people, profiles = keyword_repos.copy(), contributors.copy(), enriched_profiles.copy()
    for cur in curations:
        if cur.exclude_repos:
            drop = {r.lower() for r in cur.exclude_repos}
            repos = repos[~repos["full_name"].str.lower().isin(drop)]
            people = people[~people["full_name"].str.lower().isin(drop)]
        for merge in cur.merge_identities:
            people, profiles, repos = _merge(people, profiles, repos, merge)
        if cur.extra_people:
            people = _add_people(people, cur.extra_people)
    return (
        repos.reset_index(drop=True),
        people.reset_index(drop=True),
        profiles.reset_index(drop=True),
    )


def _merge(people: pd.DataFrame, profiles: pd.DataFrame, repos: pd.DataFrame, m: MergeIdentity):
    aliases = {a.lower() for a in m.aliases}

    def is_alias(col: pd.Series) -> pd.Series:
        return col.astype("string").str.lower().isin(aliases).fillna(False).astype(bool)

    people = people.copy()
    moved = is_alias(people["login"])
    people.loc[moved, "login"] = m.into
    people.loc[moved, "html_url"] = f"https://github.com/{m.into}"
    # one row per (repository, person): the merged accounts' commits add up
    mine = (
        (people["login"].astype("string").str.lower() == m.into.lower()).fillna(False).astype(bool)
    )
    if mine.any():
        rows = people[mine]
        totals = rows.groupby("full_name", sort=False)["contributions"].sum()
        first = rows[~rows.duplicated(subset=["full_name"], keep="first")].copy()
        first["contributions"] = (
            first["full_name"].map(totals).astype(people["contributions"].dtype)
        )
        people = pd.concat([people[~mine], first]).sort_index()
    has_into = (profiles["login"].astype("string").str.lower() == m.into.lower()).any()
    alias_rows = is_alias(profiles["login"])
    if has_into:
        profiles = profiles[~alias_rows]
    elif alias_rows.any():
        first = alias_rows[alias_rows].index[0]
        profiles = profiles.drop(alias_rows[alias_rows].index[1:])
        profiles.loc[first, "login"] = m.into
    if "owner_login" in repos:
        repos = repos.copy()
        repos.loc[is_alias(repos["owner_login"]), "owner_login"] = m.into
    return people, profiles, repos


def _add_people(people: pd.DataFrame, extras: Sequence[ExtraPerson]) -> pd.DataFrame:
    base = people.iloc[:1]
    template = {
        "date": base["date"].iloc[0] if len(base) and "date" in base else None,
        "keyword": base["keyword"].iloc[0] if len(base) and "keyword" in base else None,
    }
    rows = [
        {
            **template,
            "full_name": e.repo,
            "login": e.login,
            "user_id": None,
            "kind": "User",
            "contributions": e.contributions,
            "html_url": f"https://github.com/{e.login}",
        }
        for e in extras
    ]
    added = pd.DataFrame(rows, columns=list(people.columns))
    if people.empty:
        return added.astype(people.dtypes.to_dict(), errors="ignore")
    return pd.concat(
        [people, added.astype(people.dtypes.to_dict(), errors="ignore")], ignore_index=True
    )
