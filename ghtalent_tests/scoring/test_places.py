from __future__ import annotations

import pandas as pd

from ghtalent.scoring.places import country_name, place_columns, places

PEOPLE = pd.DataFrame(
    {
        "rank": [1, 2, 3, 4, 5, 6],
        "login": ["ann", "bo", "cy", "di", "ed", "fu"],
        "html_url": [f"https://github.com/{x}" for x in ["ann", "bo", "cy", "di", "ed", "fu"]],
        "power_score": [110.0, 95.0, 90.0, 70.0, 60.0, 50.0],
        "company": ["OpenAI", None, "OpenAI", "Meta", "", "Meta"],
        "university": [None, "Tsinghua University", None, None, "Tsinghua University", None],
        "country": ["US", "CN", "US", None, "CN", "FR"],
    }
)


def test_companies_count_the_top_people_and_sum_their_power():
    board, unknown = places(PEOPLE, "companies", 5, pd.Series({"OpenAI": "ai_lab"}))
    # top 5: OpenAI = ann(110) + cy(90); Meta = di(70); bo and ed unknown; fu is rank 6, outside
    assert board["company"].tolist() == ["OpenAI", "Meta"]
    assert board["n_people"].tolist() == [2, 1]
    assert board["power_sum"].tolist() == [200.0, 70.0]
    assert board["share_of_top"].tolist() == [2 / 5, 1 / 5]
    assert board["best_rank"].tolist() == [1, 4]
    assert board.loc[0, "top_people"] == "@ann #1, @cy #3"
    assert board.loc[0, "top_people_urls"] == "https://github.com/ann https://github.com/cy"
    assert board.loc[0, "company_kind"] == "ai_lab" and pd.isna(board.loc[1, "company_kind"])
    assert unknown == 2
    assert list(board.columns) == place_columns("companies")


def test_ties_on_people_go_to_more_power_then_name():
    board, unknown = places(PEOPLE, "countries", 100)
    # US: ann + cy = 200; CN: bo + ed = 155; FR: fu 50 (di unknown)
    assert board[["rank", "country", "n_people", "power_sum"]].values.tolist() == [
        [1, "US", 2, 200.0],
        [2, "CN", 2, 155.0],
        [3, "FR", 1, 50.0],
    ]
    assert board["country_name"].tolist() == ["United States", "China", "France"]
    assert unknown == 1


def test_nobody_known_gives_an_empty_board_with_its_columns():
    board, unknown = places(PEOPLE.assign(university=None), "universities", 3)
    assert board.empty and list(board.columns) == place_columns("universities")
    assert unknown == 3
    empty, none = places(pd.DataFrame(), "countries", 3)
    assert empty.empty and none == 0


def test_country_names():
    assert country_name("tw") == "Taiwan"
    assert country_name("ZZ") is None and country_name(None) is None
