"""Exports of the boards: CSV, Excel and the HTML report, on small hand-made boards."""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from ghtalent.boards.export import (
    csv_name,
    export_boards,
    restore_csv_text,
    sheet_name,
)
from ghtalent.boards.report import board_markdown, format_number, render_report

SCRIPT = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","click")'


def sample_inputs():
    """Boards, notes and context shaped like ghtalent.boards.build's output."""
    people = pd.DataFrame(
        {
            "rank": [1, 2, 3],
            "login": ["alice", "李雷", "mallory"],
            "html_url": [
                "https://github.com/alice",
                "https://github.com/lilei",
                "javascript:alert(1)",
            ],
            "name": ["Alice A.", "李雷", SCRIPT],
            "bio": ["LLM systems", "大模型研究员，清华大学", ATTR],
            "company": ["OpenAI", "清华大学", FORMULA],
            "stars": [120_000, 45_000, 300],
            "forks": [9_000, 3_100, 12],
            "followers": [15_000, 800, 3],
            "power_score": [0.9312, 0.51, 0.0104],
            "top_repos": ["alice/llm-kit, alice/tiny-gpt", "lilei/chatglm-tools", "-1+2"],
        }
    )
    gems = pd.DataFrame(
        {
            "rank": [1, 2],
            "login": ["quietdev", "李雷"],
            "html_url": ["https://github.com/quietdev", "https://github.com/lilei"],
            "gem_score": [625.0, 22.5],
            "project_stars": [25_000, 45_000],
            "best_part": ["owner", "lead, 80% of commits"],
            "x_status": ["no X account linked", "known"],
            "followers": [40, 800],
            "twitter_followers": [None, 1200.0],
            "twitter_username": [None, "li_lei"],
            "audience": [40, 2_000],
            "top_repos": [
                "quietdev/fast-diffusion (25,000★)",
                "lilei/chatglm-tools (45,000★, 80%)",
            ],
            "top_repo_urls": [
                "https://github.com/quietdev/fast-diffusion",
                "https://github.com/lilei/chatglm-tools",
            ],
        }
    )
    lightning = pd.DataFrame(
        {
            "rank": [1, 2],
            "full_name": ["org/rocket", "org/slowpoke"],
            "html_url": ["https://github.com/org/rocket", "https://github.com/org/slowpoke"],
            "created_at": pd.to_datetime(["2023-03-01", "2022-01-10"]),
            "crossed_on": pd.to_datetime(["2023-03-13", "2023-02-01"]),
            "days_to_threshold": [12, 387],
            "source": ["star_history_estimate", "snapshots"],
        }
    )
    repos = pd.DataFrame(
        {
            "rank": [2, 1, 3],
            "full_name": ["org/rocket", "alice/llm-kit", "quietdev/fast-diffusion"],
            "html_url": [
                "https://github.com/org/rocket",
                "https://github.com/alice/llm-kit",
                "https://github.com/quietdev/fast-diffusion",
            ],
            "owner_url": [
                "https://github.com/org",
                "https://github.com/alice",
                "https://github.com/quietdev",
            ],
            "description": ["火箭 rocket LLM", "+SUM(A1:A9)", "@cmd|' /C calc'!A0"],
            "stars": [60_000, 120_000, 25_000],
            "forks": [4_000, 9_000, 900],
            "stars_gained_30d": [8_000, 1_500, 4_000],
        }
    )
    growth = pd.DataFrame(
        {
            "rank": [1, 2],
            "full_name": ["newcomer/blast", "org/rocket"],
            "html_url": ["https://github.com/newcomer/blast", "https://github.com/org/rocket"],
            "stars": [11_000, 60_000],
            "gained_month": [6_000.0, 8_000.0],
            "growth_speed": [900.0, 700.0],
            "recent_share": [0.95, 0.4],
            "growth_class": ["exploding now", "long-lasting"],
        }
    )
    cycles = pd.DataFrame(
        {
            "group": ["language_models"] * 3 + ["diffusion"] * 3,
            "month": pd.to_datetime(["2022-10-01", "2023-03-01", "2023-06-01"] * 2),
            # gains split by days over months are fractional: shown as whole stars
            "stars_gained": [1_000, 50_000, 20_000, 30_000.4, 9_000, 4_000],
        }
    )
    cross = pd.DataFrame(
        {
            "rank": [1],
            "login": ["alice"],
            "html_url": ["https://github.com/alice"],
            "n_groups": [2],
            "groups": ["language_models #1; diffusion #7"],
            "overall_rank": [1],
            "power_score": [0.93],
        }
    )
    terms = pd.DataFrame(
        {
            "group": ["diffusion", "diffusion", "language_models", "diffusion"],
            "period": ["all", "all", "all", "2023"],
            "rank": [1, 2, 1, 1],
            "term": ["stable-diffusion", "图像", "llm", "sdxl"],
            "n_repos": [120, 40, 300, 12],
        }
    )
    countries = pd.DataFrame(
        {
            "rank": [1, 2],
            "country": ["CN", "US"],
            "country_name": ["China", "United States"],
            "n_people": [2, 1],
            "share_of_top": [2 / 3, 1 / 3],
            "power_sum": [0.5204, 0.9312],
            "best_rank": [2, 1],
            "top_people": ["@lilei #2, @mallory #3", "@alice #1"],
            "top_people_urls": [
                "https://github.com/lilei https://github.com/mallory",
                "https://github.com/alice",
            ],
        }
    )
    boards = {
        "overall/people_power": people,
        "overall/countries": countries,
        "overall/team_power": people.iloc[0:0],  # empty, with columns
        "overall/hidden_gems": gems,
        "overall/cross_modal": cross,
        "overall/lightning": lightning,
        "overall/repos": repos,
        "overall/growth": growth,
        "overall/modality_cycles": cycles,
        "overall/top_terms": terms,
        "language_models/people_power": people.iloc[:2],
        "language_models/modality_cycles": cycles.iloc[:3],
        "diffusion/lightning": pd.DataFrame(),  # empty, no columns at all
    }
    notes = {
        "overall/team_power": "no organizations reached the threshold this run",
        "diffusion/lightning": "no star history for 3 repos",
        "overall/hidden_gems": "twitter followers unknown for 40 people",
        "inputs": "no star history for 2 repos",
    }
    weeks = pd.date_range("2023-01-01", periods=12, freq="W-SUN")
    series = pd.concat(
        [
            pd.DataFrame({"full_name": name, "week": weeks, "cumulative_stars": steps})
            for name, steps in {
                "org/rocket": [i * 5_000 for i in range(12)],
                "alice/llm-kit": [100_000 + i * 1_000 for i in range(12)],
            }.items()
        ],
        ignore_index=True,
    )
    context = {
        "date": "2026-11-24",
        "group_labels": {
            "language_models": "LLM/GLM/LLaMA/LM",
            "gpt": "GPT",
            "diffusion": "Diffusion",
        },
        "requests": {"search": 60, "rest": 1_234, "graphql": 12, "not_modified": 950},
        "star_series": series,
    }
    return boards, notes, context


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    boards, notes, context = sample_inputs()
    out = tmp_path_factory.mktemp("exports") / "2026-11-24"
    return export_boards(boards, notes, context, out), boards, notes


