"""Display text for board cells: numbers, dates, unknowns, safe links, evidence links.

Every value from GitHub or a scraped page reaches HTML only through jinja2 autoescape (or
``markupsafe.escape`` in the SVG charts); links are kept only when they are http(s).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

# Counts that may arrive as floats (pro-rata gains, credit-weighted stars): whole numbers.
_COUNT_HINTS = ("gained", "stars", "forks", "followers", "audience", "contributions")
# Ratios and scores keep decimals.
_DECIMAL_HINTS = ("score", "ratio", "speed", "per_", "rate", "weight", "momentum", "bonus")
# Fractions of 1 shown as percentages (the Excel sheet formats them the same way).
PERCENT_COLUMNS = ("share", "recent_share", "share_of_top", "peak_share")
_REPO_REF = re.compile(
    r"(?<![\w./-])([A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100})(?![\w/])"
)
HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")  # an X/Twitter handle
# "@login" in evidence text: a person (places boards list "@login #rank").
_LOGIN_REF = re.compile(r"(?<![\w@])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?![\w/-])")
_EVIDENCE_REF = re.compile(f"{_REPO_REF.pattern}|{_LOGIN_REF.pattern}")


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
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # the common cells, decided at once
        return False
    if kind is float:
        return value != value  # NaN
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value)) if not isinstance(value, (str, bytes, list, dict)) else False
    except (TypeError, ValueError):
        return False


@lru_cache(maxsize=4096)
def _number_style(column: str) -> tuple[bool, bool, bool]:
    """(percent, decimal, count) of a column, read from its name once."""
    lowered = column.lower()
    return (
        column in PERCENT_COLUMNS or column.endswith("_share"),
        any(hint in lowered for hint in _DECIMAL_HINTS),
        any(hint in lowered for hint in _COUNT_HINTS),
    )


def is_percent_column(column: str) -> bool:
    return _number_style(str(column))[0]


def is_decimal_column(column: str) -> bool:
    return _number_style(str(column))[1]


def format_number(value: Any, column: str = "") -> str:
    """Thousands separators for counts; a few decimals for scores and ratios; % for shares."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    number = float(value)
    if math.isnan(number):
        return ""
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    percent, decimal, count = _number_style(str(column))
    if percent:
        return f"{100 * number:.0f} %"
    if decimal:
        if abs(number) >= 1000:
            return f"{number:,.0f}"
        if abs(number) >= 10:
            return f"{number:,.1f}"
        return f"{number:,.2f}"
    if number.is_integer() or count:
        return f"{round(number):,}"
    return f"{number:,.2f}"


def format_value(value: Any, column: str = "") -> str:
    """A cell as display text: numbers formatted, timestamps as dates, unknown as ''."""
    kind = type(value)
    if kind is str:  # most cells: text is shown as it is
        return value
    if kind is float or kind is int:  # the other most common cells, straight to the number
        return "" if value != value else format_number(value, column)
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


def sort_value(value: Any) -> str:
    """What the table's sort reads (``data-v``): the raw number, or '' for text and unknowns."""
    if is_missing(value) or isinstance(value, bool | str):
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, int | float):
        return f"{float(value):.6g}" if math.isfinite(float(value)) else ""
    if isinstance(value, pd.Timestamp | datetime | date | np.datetime64):
        return str(pd.Timestamp(value).value // 10**9)
    return ""


def column_label(column: str) -> str:
    """``stars_gained_30d`` -> ``stars gained 30d``."""
    return str(column).replace("_", " ")


@dataclass(frozen=True)
class Part:
    """A piece of text in a cell or a finding; escaped by the template."""

    text: str
    href: str | None = None
    strong: bool = False


def num(value: Any, column: str = "") -> Part:
    return Part(format_value(value, column), strong=True)


def link(text: Any, url: Any) -> Part:
    return Part(format_value(text), href=url if _is_page(url) else safe_url(url))


def _is_page(url: Any) -> bool:
    """A relative link to one of the export's own pages (people/…, repos/…)."""
    return isinstance(url, str) and re.fullmatch(r"(\.\./)?(people|repos)/[\w.%-]+\.html", url)


def evidence_parts(text: str, pages=None) -> list[Part]:
    """Evidence text with each ``owner/repo`` and ``@login`` linked (to its page when the
    export has one, else to GitHub)."""
    parts: list[Part] = []
    last = 0
    for match in _EVIDENCE_REF.finditer(text):
        if match.start() > last:
            parts.append(Part(text[last : match.start()]))
        repo, login = match.group(1), match.group(2)
        href = f"https://github.com/{repo or login}"
        if pages is not None:
            href = (pages.repo(repo) if repo else pages.person(login)) or href
        parts.append(Part(match.group(0), href=href))
        last = match.end()
    if last < len(text):
        parts.append(Part(text[last:]))
    return parts
