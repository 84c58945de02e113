"""Line charts as static SVG, drawn here: readable without JavaScript, tiny, offline.

Hand-written rather than plotly because the whole chart is a few polylines and axis labels;
plotly's 4.8 MB library made the report slow to open and blank without JavaScript. Every
text that came from data (repository names, group labels) goes through ``markupsafe.escape``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup, escape

COLORS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d",
          "#ff9da6", "#bab0ac", "#eeca3b")  # fmt: skip
GROWTH_CHART_REPOS = 10
MAX_POINTS = 160  # per line; weekly series of several years are thinned to this


@dataclass
class Line:
    name: str
    x: list[pd.Timestamp]
    y: list[float]
    href: str | None = None
    peak: bool = False  # mark the highest point


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _short(n: float) -> str:
    if abs(n) >= 1_000_000:
        return f"{n / 1_000_000:g}M"
    if abs(n) >= 1_000:
        return f"{n / 1_000:g}k"
    return f"{n:g}"


def _thin(x: list, y: list, limit: int = MAX_POINTS) -> tuple[list, list]:
    if len(x) <= limit:
        return x, y
    step = math.ceil(len(x) / limit)
    keep = list(range(0, len(x), step))
    if keep[-1] != len(x) - 1:
        keep.append(len(x) - 1)
    return [x[i] for i in keep], [y[i] for i in keep]


def line_chart(
    lines: Sequence[Line],
    dom_id: str,
    title: str,
    y_label: str,
    width: int = 960,
    height: int = 300,
    legend: bool = True,
) -> Markup | None:
    """An SVG line chart (dates on x) with axes, a legend and a <title> per line for hover."""
    lines = [ln for ln in lines if ln.x]
    if not lines:
        return None
    left, right, top, bottom = 56, 16, 28, 28
    xs = [t for ln in lines for t in ln.x]
    x0, x1 = min(xs).value, max(xs).value
    x1 = x1 if x1 > x0 else x0 + 1
    y1 = max(max(ln.y) for ln in lines)
    step = _nice_step(y1 or 1)
    y1 = max(step, math.ceil((y1 or 1) / step) * step)
    pw, ph = width - left - right, height - top - bottom

    def px(t: pd.Timestamp) -> float:
        return left + pw * (t.value - x0) / (x1 - x0)

    def py(v: float) -> float:
        return top + ph * (1 - v / y1)

    out = [
        f'<svg id="{escape(dom_id)}" class="chart-svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="{left}" y="16" class="ct">{escape(title)}</text>',
    ]
    v = 0.0
    while v <= y1 + 1e-9:
        y = py(v)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="g"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="yl">{_short(v)}</text>')
        v += step
    start, end = pd.Timestamp(x0), pd.Timestamp(x1)
    years = max(1, round((end - start).days / 365.25 / 6)) if (end - start).days > 400 else 0
    ticks = (
        pd.date_range(start.normalize(), end, freq=f"{12 * years}MS")
        if years
        else pd.date_range(start.normalize(), end, freq="MS")[:: max(1, (end - start).days // 180)]
    )
    for t in ticks:
        x = px(t)
        out.append(f'<text x="{x:.1f}" y="{height - 8}" class="xl">{t:%Y-%m}</text>')
    out.append(f'<text x="12" y="{top + ph / 2:.0f}" class="al" transform="rotate(-90 12 '
               f'{top + ph / 2:.0f})">{escape(y_label)}</text>')  # fmt: skip
    for i, ln in enumerate(lines):
        color = COLORS[i % len(COLORS)]
        x, y = _thin(ln.x, ln.y)
        points = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(x, y, strict=True))
        last = f"{ln.y[-1]:,.0f}"
        out.append(
            f'<polyline class="ln" data-name="{escape(ln.name)}" stroke="{color}" '
            f'points="{points}"><title>{escape(ln.name)}: {last} on {ln.x[-1]:%Y-%m-%d}'
            "</title></polyline>"
        )
        if ln.peak:
            k = max(range(len(ln.y)), key=ln.y.__getitem__)
            out.append(
                f'<circle class="pk" cx="{px(ln.x[k]):.1f}" cy="{py(ln.y[k]):.1f}" r="5" '
                f'fill="{color}"><title>{escape(ln.name)} peak {ln.x[k]:%Y-%m}: '
                f"{ln.y[k]:,.0f}</title></circle>"
            )
    out.append("</svg>")
    html = "".join(out)
    if legend:
        items = []
        for i, ln in enumerate(lines):
            color = COLORS[i % len(COLORS)]
            name = escape(ln.name)
            label = f'<a href="{escape(ln.href)}">{name}</a>' if ln.href else str(name)
            items.append(f'<li><i style="background:{color}"></i>{label}</li>')
        html += '<ul class="legend">' + "".join(items) + "</ul>"
    return Markup(html)


def growth_lines(
    star_series: pd.DataFrame | None,
    repos: Iterable[str] | None = None,
    limit: int = GROWTH_CHART_REPOS,
    pages=None,
) -> list[Line]:
    """Cumulative stars per week for the top ``limit`` repositories (optionally a subset)."""
    if star_series is None or star_series.empty:
        return []
    missing = {"full_name", "week", "cumulative_stars"} - set(star_series.columns)
    if missing:
        raise ValueError(f"star_series has no column {sorted(missing)}")
    data = star_series
    if repos is not None:
        data = data[data["full_name"].isin(set(repos))]
    data = data.assign(
        week=pd.to_datetime(data["week"], errors="coerce"),
        cumulative_stars=pd.to_numeric(data["cumulative_stars"], errors="coerce"),
    ).dropna(subset=["week", "cumulative_stars"])
    if data.empty:
        return []
    top = data.groupby("full_name")["cumulative_stars"].max().sort_values(ascending=False)
    lines = []
    for name in top.head(limit).index:
        g = data[data["full_name"] == name].sort_values("week")
        href = pages.repo(name) if pages is not None else None
        lines.append(
            Line(str(name), list(g["week"]), [float(v) for v in g["cumulative_stars"]], href)
        )
    return lines


def cycle_lines(df: pd.DataFrame, labels: Mapping[str, str]) -> list[Line]:
    """Stars gained per month, one line per group, peak marked."""
    data = df.assign(
        month=pd.to_datetime(df["month"], errors="coerce"),
        stars_gained=pd.to_numeric(df["stars_gained"], errors="coerce"),
    ).dropna(subset=["month", "stars_gained"])
    lines = []
    for group, g in data.groupby("group", sort=True):
        g = g.sort_values("month")
        label = str(labels.get(group, group))
        lines.append(
            Line(label, list(g["month"]), [float(v) for v in g["stars_gained"]], peak=True)
        )
    return lines


def sparkline(x: Sequence[pd.Timestamp], y: Sequence[float], label: str) -> Markup | None:
    """A small star curve for a person's or repository's page."""
    if len(x) < 2:
        return None
    return line_chart(
        [Line(label, list(x), list(y))], "", f"{label}: stars", "stars", 480, 160, legend=False
    )
