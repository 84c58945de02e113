"""Export the boards: one CSV per board, ``contacts.csv``, one Excel workbook, the HTML report
and a page per person and repository (``people/``, ``repos/``).

Everything is written into a fresh temporary folder beside ``out_dir`` and only then moved
into place, so an interrupted export never leaves a half-written file behind.

Formula safety. The workbook stores every text as text (``write_string``, never a formula);
a text a spreadsheet would run gets Excel's quote-prefix *style*, which is not part of the
value, so pandas and openpyxl read it unchanged. A CSV has no styles: a cell that could run in
a spreadsheet — it starts with ``=``, or with ``+ - @`` and holds a call or a reference
(``(``, ``!``, ``|``) — gets one leading apostrophe (OWASP), and ``restore_csv_text`` removes
it. Only such text from profiles and pages can match; every value ghtalent writes itself
(``@login #3`` lists, negative numbers, ``-`` in names) is left exactly as it is.
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

import numpy as np
import pandas as pd

from ghtalent.boards.background import Background
from ghtalent.boards.contacts import PUBLIC_NOTE, contact_sheet
from ghtalent.boards.report import (
    column_label,
    format_value,
    group_boards,
    is_missing,
    plan_pages,
    render_pages,
    render_report,
    safe_url,
    split_key,
)
from ghtalent.boards.report.detail import load_inputs
from ghtalent.boards.report.labels import board_title, column_zh
from ghtalent.boards.report.pages import Pages
from ghtalent.boards.report.text import HANDLE, is_decimal_column, is_percent_column

EXCEL_NAME = "boards.xlsx"
REPORT_NAME = "report.html"
CONTACTS_NAME = "contacts.csv"
PAGE_DIRS = ("people", "repos")
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


def could_run(value: Any) -> bool:
    """True for text that could run code or fetch a URL when a spreadsheet opens the CSV:
    any ``=`` formula, tab/CR tricks, or ``+ - @`` followed by a call or reference."""
    if not looks_like_formula(value):
        return False
    if value[0] in "=\t\r":
        return True
    return any(ch in value for ch in "(!|")


def neutralize_csv_text(value: Any) -> Any:
    """Prefix text that could run in a spreadsheet with ``'`` (OWASP); everything else as is."""
    if could_run(value):
        return "'" + value
    return value


def restore_csv_text(value: Any) -> Any:
    """Undo ``neutralize_csv_text`` on a value read back from an exported CSV."""
    if isinstance(value, str) and value.startswith("'") and could_run(value[1:]):
        return value[1:]
    return value


def csv_decimals(column: str) -> int | None:
    """Decimals a number in ``column`` means: 4 for shares (0.1234 = 12.34 %), 2 for scores
    and ratios, 0 for counts that arrive as floats (credited stars), else 3."""
    lowered = str(column).lower()
    if is_percent_column(column):
        return 4
    if is_decimal_column(column):
        return 2
    if any(h in lowered for h in ("stars", "forks", "followers", "audience", "gained", "rank")):
        return 0
    return 3


def rounded_for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Float columns rounded to what they mean (no 114.78577738515901); counts as integers."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            decimals = csv_decimals(c)
            out[c] = out[c].round(decimals)
            if decimals == 0:
                whole = out[c].dropna()
                if whole.map(float.is_integer).all():
                    out[c] = out[c].astype("Int64")
    return out


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [
        c
        for c in df.columns
        if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])
    ]


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """One board as UTF-8 CSV with a BOM (so Excel reads CJK right), formulas neutralized."""
    out = rounded_for_csv(df)
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
    if text.isascii():  # no ASCII character is wide
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_width(values: list, column: str) -> float:
    """A column's width from its header and the 90th percentile of its first 200 cells."""
    header = _display_width(column_label(column))
    widths = [_display_width(format_value(v, column)) for v in values[:200] if not is_missing(v)]
    widths.sort()
    typical = widths[int(len(widths) * 0.9)] if widths else 0
    limit = 50 if str(column).endswith("_url") else 60
    return float(min(max(header, typical, 6) + 2, limit))


def split_url_lists(df: pd.DataFrame) -> pd.DataFrame:
    """Each ``*_urls`` column (space-separated links) as numbered columns of one link each, so
    every URL in the workbook is a cell of its own and a clickable hyperlink."""
    out = df
    for column in [c for c in df.columns if str(c).endswith("_urls")]:
        lists = df[column].map(lambda v: str(v).split() if isinstance(v, str) else [])
        width = int(lists.map(len).max() or 0) if len(lists) else 0
        at = list(out.columns).index(column)
        out = out.drop(columns=[column])
        for i in range(max(width, 1)):
            out.insert(
                at + i, f"{column} {i + 1}", lists.map(lambda x, i=i: x[i] if i < len(x) else None)
            )
    return out


