"""Export the boards: one CSV per board, one Excel workbook, one HTML report.

Everything is written into a fresh temporary folder beside ``out_dir`` and only then moved
into place, so an interrupted export never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ghtalent.boards.report import (
    column_label,
    format_value,
    group_boards,
    is_missing,
    render_report,
    safe_url,
    split_key,
)

EXCEL_NAME = "boards.xlsx"
REPORT_NAME = "report.html"
CSV_PATTERN = re.compile(r"^[A-Za-z0-9_-]+__[A-Za-z0-9_-]+\.csv$")
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOARD_SHORT = {
    "people_power": "people",
    "team_power": "teams",
    "hidden_gems": "gems",
    "cross_modal": "cross-modal",
    "lightning": "lightning",
    "repos": "repos",
    "growth": "growth",
    "modality_cycles": "cycles",
    "modality_peaks": "peaks",
    "top_terms": "terms",
}
_EXCEL_MAX_CHARS = 32_767
_EXCEL_MAX_URL = 2_079
_EXCEL_MAX_URLS_PER_SHEET = 65_530


def csv_name(key: str) -> str:
    """``"overall/people_power"`` -> ``"overall__people_power.csv"``."""
    scope, board = split_key(key)
    return f"{scope}__{board}.csv"


def looks_like_formula(value: Any) -> bool:
    """True for text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...)."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralize_csv_text(value: Any) -> Any:
    """Prefix formula-looking text with ``'`` so a spreadsheet opening the CSV shows text.

    This is OWASP's advice for CSV injection; it changes the stored text by one leading
    quote, which ``restore_csv_text`` removes for programs reading the CSV back.
    """
    if looks_like_formula(value):
        return "'" + value
    return value


def restore_csv_text(value: Any) -> Any:
    """Undo ``neutralize_csv_text`` on a value read back from an exported CSV."""
    if isinstance(value, str) and value.startswith("'") and looks_like_formula(value[1:]):
        return value[1:]
    return value


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [
        c
        for c in df.columns
        if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])
    ]


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """One board as UTF-8 CSV with a BOM (so Excel reads CJK right), formulas neutralized."""
    out = df.copy()
    for c in _text_columns(out):
        out[c] = out[c].map(neutralize_csv_text)
    out.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


# --------------------------------------------------------------------------- Excel


