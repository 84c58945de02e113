"""End to end, as a user runs it and as a scouting team reads it: `python -m ghtalent.demo`
over the local mirror, in subprocesses with their own data folder, config and Dagster
instance. Two runs on two dates (30 repositories per keyword, then 40 a week later: the wider
search finds more), then the exports: the report in headless Chromium, the person pages, the
contact sheet, the workbook's links and the rank movement between the two snapshots. A
same-day rerun and a config change come last: they rewrite the second date's exports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from ghtalent_tests.boards.test_report_browser import chromium_page
from ghtalent_tests.e2e.demo_runs import KEYWORDS, demo, requests_line, table, with_keywords
from ghtalent_tests.e2e.demo_runs import workdir as make_workdir

FIRST, SECOND = "2026-11-23", "2026-11-30"
SCOUT_COLUMNS = ("company", "country", "X (Twitter)", "homepage")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two demo runs in one data folder: 30 repositories per keyword, then 40 a week later."""
    root = tmp_path_factory.mktemp("demo")
    env = make_workdir(root)
    config = Path(env["GHTALENT_CONFIG_DIR"])
    outputs = {"root": root, "env": env, "home": root / "dagster_home"}
    for date, per_keyword in ((FIRST, 30), (SECOND, 40)):
        (config / "keywords.toml").write_text(with_keywords(KEYWORDS, per_keyword), "utf-8")
        result = demo(env, "--date", date)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs[date] = root / "data" / "mirror" / "exports" / date
        outputs[f"stdout {date}"] = result.stdout
    return outputs


def warehouse_table(runs, sql: str, *params) -> pd.DataFrame:
    return table(runs["root"] / "data" / "mirror" / "warehouse.duckdb", sql, list(params))


def test_demo_fetches_enriches_scores_and_exports(runs):
    stdout = runs[f"stdout {FIRST}"]
    counts = requests_line(stdout)
    assert counts["search"] == 2 and counts["core"] > 80 and counts["graphql"] >= 2
    repos = warehouse_table(
        runs,
        "select keyword, count(*) n, count(distinct full_name) d from ghtalent.keyword_repos "
        "where date = ? group by 1",
        pd.Timestamp(FIRST),
    )
    assert (
        set(repos["keyword"]) == {"llm", "diffusion"}
        and (repos["n"] == 30).all()
        and (repos["d"] == 30).all()
    )
    people = warehouse_table(runs, "select * from ghtalent.enriched_profiles")
    assert len(people) > 200
    for field in (
        "company",
        "university",
        "country",
        "twitter_followers",
        "research_topics",
        "active_from",
    ):
        assert people[field].notna().sum() > 0, field
    assert not people["login"].str.lower().str.endswith("[bot]").any()
    assert (people["scraped"] == "ok").sum() > 0
    out = runs[FIRST]
    assert (out / "report.html").stat().st_size > 100_000  # every board, CSS and script inline
    assert (out / "boards.xlsx").exists()
    assert (out / "overall__people_power.csv").exists() and (out / "diffusion__repos.csv").exists()
    boards = warehouse_table(
        runs,
        "select board, count(*) n from ghtalent.boards where date = ? group by 1",
        pd.Timestamp(FIRST),
    )
    assert boards.set_index("board").loc["overall/people_power", "n"] > 10
    assert "distinct repositories" in stdout and "report:" in stdout


def test_unknown_keyword_is_named_with_the_known_ones(runs):
    result = demo(runs["env"], "--date", SECOND, "--keywords", "gtp")
    assert result.returncode == 2
    assert "'gtp'" in result.stderr and "llm" in result.stderr and "diffusion" in result.stderr


def test_live_mode_without_token_says_how_to_set_one(runs):
    result = demo({**runs["env"], "GHTALENT_SOURCE": "live"}, "--date", SECOND)
    assert result.returncode == 2
    assert "GITHUB_TOKEN" in result.stderr and "make demo" in result.stderr


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_first_snapshot_says_there_is_nothing_to_compare(runs):
    movement = _soup(runs[FIRST] / "report.html").find(id="movement").get_text(" ")
    assert "first snapshot: there is nothing to compare yet" in movement
    board = pd.read_csv(runs[FIRST] / "overall__people_power.csv", encoding="utf-8-sig")
    assert board["movement"].isna().all() and board["previous_rank"].isna().all()


