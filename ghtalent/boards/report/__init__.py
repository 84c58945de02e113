"""The readable HTML report, the pages per person and repository, and Markdown previews.

Split by section: ``text`` (display values, safe links), ``labels`` (English + Chinese, from
labels.toml), ``tables`` (boards as tables, scout columns first), ``charts`` (static SVG),
``findings``, ``terms``, ``detail`` (person / repository pages), ``render`` (jinja2 with
autoescape), ``markdown`` (Dagster UI previews).
"""

from ghtalent.boards.report.findings import cycle_peaks
from ghtalent.boards.report.markdown import board_markdown
from ghtalent.boards.report.pages import Pages, page_slug
from ghtalent.boards.report.render import group_boards, plan_pages, render_pages, render_report
from ghtalent.boards.report.tables import REPORT_ROW_LIMIT, build_table
from ghtalent.boards.report.text import (
    column_label,
    format_number,
    format_value,
    is_missing,
    safe_url,
    split_key,
)

__all__ = [
    "REPORT_ROW_LIMIT", "Pages", "board_markdown", "build_table", "column_label", "cycle_peaks",
    "format_number", "format_value", "group_boards", "is_missing", "page_slug", "plan_pages",
    "render_pages", "render_report", "safe_url", "split_key",
]  # fmt: skip
