from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.boards.build import BOARD_COLUMNS, SCOPED_KINDS, build_boards
from ghtalent.scoring.config import load_scoring_config

GROUPS = {"language_models": ["llm", "llama"], "gpt": ["gpt"], "diffusion": ["diffusion"]}
DATE = "2026-03-31"


@pytest.fixture
def cfg():
    return load_scoring_config()


def world():
    """Four repos; al/chat is found by both `llm` and `gpt` (listed twice, with its people)."""
    repos = pd.DataFrame(
        [
            ("llm", "al/chat", "al", "User", 12000, 300, "2026-01-04", "LLM chat app", "llm"),
            ("gpt", "al/chat", "al", "User", 12000, 300, "2026-01-04", "LLM chat app", "llm"),
            ("llm", "org/serve", "org", "Organization", 20000, 2000, "2024-01-01", "LLM serving", None),
            ("diffusion", "bo/paint", "bo", "User", 3000, 0, "2023-06-01", "Diffusion UI", None),
            ("diffusion", "cy/draw", "cy", "User", 1500, 50, "2023-07-01", "Diffusion art", None),
        ],
        columns=["keyword", "full_name", "owner_login", "owner_type", "stars", "forks",
                 "created_at", "description", "topics"],
    )  # fmt: skip
    repos["date"] = DATE
    repos["created_at"] = pd.to_datetime(repos["created_at"])
    contrib = pd.DataFrame(
        [
            ("llm", "al/chat", "al", "User", 40), ("llm", "al/chat", "cy", "User", 60),
            ("llm", "al/chat", "dependabot[bot]", "Bot", 500),
            ("llm", "al/chat", None, "Anonymous", 900),
            ("gpt", "al/chat", "al", "User", 40), ("gpt", "al/chat", "cy", "User", 60),
            ("gpt", "al/chat", "github-actions[bot]", "Bot", 500),
            ("llm", "org/serve", "dd", "User", 90), ("llm", "org/serve", "cy", "User", 10),
            ("llm", "org/serve", "renovate", "User", 300),
            ("diffusion", "bo/paint", "bo", "User", 10), ("diffusion", "bo/paint", "cy", "User", 10),
            ("diffusion", "cy/draw", "cy", "User", 5),
        ],
        columns=["keyword", "full_name", "login", "kind", "contributions"],
    )  # fmt: skip
    profiles = pd.DataFrame(
        [
            ("al", "User", 500, None), ("cy", "User", 40, 10), ("dd", "User", 3000, 100),
            ("bo", "User", 2, None), ("org", "Organization", 9000, None),
        ],
        columns=["login", "type", "followers", "twitter_followers"],
    )  # fmt: skip
    profiles = pd.concat([profiles.assign(keyword="llm"), profiles.assign(keyword="gpt")])
    weeks = pd.date_range("2026-01-04", periods=13, freq="7D")
    history = pd.DataFrame(
        {"full_name": "al/chat", "week": weeks, "stars_gained": [1000] * 12 + [0], "complete": True}
    )
    history = pd.concat([history.assign(keyword="llm"), history.assign(keyword="gpt")])
    return repos, contrib, history, profiles


def test_every_board_exists_with_its_columns(cfg):
    boards = build_boards(*world(), GROUPS, cfg)
    for scope in ["overall", *GROUPS]:
        for kind in SCOPED_KINDS:
            df = boards[f"{scope}/{kind}"]
            assert list(df.columns) == BOARD_COLUMNS[kind], f"{scope}/{kind}"
    for kind in ("cross_modal", "modality_cycles", "modality_peaks", "top_terms"):
        assert f"overall/{kind}" in boards


def test_overall_board_counts_a_repo_and_a_person_once(cfg):
    boards = build_boards(*world(), GROUPS, cfg)
    repos = boards["overall/repos"]
    assert repos["full_name"].tolist() == ["org/serve", "al/chat", "bo/paint", "cy/draw"]
    assert repos.set_index("full_name").loc["al/chat", "keywords"] == "gpt,llm"
    assert repos.set_index("full_name").loc["al/chat", "groups"] == "gpt,language_models"
    people = boards["overall/people_power"].set_index("login")
    assert people.index.is_unique
    # cy: al/chat 60 % of 12000 → raised owner al to .5 → cy .6 × .5/.6 = .5 → 6000;
    #     org/serve 10 % of 20000 = 2000; bo/paint 50 % (owner bo ≥ .5) of 3000 = 1500;
    #     cy/draw (own) 1500 → 11000, not doubled by the second keyword
    assert people.loc["cy", "credited_stars"] == pytest.approx(11000)
    assert people.loc["cy", "n_strong_repos"] == 4  # 6000, 2000, 1500, 1500 ≥ 1000
    # 3 extra strong repos × 1 % = the 3 % cap, of cy's own weighted score
    assert people.loc["cy", "bonus"] == pytest.approx(people.loc["cy", "power_score"] * 0.03 / 1.03)
    # growth from the (de-duplicated) weekly history: 12 × 1000, not 24000
    chat = repos.set_index("full_name").loc["al/chat"]
    assert chat["gained_quarter"] == pytest.approx(12000)
    assert chat["star_fork_ratio"] == 40  # 12000 / 300
    assert pd.isna(repos.set_index("full_name").loc["bo/paint", "star_fork_ratio"])  # 0 forks