def test_second_snapshot_shows_rank_movement(runs):
    board = pd.read_csv(runs[SECOND] / "overall__repos.csv", encoding="utf-8-sig")
    moves = board["movement"].astype(str)
    assert (moves == "new").sum() > 0, "repositories found only by the wider search are new"
    assert moves.str.startswith("↓").sum() > 0, "the ones they overtook moved down"
    carried = board[board["movement"] != "new"]
    assert carried["previous_rank"].notna().all()
    for row in carried.to_dict("records"):  # the change is the difference of the two ranks
        delta = int(row["previous_rank"]) - int(row["rank"])
        assert row["movement"] == (
            "same" if delta == 0 else f"↑{delta}" if delta > 0 else f"↓{-delta}"
        )
    section = _soup(runs[SECOND] / "report.html").find(id="movement")
    text = " ".join(section.get_text(" ").split())
    assert f"compared with {FIRST}" in text and "entered" in text
    people = pd.read_csv(runs[SECOND] / "overall__people_power.csv", encoding="utf-8-sig")
    assert people["movement"].notna().all()


def test_demo_runs_are_named_by_what_they_materialize(runs):
    with sqlite3.connect(runs["home"] / "history" / "runs.db") as con:
        names = {row[0] for row in con.execute("select pipeline_name from runs")}
    assert names == {"refresh_job", "boards_job"}, names


def test_report_is_small_and_names_every_repo_that_lacked_a_list(runs):
    report = runs[SECOND] / "report.html"
    assert report.stat().st_size < 1_500_000
    soup = _soup(report)
    assert "plotly" not in str(soup).lower()
    lacking = set(
        warehouse_table(
            runs,
            "SELECT DISTINCT r.full_name FROM ghtalent.keyword_repos r WHERE r.date = ? "
            "AND NOT EXISTS (SELECT 1 FROM ghtalent.contributors c WHERE c.date = r.date "
            "AND c.full_name = r.full_name)",
            pd.Timestamp(SECOND),
        )["full_name"]
    )
    caveats = soup.find(id="caveats")
    text = caveats.get_text(" ") if caveats else ""
    named = {a.get_text() for a in caveats.find_all("a")} if caveats else set()
    assert lacking <= named, "every repository without a contributor list is named"
    assert ("no contributor list" in text) == bool(lacking)


def test_contact_sheet_in_csv_and_workbook(runs):
    contacts = pd.read_csv(runs[SECOND] / "contacts.csv", encoding="utf-8-sig")
    for column in ("login", "email", "homepage_url", "x_url", "linkedin_url", "company",
                   "country", "on_boards", "best_rank"):  # fmt: skip
        assert column in contacts.columns, column
    people = pd.read_csv(runs[SECOND] / "overall__people_power.csv", encoding="utf-8-sig")
    assert set(people["login"]) <= set(contacts["login"]), "everyone on a board is on the sheet"
    assert contacts["on_boards"].str.contains("overall/people_power #1").any()
    assert contacts["email"].notna().sum() > 0, "public e-mail reaches the sheet"
    assert contacts["linkedin_url"].notna().sum() > 0, "LinkedIn from profiles and homepages"
    wb = openpyxl.load_workbook(runs[SECOND] / "boards.xlsx")
    sheet = wb["contacts"]
    header = [c.value for c in sheet[1]]
    assert "email" in header and "on boards" in header
    notes = [r[0].value for r in sheet.iter_rows(min_row=sheet.max_row - 1) if r[0].value]
    assert any("Public data only" in str(n) for n in notes)


def test_every_url_cell_in_the_workbook_is_a_hyperlink(runs):
    wb = openpyxl.load_workbook(runs[SECOND] / "boards.xlsx")
    urls = linked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("http://", "https://")):
                    urls += 1
                    assert cell.hyperlink is not None, f"{ws.title}!{cell.coordinate}"
                    linked += 1
    assert urls > 1000 and linked == urls
    people = wb["overall people"]
    header = [c.value for c in people[1]]
    login = people.cell(row=2, column=header.index("login") + 1)
    assert login.hyperlink is not None and login.hyperlink.target.startswith("https://github.com/")
    shares = wb["overall repos"]
    header = [c.value for c in shares[1]]
    share = shares.cell(row=2, column=header.index("recent share") + 1)
    assert "%" in share.number_format


@pytest.fixture(scope="module")
def browser_page(runs):
    with chromium_page(height=900) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((runs[SECOND] / "report.html").as_uri(), wait_until="load")
        yield page, errors


def _column(page, table: str, heading: str) -> list[str]:
    index = page.evaluate(
        """([t, h]) => Array.from(document.querySelectorAll(t + ' thead th'))
             .findIndex(th => th.firstChild.textContent.trim() === h)""",
        [table, heading],
    )
    assert index >= 0, heading
    return page.eval_on_selector_all(
        f"{table} tbody tr:not([hidden])",
        f"rows => rows.map(r => r.cells[{index}].textContent.trim())",
    )


