import pandas as pd

from ghtalent.boards.academic import academic_findings, add_academic_columns, per_person
from ghtalent.boards.report.pages import Pages


def academic_rows():
    return pd.DataFrame(
        [
            {"login": "ada", "status": "matched", "confidence": 0.95, "match_reason": "name; institution MIT",
             "cited_by_count": 5400, "h_index": 31, "works_count": 80, "top_work_title": "On Agents",
             "top_work_url": "https://doi.org/10.1/x", "last_publication_year": 2026,
             "author_url": "https://openalex.org/A1"},
            {"login": "ada", "status": "no_author", "confidence": 0.0, "match_reason": "none",
             "cited_by_count": None, "h_index": None, "works_count": None, "top_work_title": None,
             "top_work_url": None, "last_publication_year": None, "author_url": None},
            {"login": "bob", "status": "no_author", "confidence": 0.0, "match_reason": "no author of that name",
             "cited_by_count": None, "h_index": None, "works_count": None, "top_work_title": None,
             "top_work_url": None, "last_publication_year": None, "author_url": None},
        ]
    )  # fmt: skip


def test_people_boards_gain_citations_and_h_index_once_per_person():
    assert len(per_person(academic_rows())) == 2  # found by two keywords, counted once
    boards = {
        "overall/people_power": pd.DataFrame(
            {"rank": [1, 2, 3], "login": ["bob", "Ada", "cy"], "html_url": ["u1", "u2", "u3"]}
        ),
        "overall/repos": pd.DataFrame({"rank": [1], "full_name": ["a/b"]}),
    }
    add_academic_columns(boards, academic_rows())
    power = boards["overall/people_power"].set_index("login")
    assert power.loc["Ada", "citations"] == 5400 and power.loc["Ada", "h_index"] == 31
    assert power.loc["bob", "paper_status"] == "no_author" and pd.isna(power.loc["cy", "citations"])
    assert "citations" not in boards["overall/repos"]
    findings = academic_findings(
        {"overall": {"people_power": boards["overall/people_power"]}}, {}, {}, Pages(["bob"])
    )
    academic = [f for f in findings if f.title.startswith("Academic influence")]
    text = " ".join(p.text for s in academic[0].sentences for p in s)
    assert "5,400" in text and "bob" in text  # the most cited, and a strong builder with no papers
    bob = [p for s in academic[0].sentences for p in s if p.text == "bob"]
    assert bob[0].href == "people/bob.html"  # links to the person page the export has


def test_boards_stay_as_they_were_without_academic_rows():
    boards = {"overall/people_power": pd.DataFrame({"rank": [1], "login": ["a"]})}
    add_academic_columns(boards, None)
    assert list(boards["overall/people_power"].columns) == ["rank", "login"]