def test_no_bots_or_anonymous_on_people_boards(cfg):
    boards = build_boards(*world(), GROUPS, cfg)
    bots = {"dependabot[bot]", "github-actions[bot]", "renovate", None}
    for key, df in boards.items():
        if key.endswith(("people_power", "hidden_gems", "cross_modal")):
            assert not set(df["login"]) & bots, key
            assert df["login"].notna().all()


def test_group_boards_and_cross_modal(cfg):
    boards = build_boards(*world(), GROUPS, cfg)
    assert set(boards["diffusion/repos"]["full_name"]) == {"bo/paint", "cy/draw"}
    assert set(boards["gpt/people_power"]["login"]) == {"al", "cy"}
    assert set(boards["language_models/team_power"]["login"]) == {"org"}
    cross = boards["overall/cross_modal"].set_index("login")
    # cy is on all three group boards; al on language_models and gpt; dd and bo on one each
    assert cross.loc["cy", "n_groups"] == 3 and cross.loc["al", "n_groups"] == 2
    assert "dd" not in cross.index and "bo" not in cross.index
    assert cross.loc["cy", "html_url"] == "https://github.com/cy"


def test_lightning_cycles_and_urls(cfg):
    boards = build_boards(*world(), GROUPS, cfg)
    light = boards["overall/lightning"]
    # al/chat: 1000 a week from 01-04 → 10000 at the end of the 10th week (03-08 … 03-14):
    # needs all 1000 of that week → day 6 → 2026-03-14, 69 days after creation
    assert light["full_name"].tolist() == ["al/chat"]
    assert light.iloc[0]["crossed_on"] == pd.Timestamp("2026-03-14")
    assert light.iloc[0]["days_to_threshold"] == 69
    assert (
        "org/serve" in boards.notes["overall/lightning"]
        or "1 repos" in boards.notes["overall/lightning"]
    )
    peaks = boards["overall/modality_peaks"].set_index("group")
    assert set(peaks.index) == {"language_models", "gpt"}  # no history for the diffusion repos
    for key, df in boards.items():
        if "html_url" in df.columns and not df.empty:
            assert df["html_url"].str.startswith("https://github.com/").all(), key


def test_changing_weights_changes_the_board(cfg):
    repos, contrib, history, profiles = world()
    default = build_boards(repos, contrib, history, profiles, GROUPS, cfg)
    stars_only = load_scoring_config(
        overrides={"power": {"weights": {"stars": 1, "forks": 0, "followers": 0},
                             "bonus_rate": 0}}
    )  # fmt: skip
    other = build_boards(repos, contrib, history, profiles, GROUPS, stars_only)
    # log_minmax components (credited stars al 6000, cy 11000, dd 18000, bo 1500;
    # forks al 150, cy 400, dd 1800, bo 0; followers al 500, cy 40, dd 3000, bo 2), L(v, top) =
    # 100 ln(1+v)/ln(1+top): dd = 100 (+3 %);
    # al = .35 L(6000,18000) + .35 L(150,1800) + .30 L(500,3000) = 77.79;
    # cy = (.35 L(11000,18000) + .35 L(400,1800) + .30 L(40,3000)) × 1.03 = 77.40
    assert default["overall/people_power"]["login"].tolist() == ["dd", "al", "cy", "bo"]
    # stars only, no bonus: dd 18000 > cy 11000 > al 6000 > bo 1500
    assert other["overall/people_power"]["login"].tolist() == ["dd", "cy", "al", "bo"]


def test_missing_inputs_never_raise_and_say_so(cfg):
    boards = build_boards(None, None, None, None, GROUPS, cfg)
    assert boards and all(df.empty for df in boards.values())
    assert set(boards.empty_boards()) == set(boards)
    assert "no contributors" in boards.notes["inputs"]
    for key, df in boards.items():
        kind = key.split("/", 1)[1]
        assert list(df.columns)[: len(BOARD_COLUMNS[kind])] == BOARD_COLUMNS[kind]
    repos, contrib, _, profiles = world()
    partial = build_boards(repos, contrib, None, profiles, GROUPS, cfg)
    assert "no star history for 4 repos" in partial.notes["inputs"]
    assert partial["overall/lightning"].empty and not partial["overall/people_power"].empty


def test_top_n_limits_rows(cfg):
    from dataclasses import replace

    boards = build_boards(*world(), GROUPS, replace(cfg, top_n=2))
    assert len(boards["overall/repos"]) == 2 and len(boards["overall/people_power"]) == 2


