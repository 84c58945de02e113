"""The HTML report in a real browser: Debian's headless chromium driven by playwright.

Skips when /usr/bin/chromium is missing on a developer machine; fails under CI (CI=...),
where scripts/install_chromium.sh installs it.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from ghtalent.boards.export import export_boards

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "<svg onload=alert(3)>",
    "</script><script>alert(4)</script>",
]


def _require_browser():
    """playwright's sync API, or skip (developer machine) / fail (CI) with the reason."""
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing; run scripts/install_chromium.sh"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            missing = "the playwright package is missing; pip install -e '.[dev]'"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run under CI: {missing}")
        pytest.skip(missing)
    return sync_playwright


@contextmanager
def chromium_page(height: int) -> Iterator:
    """A new page in headless Chromium (1400 px wide, its own profile, 15 s timeouts), or a
    skip / failure as `_require_browser` says; the browser is closed afterwards."""
    sync_playwright = _require_browser()
    with (
        tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": height},
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def _inputs():
    people = pd.DataFrame(
        {
            "login": ["alice", "李雷", "mallory"],
            "html_url": [
                "https://github.com/alice",
                "https://github.com/lilei",
                "javascript:alert(5)",
            ],
            "name": ["Alice", "李雷", HOSTILE[0]],
            "bio": ["LLM systems", "大模型研究员", HOSTILE[1]],
            "company": ["OpenAI", HOSTILE[2], '=HYPERLINK("http://x","y")'],
            "stars": [120_000, 45_000, 300],
            "followers": [15_000, 800, 3],
            "power_score": [0.93, 0.51, 0.01],
            "top_repos": ["alice/llm-kit", "lilei/chatglm-tools", HOSTILE[3]],
        }
    )
    people.insert(0, "rank", [1, 2, 3])
    gems = people.assign(
        project_stars=[120_000, 45_000, 300],
        best_part=["owner", "lead, 45% of commits", HOSTILE[1]],
        x_status=["no X account linked", "known", "estimated (count unknown)"],
        twitter_followers=[None, 1_200.0, None],
        audience=[15_000, 2_000, 3],
        gem_score=[8.0, 22.5, 100.0],
    )
    repos = pd.DataFrame(
        {
            "rank": [1, 2],
            "full_name": ["alice/llm-kit", "org/rocket"],
            "html_url": ["https://github.com/alice/llm-kit", "https://github.com/org/rocket"],
            "description": ["火箭", HOSTILE[0]],
            "stars": [120_000, 60_000],
        }
    )
    lightning = pd.DataFrame(
        {
            "full_name": ["org/rocket"],
            "html_url": ["https://github.com/org/rocket"],
            "created_at": pd.to_datetime(["2023-03-01"]),
            "crossed_on": pd.to_datetime(["2023-03-13"]),
            "days_to_threshold": [12],
            "source": ["star_history_estimate"],
        }
    )
    months = pd.to_datetime(["2022-10-01", "2023-03-01", "2023-06-01"])
    cycles = pd.DataFrame(
        {
            "group": ["language_models"] * 3 + ["diffusion"] * 3,
            "month": list(months) * 2,
            "stars_gained": [1_000, 50_000, 20_000, 30_000, 9_000, 4_000],
        }
    )
    weeks = pd.date_range("2023-01-01", periods=10, freq="W-SUN")
    series = pd.concat(
        [
            pd.DataFrame({"full_name": name, "week": weeks, "cumulative_stars": steps})
            for name, steps in {
                "org/rocket": [i * 6_000 for i in range(10)],
                "alice/llm-kit": [100_000 + i * 2_000 for i in range(10)],
                HOSTILE[3]: list(range(10)),
            }.items()
        ],
        ignore_index=True,
    )
    boards = {
        "overall/people_power": people,
        "overall/team_power": people.iloc[0:0],
        "overall/hidden_gems": gems,
        "overall/lightning": lightning,
        "overall/repos": repos,
        "overall/modality_cycles": cycles,
        "diffusion/people_power": people.iloc[1:],
    }
    notes = {"overall/team_power": "no organizations this run " + HOSTILE[0]}
    context = {
        "date": "2026-11-24",
        # A hostile label reaches both the HTML and the chart legend.
        "group_labels": {"language_models": "LLM/GLM/LLaMA/LM", "diffusion": HOSTILE[2]},
        "requests": {"search": 60, "rest": 1_234},
        "star_series": series,
    }
    return boards, notes, context


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    """The exported report loaded in headless chromium, with dialogs and errors recorded."""
    boards, notes, context = _inputs()
    paths = export_boards(boards, notes, context, tmp_path_factory.mktemp("report") / "out")
    events: dict[str, list[str]] = {"dialogs": [], "errors": []}
    with chromium_page(height=1000) as page:

        def on_dialog(dialog):
            events["dialogs"].append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: events["errors"].append(str(error)))
        page.goto(paths["report"].as_uri(), wait_until="load")
        page.wait_for_selector("svg#chart-growth polyline")
        page.wait_for_selector("svg#chart-cycles polyline")
        page.hover("table.board td.i")  # give any injected handler a chance to fire
        page.wait_for_timeout(300)
        yield page, events


def test_missing_chromium_skips_locally_but_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install_chromium.sh"):
        _require_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="under CI"):
        _require_browser()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshot_is_a_real_picture(report_page, tmp_path):
    page, _ = report_page
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    width, height = _png_size(data)
    assert width >= 1000 and height >= 1500, (width, height)
    assert len(data) > 50_000, "a blank page compresses to a few KB"


def test_tables_render_with_rows(report_page):
    page, _ = report_page
    rows = page.locator("table.board#board-overall-people_power tbody tr")
    assert rows.count() == 3
    assert page.locator("table.board tbody tr").count() >= 8
    assert page.locator("#board-overall-people_power a[href='https://github.com/alice']").count()


def test_charts_render_as_lines_with_a_legend(report_page):
    page, _ = report_page
    assert page.locator("svg#chart-growth polyline").count() == 3, "one line per repository"
    assert page.locator("svg#chart-cycles polyline").count() == 2, "one line per group"
    assert page.locator("svg#chart-cycles circle").count() == 2, "each group's peak marked"
    box = page.locator("svg#chart-growth").bounding_box()
    assert box["width"] > 600 and box["height"] > 150, box
    legend = page.locator(".chart-growth ul.legend").inner_text()
    assert "org/rocket" in legend and HOSTILE[3] in legend, "names shown as text"


def test_hostile_text_is_inert_and_shown_as_text(report_page):
    page, events = report_page
    assert events["dialogs"] == [], f"a JS dialog fired: {events['dialogs']}"
    assert events["errors"] == [], f"page errors: {events['errors']}"
    assert page.locator("img").count() == 0
    assert page.locator("table.board svg").count() == 0
    assert page.locator("svg script, svg [onload]").count() == 0
    text = page.inner_text("#board-overall-people_power")
    assert HOSTILE[0] in text and "onerror=alert(2)" in text
    assert page.locator("a[href^='javascript']").count() == 0