@pytest.fixture(scope="module")
def soup(exported):
    paths, _, _ = exported
    return BeautifulSoup(paths["report"].read_text(encoding="utf-8"), "html.parser")


# --------------------------------------------------------------------------- files


def test_export_writes_one_csv_per_board_plus_workbook_and_report(exported):
    paths, boards, _ = exported
    for key in boards:
        assert paths[key].name == csv_name(key)
        assert paths[key].is_file()
    assert paths["excel"].name == "boards.xlsx" and paths["excel"].stat().st_size > 0
    assert paths["report"].name == "report.html" and paths["report"].stat().st_size > 0
    leftovers = [p.name for p in paths["report"].parent.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == []


def test_csv_has_bom_and_roundtrips_cjk_and_hostile_text(exported):
    paths, boards, _ = exported
    raw = paths["overall/people_power"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read CJK as UTF-8"
    back = pd.read_csv(paths["overall/people_power"], encoding="utf-8-sig")
    original = boards["overall/people_power"]
    assert list(back.columns) == list(original.columns)
    for column in ("login", "name", "bio", "company", "top_repos"):
        assert back[column].map(restore_csv_text).tolist() == original[column].tolist()
    assert back["stars"].tolist() == original["stars"].tolist()


def test_csv_neutralizes_formula_looking_text(exported):
    paths, _, _ = exported
    back = pd.read_csv(paths["overall/people_power"], encoding="utf-8-sig")
    assert back.loc[2, "company"] == "'" + FORMULA
    # Harmless arithmetic and ghtalent's own "@login #3" lists stay exactly as written.
    assert back.loc[2, "top_repos"] == "-1+2"


def test_empty_board_csv_keeps_its_columns(exported):
    paths, boards, _ = exported
    back = pd.read_csv(paths["overall/team_power"], encoding="utf-8-sig")
    assert back.empty and list(back.columns) == list(boards["overall/team_power"].columns)


def test_reexport_replaces_files_and_drops_stale_boards(tmp_path):
    boards, notes, context = sample_inputs()
    out = tmp_path / "exports"
    export_boards(boards, notes, context, out)
    smaller = {k: v for k, v in boards.items() if k != "diffusion/lightning"}
    paths = export_boards(smaller, notes, context, out)
    assert not (out / "diffusion__lightning.csv").exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths.values())


def test_malformed_board_key_fails_before_writing(tmp_path):
    boards, notes, context = sample_inputs()
    boards["../../etc/passwd"] = pd.DataFrame()
    with pytest.raises(ValueError, match="'<scope>/<board>'"):
        export_boards(boards, notes, context, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_failed_render_leaves_previous_export_untouched(tmp_path, monkeypatch):
    boards, notes, context = sample_inputs()
    out = tmp_path / "exports"
    paths = export_boards(boards, notes, context, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def boom(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr("ghtalent.boards.export.render_report", boom)
    boards["overall/repos"] = boards["overall/repos"].iloc[:1]
    with pytest.raises(RuntimeError):
        export_boards(boards, notes, context, out)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert [p for p in tmp_path.iterdir() if ".tmp-" in p.name] == []
    assert paths["report"].is_file()


# --------------------------------------------------------------------------- Excel


def test_excel_has_a_sheet_per_board_with_valid_names(exported):
    paths, boards, _ = exported
    wb = openpyxl.load_workbook(paths["excel"])
    names = wb.sheetnames
    assert names[:2] == ["index", "contacts"]
    assert len(names) == len(boards) + 2
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name), name


def test_sheet_names_stay_unique_when_truncated():
    used: set[str] = set()
    a = sheet_name("a_very_long_keyword_group_slug_indeed/modality_cycles", used)
    b = sheet_name("a_very_long_keyword_group_slug_indeed_2/modality_cycles", used)
    assert a != b and len(a) <= 31 and len(b) <= 31


def _sheet_for(wb, index_key):
    index = wb["index"]
    for row in index.iter_rows(values_only=True):
        if row and row[0] == index_key:
            return wb[row[1]]
    raise AssertionError(f"{index_key} not in index sheet")


def test_excel_urls_are_hyperlinks_and_header_frozen(exported):
    paths, _, _ = exported
    wb = openpyxl.load_workbook(paths["excel"])
    ws = _sheet_for(wb, "overall/repos")
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == "A2"
    col = header.index("html url") + 1
    cell = ws.cell(row=2, column=col)
    assert cell.hyperlink is not None
    assert cell.hyperlink.target == "https://github.com/org/rocket"
    assert 8 <= ws.column_dimensions[cell.column_letter].width <= 62


def test_excel_never_links_a_javascript_url(exported):
    paths, _, _ = exported
    ws = _sheet_for(openpyxl.load_workbook(paths["excel"]), "overall/people_power")
    col = [c.value for c in ws[1]].index("html url") + 1
    cell = ws.cell(row=4, column=col)
    assert cell.value == "javascript:alert(1)" and cell.hyperlink is None


def test_excel_formula_injection_is_stored_as_text(exported):
    paths, _, _ = exported
    wb = openpyxl.load_workbook(paths["excel"])
    people = _sheet_for(wb, "overall/people_power")
    header = [c.value for c in people[1]]
    company = people.cell(row=4, column=header.index("company") + 1)
    assert company.value == FORMULA and company.data_type == "s"
    repos = _sheet_for(wb, "overall/repos")
    at = [c.value for c in repos[1]].index("description")
    descriptions = [row[at] for row in repos.iter_rows(min_row=2, values_only=True)]
    assert descriptions == ["火箭 rocket LLM", "+SUM(A1:A9)", "@cmd|' /C calc'!A0"]
    for row in repos.iter_rows(min_row=2):
        assert row[at].data_type == "s"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {ws.title}!{cell.coordinate}"


def test_excel_numbers_stay_numbers(exported):
    paths, _, _ = exported
    ws = _sheet_for(openpyxl.load_workbook(paths["excel"]), "overall/people_power")
    col = [c.value for c in ws[1]].index("stars") + 1
    assert [ws.cell(row=r, column=col).value for r in (2, 3, 4)] == [120_000, 45_000, 300]


def test_empty_board_sheet_says_what_is_missing(exported):
    paths, boards, notes = exported
    wb = openpyxl.load_workbook(paths["excel"])
    teams = _sheet_for(wb, "overall/team_power")
    assert [c.value for c in teams[1]][:2] == ["rank", "login"]
    assert notes["overall/team_power"] in teams["A2"].value
    no_columns = _sheet_for(wb, "diffusion/lightning")
    assert no_columns["A1"].value == "note"
    assert "no star history for 3 repos" in no_columns["A2"].value


# --------------------------------------------------------------------------- HTML


def test_report_has_no_script_from_data(soup):
    scripts = soup.find_all("script")
    assert scripts, "the plotly library and chart scripts should be present"
    for script in scripts:
        assert "alert(1)" not in (script.string or "")
    assert not soup.find_all("img"), "an attribute-breaking bio must not create an <img>"
    for tag in soup.find_all(True):
        for attribute in tag.attrs:
            assert not attribute.lower().startswith("on"), f"event handler on <{tag.name}>"
    assert SCRIPT in soup.get_text(), "hostile text is shown as text"


def test_report_is_small_offline_and_its_charts_are_static_svg(exported):
    html = exported[0]["report"].read_text(encoding="utf-8")
    assert "plotly" not in html.lower(), "no 4.8 MB chart library"
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script", src=True), "no external scripts: the report opens offline"
    assert not soup.find_all("link", href=True), "no external stylesheet either"
    growth = soup.find("svg", id="chart-growth")
    assert growth is not None and len(growth.find_all("polyline")) == 2, "one line per repo"
    assert (
        "org/rocket"
        in growth.find_all("polyline")[0].find("title").get_text()
        + growth.find_all("polyline")[1].find("title").get_text()
    )
    cycles = soup.find("svg", id="chart-cycles")
    assert len(cycles.find_all("polyline")) == 2 and len(cycles.find_all("circle")) == 2


def test_report_links_are_clickable_and_safe(soup):
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert "https://github.com/alice" in hrefs
    assert "https://github.com/org/rocket" in hrefs
    assert "https://github.com/alice/llm-kit" in hrefs  # evidence text linked
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]


def test_findings_come_before_the_tables(soup):
    findings = soup.find(id="findings")
    first_table = soup.find("table", class_="board")
    assert findings is not None and first_table is not None
    order = [t for t in soup.find_all(True) if t is findings or t is first_table]
    assert order[0] is findings


def test_findings_are_sentences_with_numbers_from_the_boards(soup):
    text = " ".join(soup.find(id="findings").get_text().split())
    assert "quietdev has 25,000 stars on projects they built" in text
    assert "only 40 followers" in text and "no X account linked" in text
    assert "not on the overall power board" in text
    assert "alice ranks high in 2 groups: LLM/GLM/LLaMA/LM #1; Diffusion #7" in text
    assert "org/rocket went from creation to 10,000 stars in 12 days" in text
    assert "crossed on 2023-03-13" in text
    assert "newcomer/blast gains 900 stars a week (6,000 in the last month)" in text
    assert "95 % of its 11,000 stars came in the last quarter" in text
    assert "not in the top 3 by total stars" in text
    assert "org/rocket" not in text.split("Exploding now")[1].split("Modality")[0], (
        "only 'exploding now' rows when the board has any"
    )
    assert "Diffusion peaked in 2022-10 with 30,000 stars gained that month (43,000" in text
    assert "LLM/GLM/LLaMA/LM peaked in 2023-03" in text


def test_places_finding_and_board_link_each_person(soup):
    text = " ".join(soup.find(id="findings").get_text().split())
    assert "Countries of the top 3: China 2 (best #2), United States 1 (best #1)." in text
    assert "No companies and labs on this run." in text
    table = soup.find(id="section-overall-countries").find("table")
    headers = [th.contents[0].strip() for th in table.find_all("th")]
    assert "top people" in headers and "top people urls" not in headers
    links = {a.get_text(): a["href"] for a in table.find_all("a")}
    assert (
        links["@lilei"] == "https://github.com/lilei"
        and links["@alice"] == "https://github.com/alice"
    )


def test_twitter_handles_link_to_their_profiles(soup):
    link = soup.find("a", string="@li_lei")
    assert link is not None and link["href"] == "https://x.com/li_lei"


def test_run_wide_notes_are_shown_with_the_findings(soup):
    caveats = soup.find(id="findings").find(id="caveats")
    assert caveats is not None and "no star history for 2 repos" in caveats.get_text()


def test_top_terms_listed_per_group_and_period(soup):
    terms = " ".join(soup.find(id="terms-overall-top_terms").get_text(" ").split())
    assert "Diffusion all stable-diffusion (120) · 图像 (40)" in terms
    assert "sdxl (12)" in terms and "llm (300)" in terms


def test_empty_boards_are_reported_with_their_notes(soup):
    teams = soup.find(id="section-overall-team_power")
    assert "no organizations reached the threshold" in teams.get_text()
    assert teams.find("table") is None
    lightning = soup.find(id="section-diffusion-lightning")
    assert "no star history for 3 repos" in lightning.get_text()


def test_tables_format_numbers_and_mark_unknowns(soup):
    table = soup.find("table", id="board-overall-people_power")
    assert "120,000" in table.get_text()
    gems = soup.find("table", id="board-overall-hidden_gems")
    assert gems.find("td", class_="x") is not None and "—" in gems.get_text()


def test_charts_have_stable_ids(soup):
    assert soup.find(id="chart-growth") is not None
    assert soup.find(id="chart-cycles") is not None
    assert soup.find(id="chart-cycles-language_models") is not None


def test_report_renders_with_every_board_empty():
    boards = {"overall/people_power": pd.DataFrame(), "gpt/repos": pd.DataFrame()}
    context = {"date": "2026-11-24", "group_labels": {"gpt": "GPT"}, "requests": {}}
    html = render_report(boards, {"gpt/repos": "search failed"}, context)
    soup = BeautifulSoup(html, "html.parser")
    findings = soup.find(id="findings").get_text(" ")
    assert "No hidden gems" in findings and "No lightning risers" in findings
    assert "search failed" in soup.get_text()


def test_a_peak_in_the_unfinished_month_says_so():
    cycles = pd.DataFrame(
        {
            "group": ["gpt", "gpt", "diffusion", "diffusion"],
            "month": ["2026-10", "2026-11", "2026-10", "2026-11"],
            "stars_gained": [100.0, 250.4, 300.0, 10.0],
        }
    )
    context = {"date": "2026-11-24", "group_labels": {"gpt": "GPT"}, "requests": {}}
    html = render_report({"overall/modality_cycles": cycles}, {}, context)
    text = " ".join(BeautifulSoup(html, "html.parser").find(id="findings").get_text().split())
    assert "GPT peaked in 2026-11 with 250 stars gained so far (the month is not over)" in text
    assert "diffusion peaked in 2026-10 with 300 stars gained that month" in text


# --------------------------------------------------------------------------- Markdown


def test_board_markdown_escapes_pipes_and_newlines_and_links():
    df = pd.DataFrame(
        {
            "login": ["a|b", "c"],
            "html_url": ["https://github.com/ab", "javascript:alert(1)"],
            "bio": ["line1\nline2 | pipe", None],
            "stars": [12_345, 7],
        }
    )
    md = board_markdown(df, limit=10)
    lines = md.splitlines()
    assert len(lines) == 4
    assert lines[0] == "| login | bio | stars |"
    assert "[a\\|b](https://github.com/ab)" in lines[2]
    assert "line1 line2 \\| pipe" in lines[2] and "12,345" in lines[2]
    assert "javascript" not in md
    # Three cells per row: escaped pipes do not split cells.
    assert all(len(re.split(r"(?<!\\)\|", line)) == 5 for line in lines)


def test_board_markdown_limits_rows_and_handles_empty():
    df = pd.DataFrame({"full_name": [f"o/r{i}" for i in range(15)], "stars": range(15)})
    md = board_markdown(df, limit=10)
    assert md.count("\n| ") == 11 and "5 more rows" in md
    assert "no rows" in board_markdown(df.iloc[0:0])
    assert "no columns" in board_markdown(pd.DataFrame())


def test_board_markdown_can_pick_columns():
    df = pd.DataFrame(
        {"login": ["a"], "html_url": ["https://github.com/a"], "bio": ["x"], "stars": [3]}
    )
    md = board_markdown(df, columns=["login", "stars"])
    assert md.splitlines()[0] == "| login | stars |"
    assert "[a](https://github.com/a)" in md
    with pytest.raises(ValueError, match="no column \\['nope'\\]"):
        board_markdown(df, columns=["nope"])


@pytest.mark.parametrize(
    ("value", "column", "expected"),
    [
        (1234567, "stars", "1,234,567"),
        (1234.0, "followers", "1,234"),
        (0.93125, "power_score", "0.93"),
        (625.0, "hidden_gem_score", "625.0"),
        (12345.6, "star_fork_ratio", "12,346"),
        (571.43, "gained_week", "571"),
        (True, "complete", "yes"),
    ],
)
def test_format_number(value, column, expected):
    assert format_number(value, column) == expected


def test_request_total_counts_only_what_github_answered():
    boards, notes, context = sample_inputs()
    context = {
        **context,
        "requests": {"search": 10, "core": 90, "304": 5, "cache": 400, "retries": 2},
    }
    header = BeautifulSoup(render_report(boards, notes, context), "html.parser").find("header")
    assert "105 GitHub requests" in header.get_text(" ", strip=True)


# --------------------------------------------------------------------------- pages, contacts


def board_inputs():
    """The tables behind sample_inputs' boards, as the boards asset passes them."""
    repos = pd.DataFrame(
        {
            "date": pd.Timestamp("2026-11-24"),
            "keyword": ["llm", "llm", "diffusion", "llm"],
            "full_name": ["alice/llm-kit", "org/rocket", "quietdev/fast-diffusion", "big/no-list"],
            "owner_login": ["alice", "org", "quietdev", "big"],
            "owner_type": ["User", "Organization", "User", "Organization"],
            "html_url": [
                "https://github.com/alice/llm-kit",
                "https://github.com/org/rocket",
                "https://github.com/quietdev/fast-diffusion",
                "https://github.com/big/no-list",
            ],
            "owner_url": ["https://github.com/alice", "https://github.com/org", None, None],
            "stars": [120_000, 60_000, 25_000, 90_000],
            "forks": [9_000, 4_000, 900, 5_000],
            "description": ["LLM kit", "rocket", "fast diffusion", "huge"],
        }
    )
    contributors = pd.DataFrame(
        {
            "date": pd.Timestamp("2026-11-24"),
            "keyword": ["llm", "llm", "llm", "diffusion"],
            "full_name": [
                "alice/llm-kit",
                "alice/llm-kit",
                "org/rocket",
                "quietdev/fast-diffusion",
            ],
            "login": ["alice", "李雷", "alice", "quietdev"],
            "kind": "User",
            "contributions": [300, 100, 50, 80],
            "html_url": [
                "https://github.com/alice",
                "https://github.com/lilei",
                "https://github.com/alice",
                "https://github.com/quietdev",
            ],
        }
    )
    profiles = pd.DataFrame(
        {
            "date": pd.Timestamp("2026-11-24"),
            "keyword": "llm",
            "login": ["alice", "李雷", "quietdev", "mallory"],
            "name": ["Alice A.", "李雷", "Quiet Dev", SCRIPT],
            "html_url": [
                "https://github.com/alice",
                "https://github.com/lilei",
                "https://github.com/quietdev",
                "javascript:alert(1)",
            ],
            "type": "User",
            "followers": [15_000, 800, 40, 3],
            "company": ["OpenAI", None, None, FORMULA],
            "company_raw": ["@openai", None, None, FORMULA],
            "university": [None, "Tsinghua University", None, None],
            "country": ["US", "CN", None, None],
            "location_raw": ["SF", "北京", None, None],
            "email_raw": ["alice@example.org", None, "quiet@example.net", None],
            "blog_raw": ["https://alice.dev", None, None, "javascript:alert(2)"],
            "homepage_url": ["https://alice.dev", None, None, None],
            "twitter_username": ["alice_ai", "li_lei", None, None],
            "scraped": ["ok", "timeout", "no_homepage", "robots"],
            "sources": [
                '{"company": "github.company", "country": "github.location"}',
                '{"university": "homepage"}',
                "{}",
                None,
            ],
        }
    )
    history = pd.DataFrame(
        {
            "date": pd.Timestamp("2026-11-24"),
            "keyword": "llm",
            "full_name": "alice/llm-kit",
            "week": pd.date_range("2026-06-07", periods=20, freq="W-SUN"),
            "stars_gained": [1_000] * 20,
            "complete": False,
        }
    )
    return {
        "repos": repos,
        "contributors": contributors,
        "profiles": profiles,
        "star_history": history,
        "academic": pd.DataFrame(  # academic_profiles rows, as the warehouse holds them
            [
                {
                    "login": "alice",
                    "status": "matched",
                    "confidence": 0.93,
                    "match_reason": "name; institution MIT",
                    "cited_by_count": 5400,
                    "h_index": 31,
                    "works_count": 80,
                    "top_work_title": "On Agents",
                    "top_work_url": "https://doi.org/10.1/x",
                    "last_publication_year": 2026,
                    "author_url": "https://openalex.org/A1",
                },
                {
                    "login": "李雷",
                    "status": "no_author",
                    "confidence": 0.0,
                    "match_reason": "nobody of that name",
                    "cited_by_count": None,
                    "h_index": None,
                    "works_count": None,
                    "top_work_title": None,
                    "top_work_url": None,
                    "last_publication_year": None,
                    "author_url": None,
                },
            ]
        ),  # fmt: skip
    }


@pytest.fixture(scope="module")
def with_pages(tmp_path_factory):
    boards, notes, context = sample_inputs()
    context = {**context, "inputs": board_inputs()}
    out = tmp_path_factory.mktemp("pages") / "2026-11-24"
    return export_boards(boards, notes, context, out), boards


def test_board_rows_link_to_a_page_per_person_and_repo(with_pages):
    paths, _ = with_pages
    soup = BeautifulSoup(paths["report"].read_text(encoding="utf-8"), "html.parser")
    row = soup.find("table", id="board-overall-people_power").find("td", class_="i").find("a")
    assert row.get_text() == "alice" and row["href"] == "people/alice.html"
    repo = soup.find("table", id="board-overall-repos").find("a", string="org/rocket")
    assert repo["href"] == "repos/org_2f_rocket.html"
    assert (paths["people"] / "alice.html").is_file() and (
        paths["repos"] / "org_2f_rocket.html"
    ).is_file()


def test_person_page_has_profile_sources_repos_ranks_and_links(with_pages):
    paths, _ = with_pages
    page = BeautifulSoup(
        (paths["people"] / "alice.html").read_text(encoding="utf-8"), "html.parser"
    )
    links = {a["data-link"]: a["href"] for a in page.find_all("a", attrs={"data-link": True})}
    assert links == {
        "GitHub": "https://github.com/alice",
        "homepage": "https://alice.dev",
        "X": "https://x.com/alice_ai",
        "e-mail": "mailto:alice@example.org",
    }
    facts = " ".join(page.find("dl", class_="facts").get_text(" ").split())
    assert "company OpenAI from: github.company (“@openai”)" in facts
    assert "country US from: github.location" in facts
    repos = page.find("table", id="person-repos").get_text(" ")
    assert "alice/llm-kit" in repos and "75 %" in repos, "300 of 400 commits"
    ranks = " ".join(page.find_all("table", class_="board")[0].get_text(" ").split())
    assert "Most powerful developers" in ranks and "LLM/GLM/LLaMA/LM" in ranks
    assert "power score" in ranks and "#1" in ranks
    assert page.find("svg") is not None, "the star curve of alice/llm-kit"
    assert page.find("link", rel="stylesheet")["href"] == "../report.css"
    assert (paths["report"].parent / "report.css").is_file()


def test_person_page_shows_academic_influence_and_how_it_was_matched(with_pages):
    paths, _ = with_pages
    from ghtalent.boards.report.pages import page_slug

    read = lambda login: BeautifulSoup(  # noqa: E731
        (paths["people"] / f"{page_slug(login)}.html").read_text(encoding="utf-8"), "html.parser"
    )
    alice = read("alice").find(id="person-academic")
    text = " ".join(alice.get_text(" ").split())
    assert "citations 5,400" in text and "h-index 31" in text and "works 80" in text
    assert alice.find("a", string="On Agents")["href"] == "https://doi.org/10.1/x"
    assert "match: 0.93: name; institution MIT" in text
    lilei = read("李雷").find(id="person-academic").get_text()
    assert "No author record matched" in lilei and "nobody of that name" in lilei
    assert read("mallory").find(id="person-academic") is None  # never looked up


def test_hostile_profile_text_stays_text_on_the_pages(with_pages):
    paths, _ = with_pages
    for page in paths["people"].iterdir():
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and 'href="javascript' not in html


def test_contact_sheet_lists_everyone_on_a_people_board_with_why(with_pages):
    paths, boards = with_pages
    contacts = pd.read_csv(paths["contacts"], encoding="utf-8-sig")
    on_boards = set()
    for key in ("overall/people_power", "overall/hidden_gems", "overall/cross_modal"):
        on_boards |= set(boards[key]["login"])
    assert set(contacts["login"]) == on_boards
    alice = contacts.set_index("login").loc["alice"]
    assert alice["email"] == "alice@example.org" and alice["x_url"] == "https://x.com/alice_ai"
    assert alice["on_boards"].startswith("overall/cross_modal #1; overall/people_power #1")
    assert alice["page"] == "people/alice.html"
    wb = openpyxl.load_workbook(paths["excel"])
    sheet = wb["contacts"]
    assert [c.value for c in sheet[1]][:4] == ["login", "name", "type", "on boards"]
    assert "Public data only" in sheet.cell(row=sheet.max_row, column=1).value


def test_every_repo_without_a_contributor_list_is_named(with_pages):
    paths, _ = with_pages
    soup = BeautifulSoup(paths["report"].read_text(encoding="utf-8"), "html.parser")
    caveats = " ".join(soup.find(id="caveats").get_text(" ").split())
    assert "no contributor list for 1 repository" in caveats and "big/no-list 90,000★" in caveats
    assert "no star history for 3 repositories" in caveats
    assert "no readable homepage for 2 people on a board" in caveats
    assert "李雷 (timeout)" in caveats and "mallory (robots)" in caveats


def test_csv_numbers_are_rounded_to_what_they_mean(tmp_path):
    from ghtalent.boards.export import write_csv

    frame = pd.DataFrame(
        {
            "power_score": [114.78577738515901],
            "credited_stars": [62962.212316330464],
            "recent_share": [0.123456],
            "star_fork_ratio": [5.918112334124945],
        }
    )
    write_csv(frame, tmp_path / "b.csv")
    text = (tmp_path / "b.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == "114.79,62962,0.1235,5.92"


def test_a_board_missing_a_column_the_report_reads_fails_naming_it():
    boards, notes, context = sample_inputs()
    boards["overall/hidden_gems"] = boards["overall/hidden_gems"].drop(columns=["audience"])
    with pytest.raises(ValueError, match=r"board 'overall/hidden_gems' has no column 'audience'"):
        render_report(boards, notes, context)
    boards, notes, context = sample_inputs()
    boards["overall/people_power"] = boards["overall/people_power"].drop(columns=["login"])
    with pytest.raises(ValueError, match=r"'overall/people_power' has no column 'login'"):
        render_report(boards, notes, context)


def test_workbook_links_logins_handles_and_each_url_of_a_list(exported):
    paths, _, _ = exported
    wb = openpyxl.load_workbook(paths["excel"])
    gems = wb["overall gems"]
    header = [c.value for c in gems[1]]
    assert "top repo urls 1" in header and "top repo urls" not in header
    login = gems.cell(row=2, column=header.index("login") + 1)
    assert login.value == "quietdev" and login.hyperlink.target == "https://github.com/quietdev"
    handle = gems.cell(row=3, column=header.index("twitter username") + 1)
    assert handle.hyperlink.target == "https://x.com/li_lei"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("https://"):
                    assert cell.hyperlink is not None, f"{ws.title}!{cell.coordinate}"
    growth = wb["overall growth"]
    header = [c.value for c in growth[1]]
    share = growth.cell(row=2, column=header.index("recent share") + 1)
    assert share.value == 0.95 and "%" in share.number_format