def test_daily_snapshots_fill_in_for_missing_history(cfg):
    repos, contrib, history, profiles = world()
    daily = pd.DataFrame(
        {
            "date": ["2026-03-29", "2026-03-30", "2026-03-31", "2026-03-31"],
            "full_name": ["org/serve", "org/serve", "org/serve", "not/on-board"],
            "stars": [19900, 19950, 20000, 5],
        }
    )
    boards = build_boards(repos, contrib, history, profiles, GROUPS, cfg, daily_stars=daily)
    serve = boards["overall/repos"].set_index("full_name").loc["org/serve"]
    # 19900 → 20000 over the two days up to asof (03-31): the week window holds both gains
    assert serve["gained_week"] == pytest.approx(100)
    assert "1 repos use the daily snapshots" in boards.notes["inputs"]


def test_places_boards_count_the_people_board_by_company_and_country(cfg):
    repos, contrib, history, profiles = world()
    facts = {"cy": ("OpenAI", "ai_lab", "US"), "dd": ("OpenAI", "ai_lab", "CN")}
    profiles = profiles.assign(
        company=profiles["login"].map(lambda x: facts.get(x, (None,) * 3)[0]),
        company_kind=profiles["login"].map(lambda x: facts.get(x, (None,) * 3)[1]),
        country=profiles["login"].map(lambda x: facts.get(x, (None,) * 3)[2]),
    )
    boards = build_boards(repos, contrib, history, profiles, GROUPS, cfg)
    people = boards["overall/people_power"]
    companies = boards["overall/companies"]
    assert companies[["company", "company_kind", "n_people"]].values.tolist() == [
        ["OpenAI", "ai_lab", 2]
    ]
    assert companies.loc[0, "power_sum"] == pytest.approx(
        people.set_index("login").loc[["cy", "dd"], "power_score"].sum()
    )
    assert set(boards["overall/countries"]["country"]) == {"US", "CN"}
    # al and bo have no company: said on the board, not counted
    assert (
        boards.notes["overall/companies"]
        == f"2 of the top {len(people)} people have no known company"
    )
    # diffusion's people are bo and cy: cy alone is at OpenAI
    assert boards["diffusion/companies"]["top_people"].tolist() == [
        f"@cy #{int(boards['diffusion/people_power'].set_index('login').loc['cy', 'rank'])}"
    ]


def test_a_scope_unites_groups_for_every_board_kind_and_cross_modal_counts_groups(cfg):
    from ghtalent.boards.build import SCOPED_KINDS

    repos, contrib, history, profiles = world()
    scopes = {"big_models": ["language_models", "gpt"]}
    boards = build_boards(repos, contrib, history, profiles, GROUPS, cfg, scopes=scopes)
    assert all(f"big_models/{kind}" in boards for kind in SCOPED_KINDS)
    big = set(boards["big_models/repos"]["full_name"])
    lm = set(boards["language_models/repos"]["full_name"])
    gpt = set(boards["gpt/repos"]["full_name"])
    assert big == lm | gpt and "bo/paint" not in big
    plain = build_boards(repos, contrib, history, profiles, GROUPS, cfg)
    # a person on the language-model and big-model boards is not cross-modal for that
    pd.testing.assert_frame_equal(boards["overall/cross_modal"], plain["overall/cross_modal"])
    assert "big_models" not in " ".join(boards["overall/cross_modal"].columns)


def test_star_fork_boards_keep_the_floor_and_read_the_ratio(cfg):
    from dataclasses import replace

    repos, contrib, history, profiles = world()
    floor = replace(cfg, star_fork_min_stars=3000)
    boards = build_boards(repos, contrib, history, profiles, GROUPS, floor)
    sf = boards["overall/star_fork"]
    # ≥ 3000 stars: al/chat 12000/300 = 40, org/serve 20000/2000 = 10, bo/paint 3000/0 → null
    assert sf["full_name"].tolist()[:2] == ["al/chat", "org/serve"]
    assert (sf["stars"] >= 3000).all() and "cy/draw" not in set(sf["full_name"])
    assert "attention more than use" in boards.notes["overall/star_fork"]
    people = boards["overall/star_fork_people"]
    assert (people["credited_stars"] >= 3000).all()


def test_a_past_date_uses_only_what_was_known_then_and_says_so(cfg):
    repos, contrib, history, profiles = world()
    later = build_boards(repos, contrib, history, profiles, GROUPS, cfg, asof="2026-02-01")
    assert "fetched after 2026-02-01" in later.notes["inputs"]
    full = build_boards(repos, contrib, history, profiles, GROUPS, cfg, asof=DATE)
    assert "fetched after" not in full.notes.get("inputs", "")


def test_repos_without_a_contributor_list_are_counted_not_credited_to_their_owner(cfg):
    repos, contrib, history, profiles = world()
    contrib = contrib[contrib["full_name"] != "bo/paint"]
    boards = build_boards(repos, contrib, history, profiles, GROUPS, cfg)
    note = boards.notes["diffusion/people_power"]
    assert note.startswith("1 repos have no human contributor list")
    assert note.endswith("the largest: bo/paint (3,000★)")
    # bo owned bo/paint (3000★) and is nobody's contributor elsewhere: off every people board
    assert "bo" not in set(boards["overall/people_power"]["login"])
    assert "bo" not in set(boards["overall/hidden_gems"]["login"])
