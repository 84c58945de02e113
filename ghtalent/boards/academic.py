"""Academic influence on the people boards: citations, h-index and top paper per person
(from academic_profiles), and the finding about the most cited builders and strong builders
with no papers at all."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ghtalent.warehouse import read_warehouse

PEOPLE_KINDS = ("people_power", "hidden_gems", "cross_modal")
# Board column -> academic_profiles column.
ACADEMIC_BOARD_COLUMNS = {
    "citations": "cited_by_count",
    "h_index": "h_index",
    "papers": "works_count",
    "top_paper": "top_work_title",
    "top_paper_url": "top_work_url",
    "last_paper_year": "last_publication_year",
    "openalex_url": "author_url",
    "paper_match": "paper_match",
}
STATUS_ORDER = {"matched": 0, "ambiguous": 1, "name_only": 2, "off_field": 3, "no_author": 4}


def academic_of_date(date: str) -> pd.DataFrame | None:
    """The academic_profiles rows of every keyword partition of `date` (None if none yet)."""
    return read_warehouse(
        "SELECT * FROM ghtalent.academic_profiles WHERE date = ?", [pd.Timestamp(date)]
    )


def per_person(academic: pd.DataFrame | None) -> pd.DataFrame:
    """One row per login (a person found by several keywords counts once): the best verdict."""
    if academic is None or academic.empty:
        return pd.DataFrame(columns=["login", "paper_status", *ACADEMIC_BOARD_COLUMNS])
    df = academic.copy()
    df["_order"] = df["status"].map(STATUS_ORDER).fillna(9)
    df = df.sort_values(["_order", "confidence"], ascending=[True, False])
    df = df.drop_duplicates("login")
    df["paper_match"] = [
        f"{c:.2f}: {r}" if s == "matched" else f"unmatched ({s}): {r}"
        for s, c, r in zip(
            df["status"], df["confidence"].fillna(0), df["match_reason"].fillna(""), strict=True
        )
    ]
    out = pd.DataFrame({"login": df["login"], "paper_status": df["status"]})
    for board_col, src in ACADEMIC_BOARD_COLUMNS.items():
        out[board_col] = df[src].to_numpy()
    return out.reset_index(drop=True)


def add_academic_columns(boards: Mapping[str, pd.DataFrame], academic: pd.DataFrame | None):
    """Add the academic columns to every people board in place (left join on login); boards
    stay as they were when no academic rows exist yet."""
    table = per_person(academic)
    if table.empty:
        return boards
    info = table.set_index(table["login"].str.lower()).drop(columns="login")
    for key in list(boards):
        if key.rsplit("/", 1)[-1] not in PEOPLE_KINDS:
            continue
        df = boards[key]
        if "login" not in df:
            continue
        keys = df["login"].astype(str).str.lower()
        extra = info.reindex(keys)
        out = df.copy()
        for column in ["paper_status", *ACADEMIC_BOARD_COLUMNS]:
            out[column] = extra[column].to_numpy()
        for column in ("citations", "h_index", "papers", "last_paper_year"):
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
        boards[key] = out  # type: ignore[index]
    return boards


def academic_findings(boards_by_scope, notes, labels, pages) -> list:
    """'Most cited builders' and 'strong builders with no papers at all', from the overall
    people board; nothing when the boards carry no academic columns."""
    from ghtalent.boards.report.findings import Finding
    from ghtalent.boards.report.text import Part, format_value
    from ghtalent.boards.report.text import link as _link
    from ghtalent.boards.report.text import num as _num

    def _who(row):
        return _link(row["login"], pages.person(row["login"]) or row.get("html_url"))

    power = (boards_by_scope.get("overall") or {}).get("people_power")
    if power is None or power.empty or "citations" not in power:
        return []
    title = "Academic influence: the most cited builders, and strong builders with no papers"
    sentences: list[list] = []
    cited = power[power["citations"].notna()].sort_values("citations", ascending=False)
    for row in cited.head(3).to_dict("records"):
        s = [_who(row), Part(" (power #"), _num(row["rank"]),
             Part(") has "), _num(row["citations"]), Part(" citations, h-index "),
             _num(row["h_index"])]  # fmt: skip
        if isinstance(row.get("top_paper"), str):
            s += [Part("; top paper "), _link(row["top_paper"], row.get("top_paper_url"))]
        sentences.append(s + [Part(".")])
    none = power[power["paper_status"] == "no_author"].sort_values("rank").head(3)
    if len(none):
        s = [Part("No author of their name at all in OpenAlex, yet high on the power board: ")]
        for i, row in enumerate(none.to_dict("records")):
            s += [Part(", " if i else ""), _who(row),
                  Part(f" (#{format_value(row['rank'])})")]  # fmt: skip
        sentences.append(s + [Part(".")])
    top10 = power.head(10)
    with_papers = int(top10["citations"].notna().sum())
    sentences.append(
        [Part(f"{with_papers} of the top {len(top10)} builders have a matched author record; "
              "unmatched people may still publish under a name we could not corroborate.")]
    )  # fmt: skip
    if not len(cited):
        sentences.insert(0, [Part("None of the people on the overall board matched an author.")])
    return [Finding(title, sentences)]