def _link_for(record: Mapping[str, Any], column: str, value: Any) -> str | None:
    """The hyperlink a cell carries: its own URL, or the profile/repo/X page it names."""
    column = str(column)
    if column.endswith("_url") or re.fullmatch(r".+_urls \d+", column):
        return safe_url(value)
    if column in ("login", "full_name"):
        return safe_url(record.get("html_url")) or safe_url(record.get("github_url"))
    if column == "owner_login":
        return safe_url(record.get("owner_url"))
    if column == "twitter_username" and isinstance(value, str) and HANDLE.fullmatch(value):
        return f"https://x.com/{value}"
    if column == "email" and isinstance(value, str) and "@" in value and " " not in value:
        return f"mailto:{value}"
    return None


def _write_cell(ws, row: int, col: int, value: Any, column: str, fmt: dict, urls: list[int],
                record: Mapping[str, Any] | None = None):  # fmt: skip
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
        if is_percent_column(column):
            number_format = fmt["percent"]
        elif isinstance(value, float) and not value.is_integer():
            number_format = fmt["decimal"]
        else:
            number_format = fmt["int"]
        ws.write_number(row, col, value, number_format)
        return
    text = format_value(value, column) if not isinstance(value, str) else value
    _write_text(ws, row, col, text, column, fmt, urls, record or {})


def _write_text(ws, row: int, col: int, text: str, column: str, fmt: dict, urls: list[int],
                record: Mapping[str, Any], linkable: bool = True) -> None:  # fmt: skip
    """A text cell: a hyperlink when it carries one, else a string (quote-prefixed when a
    spreadsheet would take it for a formula)."""
    text = text[:_EXCEL_MAX_CHARS]
    url = _link_for(record, column, text) if linkable else None
    if url and len(url) <= _EXCEL_MAX_URL and urls[0] < _EXCEL_MAX_URLS_PER_SHEET:
        ws.write_url(row, col, url, fmt["link"], string=text)
        urls[0] += 1
        return
    # write_string stores text as text; quote_prefix also keeps it text if a person re-edits it.
    ws.write_string(row, col, text, fmt["quoted"] if looks_like_formula(text) else fmt["cell"])


def _may_link(column: str) -> bool:
    """Whether ``_link_for`` can give a cell of this column a link."""
    return (
        column.endswith("_url")
        or re.fullmatch(r".+_urls \d+", column) is not None
        or column in ("login", "full_name", "owner_login", "twitter_username", "email")
    )


def _cell_writer(ws, col: int, column: str, dtype, fmt: dict, urls: list[int]):
    """``write(row, value, record)`` for one column: a numeric or boolean column's cells written
    straight away (what ``_write_cell`` would write for them), every other cell through it."""
    numpy = isinstance(dtype, np.dtype)  # not pandas' nullable Int64 / boolean (pd.NA cells)
    if numpy and dtype.kind in "fiu":  # numpy floats / ints: a Python float or int per cell
        blank, number = ws.write_blank, ws.write_number
        cell, whole, decimal = fmt["cell"], fmt["int"], fmt["decimal"]
        if is_percent_column(column):
            whole = decimal = fmt["percent"]

        def write_number(row: int, value, record) -> None:
            if value != value:  # NaN: unknown
                blank(row, col, None, cell)
            elif value.__class__ is float and not value.is_integer():
                number(row, col, value, decimal)
            else:
                number(row, col, value, whole)

        return write_number
    if numpy and dtype.kind == "b":  # numpy booleans: never missing
        boolean, cell = ws.write_boolean, fmt["cell"]
        return lambda row, value, record: boolean(row, col, value, cell)

    linkable = _may_link(column)

    def write_any(row: int, value, record) -> None:
        if value.__class__ is str:  # most cells of a text column: no other type to try
            _write_text(ws, row, col, value, column, fmt, urls, record, linkable)
        else:
            _write_cell(ws, row, col, value, column, fmt, urls, record)

    return write_any