def test_contact_columns_are_in_the_first_screen_of_the_people_board(browser_page):
    page, errors = browser_page
    table = "#board-overall-people_power"
    page.locator(table).scroll_into_view_if_needed()
    width = page.viewport_size["width"]
    for heading in SCOUT_COLUMNS:
        th = page.locator(f"{table} thead th").filter(has_text=heading).first
        box = th.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width, (heading, box)
    assert errors == []


def test_sorting_a_board_by_a_column(browser_page):
    page, _ = browser_page
    table = "#board-overall-people_power"
    page.locator(f"{table} thead th").filter(has_text="followers").first.click()
    first = [float(v.replace(",", "")) for v in _column(page, table, "followers") if v != "—"]
    assert first == sorted(first), "ascending after one click"
    page.locator(f"{table} thead th").filter(has_text="followers").first.click()
    again = [float(v.replace(",", "")) for v in _column(page, table, "followers") if v != "—"]
    assert again == sorted(again, reverse=True), "descending after the second"


def test_filtering_a_board_and_searching_every_board(browser_page):
    page, _ = browser_page
    table = "#board-overall-people_power"
    countries = [c for c in _column(page, table, "country") if c != "—"]
    wanted = max(set(countries), key=countries.count)
    tools = page.locator('.tools[data-for="board-overall-people_power"]')
    tools.locator("select").select_option(label="country")
    tools.locator("input").fill(wanted)
    shown = _column(page, table, "country")
    assert shown and all(wanted.lower() in c.lower() for c in shown)
    assert len(shown) == countries.count(wanted) or len(shown) >= countries.count(wanted)
    assert "rows" in tools.locator(".count").inner_text()
    tools.locator("input").fill("")
    assert len(_column(page, table, "country")) >= len(countries)
    login = _column(page, table, "login")[0]
    page.fill("#search", login)
    assert page.locator(f"{table} tbody tr:not([hidden])").count() >= 1
    assert "matching rows" in page.inner_text("#search-count")
    page.fill("#search", "")


def test_a_board_row_opens_the_persons_page(browser_page):
    page, _ = browser_page
    link = page.locator("#board-overall-people_power tbody tr td.i a").first
    login = link.inner_text()
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and "/people/" in page.url
    text = page.inner_text("body")
    assert login in text
    assert "Ranks on every board" in text and "Repositories and their share" in text
    assert page.locator('a[data-link="GitHub"]').count() == 1
    assert page.locator("#person-repos tbody tr").count() >= 1
    assert "Most powerful developers" in page.inner_text("table.board")
    page.go_back()


# These two rerun the second date: they come last, after every test that reads its exports.


def test_same_day_rerun_spends_no_requests_and_duplicates_nothing(runs):
    count = "select count(*) n from ghtalent.contributors"
    before = warehouse_table(runs, count).iloc[0, 0]
    again = demo(runs["env"], "--date", SECOND)
    assert again.returncode == 0, again.stderr
    counts = requests_line(again.stdout)
    assert counts["search"] == counts["graphql"] == 0 and counts["cache"] > 80
    # only error answers (a deleted or blocked repository: 404/451) are asked again
    assert counts["core"] <= 4
    assert warehouse_table(runs, count).iloc[0, 0] == before


def test_config_change_reshapes_boards_without_code_change(runs):
    env, out = runs["env"], runs[SECOND]
    before = (
        pd.read_csv(out / "overall__people_power.csv", encoding="utf-8-sig")["login"]
        .head(10)
        .tolist()
    )
    config = Path(env["GHTALENT_CONFIG_DIR"])
    scoring = (config / "scoring.toml").read_text(encoding="utf-8")
    keywords = (config / "keywords.toml").read_text(encoding="utf-8")
    (config / "scoring.toml").write_text(
        scoring.replace(
            "weights = { stars = 0.35, forks = 0.35, followers = 0.30 }",
            "weights = { stars = 0.0, forks = 0.0, followers = 1.0 }",
        ),
        encoding="utf-8",
    )
    with open(config / "keywords.toml", "a", encoding="utf-8") as f:
        f.write(
            '\n[[group]]\nslug = "everything"\nlabel = "All"\nkeywords = ["llm", "diffusion"]\n'
        )
    try:
        result = demo(env, "--date", SECOND)
        assert result.returncode == 0, result.stderr
        after = pd.read_csv(out / "overall__people_power.csv", encoding="utf-8-sig")
        assert after["login"].head(10).tolist() != before
        # followers alone now decide (plus the multi-project bonus)
        expected = after["score_followers"] + after["bonus"]
        # each of the three CSV values is rounded to 2 decimals: at most 3 × 0.005 apart
        assert (after["power_score"] - expected).abs().max() <= 0.015 + 1e-9
        assert (out / "everything__people_power.csv").exists()
    finally:
        (config / "scoring.toml").write_text(scoring, encoding="utf-8")
        (config / "keywords.toml").write_text(keywords, encoding="utf-8")
