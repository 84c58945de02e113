"""Markdown previews of tables for the Dagster UI's asset metadata."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ghtalent.boards.report.text import column_label, format_value, safe_url

# Columns that name a row in a preview; the row's ``html_url`` becomes this cell's link.
IDENTITY_COLUMNS = ("login", "full_name", "name", "group", "term")


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
    ident = next((c for c in IDENTITY_COLUMNS if c in df.columns), None)
    shown = [c for c in df.columns if not (c == "html_url" and ident is not None)]
    for evidence, urls in (("top_repos", "top_repo_urls"), ("top_people", "top_people_urls")):
        if evidence in shown and urls in shown:
            shown.remove(urls)
    if columns is not None:
        unknown = [c for c in columns if c not in df.columns]
        if unknown:
            raise ValueError(
                f"board_markdown: no column {unknown}; the board has {list(df.columns)}"
            )
        shown = [c for c in columns if c != "html_url" or ident is None]
    lines = [
        "| " + " | ".join(_md_escape(column_label(c)) for c in shown) + " |",
        "| "
        + " | ".join("---:" if pd.api.types.is_numeric_dtype(df[c]) else "---" for c in shown)
        + " |",
    ]
    for record in df.head(limit).to_dict("records"):
        cells = []
        for c in shown:
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
        lines += ["", "_(no rows)_"]
    elif len(df) > limit:
        more = len(df) - limit
        lines += ["", f"_… {more:,} more row{'s' if more > 1 else ''}_"]
    return "\n".join(lines)