def write_excel(
    boards: Mapping[str, pd.DataFrame],
    notes: Mapping[str, str],
    context: Mapping[str, Any],
    path: Path,
    contacts: pd.DataFrame | None = None,
) -> dict[str, str]:
    """The workbook: an index sheet, the contact sheet, then one sheet per board; returns
    {board key: sheet}."""
    import xlsxwriter

    labels = context.get("group_labels") or {}
    ordered = group_boards(boards, labels)
    sheets: dict[str, str] = {}
    used: set[str] = {"index", "contacts"}
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "remove_timezone": True,
            "in_memory": True,  # the parts assembled in memory, not as ~250 temporary files
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
        "percent": workbook.add_format({"num_format": "0.0%"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "link": workbook.add_format({"font_color": "blue", "underline": 1}),
        "note": workbook.add_format({"italic": True, "font_color": "#9C0006"}),
    }
    index = workbook.add_worksheet("index")
    if contacts is not None:
        ws = workbook.add_worksheet("contacts")
        _write_board_sheet(ws, contacts.drop(columns=["page"], errors="ignore"), PUBLIC_NOTE, fmt)
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
    if df is not None and not df.empty:
        df = split_url_lists(df)
    columns = list(df.columns) if df is not None else []
    if not columns:
        columns = ["note"]
    for col, column in enumerate(columns):
        ws.write_string(0, col, column_label(column), fmt["header"])
        zh = column_zh(column)
        if zh:
            ws.write_comment(0, col, zh)
    ws.freeze_panes(1, 0)
    if df is None or df.empty:
        ws.write_string(1, 0, f"No rows: {note}" if note else "No rows on this board.", fmt["note"])
        for col, column in enumerate(columns):
            ws.set_column(col, col, max(_display_width(column_label(column)) + 2, 12))
        return
    urls = [0]
    records = df.to_dict("records")
    writers = [
        _cell_writer(ws, c, str(column), df[column].dtype, fmt, urls)
        for c, column in enumerate(columns)
    ]
    for r, record in enumerate(records, start=1):  # row by row, as a reader scans the sheet
        for column, write in zip(columns, writers, strict=True):
            write(r, record[column], record)
    for c, column in enumerate(columns):
        ws.set_column(c, c, _column_width([record[column] for record in records], column))
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
    for col, title in enumerate(("board", "sheet", "rows", "note", "title", "标题")):
        ws.write_string(row, col, title, fmt["header"])
    for key, name in sheets.items():
        row += 1
        df = boards[key]
        ws.write_string(row, 0, key)
        en, zh = board_title(split_key(key)[1])
        ws.write_string(row, 4, en)
        ws.write_string(row, 5, zh)
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
    ws.set_column(4, 5, 36)


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
    sides: list[Background] = []
    try:
        loaded = load_inputs(context)  # once: the pages, their plan and the contact sheet
        pages = plan_pages(boards, loaded)
        inputs = context.get("inputs") or {}
        contacts = contact_sheet(boards, inputs.get("profiles"), pages)
        # The workbook and the report are written by other processes meanwhile.
        sides.append(Background(write_excel, boards, notes, context, tmp / EXCEL_NAME, contacts))
        sides.append(Background(_write_report, boards, notes, context, pages, tmp / REPORT_NAME))
        names: dict[str, str] = {}
        for key, df in boards.items():
            frame = df if df is not None else pd.DataFrame()
            names[key] = csv_name(key)
            write_csv(frame, tmp / names[key])
        write_csv(contacts, tmp / CONTACTS_NAME)
        for rel, page in render_pages(boards, context, pages, loaded).items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
        for folder in PAGE_DIRS:  # an export without pages still replaces the old ones
            (tmp / folder).mkdir(exist_ok=True)
        while sides:
            sides[0].result()
            sides.pop(0)
        return _move_into_place(tmp, out_dir, names)
    finally:
        for side in sides:  # this process failed first: the others stop before the cleanup
            side.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def _write_report(
    boards: Mapping[str, pd.DataFrame],
    notes: Mapping[str, str],
    context: Mapping[str, Any],
    pages: Pages,
    path: Path,
) -> None:
    path.write_text(render_report(boards, notes, context, pages), encoding="utf-8")


def _move_into_place(tmp: Path, out_dir: Path, names: dict[str, str]) -> dict[str, Path]:
    if not out_dir.exists():
        os.replace(tmp, out_dir)  # the whole export appears at once
    else:
        for entry in tmp.iterdir():
            target = out_dir / entry.name
            if entry.is_dir() and target.is_dir():
                old = out_dir / f".{entry.name}.old"
                shutil.rmtree(old, ignore_errors=True)
                os.replace(target, old)  # swap the folder, then drop the old one
                os.replace(entry, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(entry, target)  # each file atomically
        keep = set(names.values())
        for stale in out_dir.iterdir():
            if stale.is_file() and CSV_PATTERN.match(stale.name) and stale.name not in keep:
                stale.unlink()
    paths: dict[str, Path] = {key: out_dir / name for key, name in names.items()}
    paths["excel"] = out_dir / EXCEL_NAME
    paths["report"] = out_dir / REPORT_NAME
    paths["contacts"] = out_dir / CONTACTS_NAME
    for folder in PAGE_DIRS:
        paths[folder] = out_dir / folder
    return paths