def sheet_name(key: str, used: set[str]) -> str:
    """A unique Excel sheet name (≤ 31 chars, none of ``[]:*?/\\``) for a board key."""
    scope, board = split_key(key)
    short = BOARD_SHORT.get(board, board)
    room = 31 - len(short) - 1
    base = f"{scope[: max(room, 1)]} {short}"[:31]
    base = re.sub(r"[\[\]:*?/\\]", "_", base).strip("'") or "board"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def _display_width(text: str) -> int:
    """Characters as Excel column units: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_width(df: pd.DataFrame, column: str) -> float:
    header = _display_width(column_label(column))
    sample = df[column].head(200)
    widths = [_display_width(format_value(v, column)) for v in sample if not is_missing(v)]
    widths.sort()
    typical = widths[int(len(widths) * 0.9)] if widths else 0
    limit = 50 if str(column).endswith("_url") else 60
    return float(min(max(header, typical, 6) + 2, limit))


def _write_cell(ws, row: int, col: int, value: Any, column: str, fmt: dict, urls: list[int]):
    """One cell with its proper type; text is always text, never a formula."""
    if is_missing(value):
        ws.write_blank(row, col, None, fmt["cell"])
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt["cell"])
        return
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            value = value.tz_convert("UTC").tz_localize(None)
        ws.write_datetime(row, col, value.to_pydatetime(), fmt["date"])
        return
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, int | float) and not isinstance(value, bool):
        number_format = (
            fmt["decimal"] if isinstance(value, float) and not value.is_integer() else fmt["int"]
        )
        ws.write_number(row, col, value, number_format)
        return
    text = format_value(value, column) if not isinstance(value, str) else value
    text = text[:_EXCEL_MAX_CHARS]
    url = safe_url(text) if str(column).endswith("_url") else None
    if url and len(url) <= _EXCEL_MAX_URL and urls[0] < _EXCEL_MAX_URLS_PER_SHEET:
        ws.write_url(row, col, url, fmt["link"], string=url)
        urls[0] += 1
        return
    # write_string stores text as text; quote_prefix also keeps it text if a person re-edits it.
    ws.write_string(row, col, text, fmt["quoted"] if looks_like_formula(text) else fmt["cell"])


def write_excel(
    boards: Mapping[str, pd.DataFrame],
    notes: Mapping[str, str],
    context: Mapping[str, Any],
    path: Path,
) -> dict[str, str]:
    """The workbook: an index sheet, then one sheet per board; returns {board key: sheet}."""
    import xlsxwriter

    labels = context.get("group_labels") or {}
    ordered = group_boards(boards, labels)
    sheets: dict[str, str] = {}
    used: set[str] = {"index"}
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
        },
    )
    fmt = {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True}
        ),
        "cell": workbook.add_format({}),
        "quoted": workbook.add_format({"quote_prefix": True}),
        "int": workbook.add_format({"num_format": "#,##0"}),
        "decimal": workbook.add_format({"num_format": "#,##0.00"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "link": workbook.add_format({"font_color": "blue", "underline": 1}),
        "note": workbook.add_format({"italic": True, "font_color": "#9C0006"}),
    }
    index = workbook.add_worksheet("index")
    for scope, scoped in ordered.items():
        for board, df in scoped.items():
            key = f"{scope}/{board}"
            name = sheet_name(key, used)
            sheets[key] = name
            _write_board_sheet(workbook.add_worksheet(name), df, notes.get(key), fmt)
    _write_index_sheet(index, sheets, boards, notes, context, fmt)
    workbook.close()
    return sheets


def _write_board_sheet(ws, df: pd.DataFrame, note: str | None, fmt: dict) -> None:
    columns = list(df.columns) if df is not None else []
    if not columns:
        columns = ["note"]
    for col, column in enumerate(columns):
        ws.write_string(0, col, column_label(column), fmt["header"])
    ws.freeze_panes(1, 0)
    if df is None or df.empty:
        ws.write_string(1, 0, f"No rows: {note}" if note else "No rows on this board.", fmt["note"])
        for col, column in enumerate(columns):
            ws.set_column(col, col, max(_display_width(column_label(column)) + 2, 12))
        return
    urls = [0]
    for r, record in enumerate(df.itertuples(index=False, name=None), start=1):
        for c, value in enumerate(record):
            _write_cell(ws, r, c, value, str(columns[c]), fmt, urls)
    for c, column in enumerate(columns):
        ws.set_column(c, c, _column_width(df, column))
    ws.autofilter(0, 0, len(df), len(columns) - 1)
    if note:
        # Below the table so filters and sorting on the board are unaffected.
        ws.write_string(len(df) + 2, 0, f"Note: {note}", fmt["note"])


def _write_index_sheet(ws, sheets, boards, notes, context, fmt) -> None:
    ws.write_string(0, 0, "ghtalent boards", fmt["header"])
    ws.write_string(0, 1, str(context.get("date") or ""), fmt["header"])
    if context.get("source_note"):  # where the data came from; says so when it is synthetic
        ws.write_string(1, 0, str(context["source_note"]))
    row = 2
    for kind, count in (context.get("requests") or {}).items():
        ws.write_string(row, 0, f"requests: {column_label(str(kind))}")
        if isinstance(count, int | float):
            ws.write_number(row, 1, count, fmt["int"])
        else:
            ws.write_string(row, 1, str(count))
        row += 1
    row += 1
    for col, title in enumerate(("board", "sheet", "rows", "note")):
        ws.write_string(row, col, title, fmt["header"])
    for key, name in sheets.items():
        row += 1
        df = boards[key]
        ws.write_string(row, 0, key)
        ws.write_url(row, 1, f"internal:'{name}'!A1", fmt["link"], string=name)
        ws.write_number(row, 2, 0 if df is None else len(df), fmt["int"])
        note = notes.get(key)
        if note:
            ws.write_string(
                row, 3, note, fmt["quoted"] if looks_like_formula(note) else fmt["cell"]
            )
    for key, note in notes.items():
        if key not in sheets:  # run-wide notes ("inputs") and notes on boards not exported
            row += 1
            ws.write_string(row, 0, str(key))
            ws.write_string(
                row, 3, note, fmt["quoted"] if looks_like_formula(note) else fmt["cell"]
            )
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 28)
    ws.set_column(2, 2, 10)
    ws.set_column(3, 3, 80)


# --------------------------------------------------------------------------- the export


def export_boards(
    boards: Mapping[str, pd.DataFrame],
    notes: Mapping[str, str],
    context: Mapping[str, Any],
    out_dir: Path,
) -> dict[str, Path]:
    """Write every board as CSV, all of them as ``boards.xlsx``, and ``report.html``.

    Returns {board key: CSV path, "excel": workbook path, "report": HTML path}. Files are
    written into a temporary folder first and renamed into ``out_dir``; CSVs of boards that
    no longer exist are removed from ``out_dir`` so it always matches one export.
    """
    out_dir = Path(out_dir)
    notes = dict(notes or {})
    for key in boards:
        split_key(key)  # fail early, before writing anything, on a malformed key
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        names: dict[str, str] = {}
        for key, df in boards.items():
            frame = df if df is not None else pd.DataFrame()
            names[key] = csv_name(key)
            write_csv(frame, tmp / names[key])
        write_excel(boards, notes, context, tmp / EXCEL_NAME)
        html = render_report(boards, notes, context)
        (tmp / REPORT_NAME).write_text(html, encoding="utf-8")
        return _move_into_place(tmp, out_dir, names)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _move_into_place(tmp: Path, out_dir: Path, names: dict[str, str]) -> dict[str, Path]:
    if not out_dir.exists():
        os.replace(tmp, out_dir)  # the whole export appears at once
    else:
        for entry in tmp.iterdir():
            os.replace(entry, out_dir / entry.name)  # each file atomically
        keep = set(names.values())
        for stale in out_dir.iterdir():
            if stale.is_file() and CSV_PATTERN.match(stale.name) and stale.name not in keep:
                stale.unlink()
    paths: dict[str, Path] = {key: out_dir / name for key, name in names.items()}
    paths["excel"] = out_dir / EXCEL_NAME
    paths["report"] = out_dir / REPORT_NAME
    return paths
