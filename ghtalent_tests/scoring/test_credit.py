from __future__ import annotations

import pandas as pd
import pytest

from ghtalent.scoring.credit import credit_shares, uncredited_repos
from ghtalent.scoring.frames import bot_logins, is_bot
from ghtalent_tests.scoring.helpers import contrib_rows, repo_rows


def shares(df):
    return {(r.full_name, r.login): round(r.share, 6) for r in df.itertuples()}


def test_commit_share_among_humans_with_owner_minimum(cfg):
    repos = repo_rows(("al/x", "User", 1000, 10))
    contrib = contrib_rows(
        ("al/x", "al", "User", 10),
        ("al/x", "cy", "User", 30),
        ("al/x", "dependabot[bot]", "Bot", 100),  # bot: out
        ("al/x", "renovate", "User", 50),  # bot by name: out
        ("al/x", None, "Anonymous", 99),  # anonymous: out
    )
    # humans: al 10/40 = .25, cy 30/40 = .75; owner al raised to .5, cy rescaled .75 × .5/.75 = .5
    assert shares(credit_shares(repos, contrib, cfg)) == {("al/x", "al"): 0.5, ("al/x", "cy"): 0.5}


def test_owner_above_the_minimum_keeps_their_share(cfg):
    repos = repo_rows(("al/x", "User", 1000, 10))
    contrib = contrib_rows(("al/x", "al", "User", 80), ("al/x", "cy", "User", 20))
    assert shares(credit_shares(repos, contrib, cfg)) == {("al/x", "al"): 0.8, ("al/x", "cy"): 0.2}


def test_owner_missing_from_contributors_still_gets_the_minimum(cfg):
    repos = repo_rows(("bo/z", "User", 100, 1))
    contrib = contrib_rows(("bo/z", "cy", "User", 3), ("bo/z", "dd", "User", 1))
    # cy .75, dd .25 → owner bo .5; cy .75 × .5 = .375, dd .25 × .5 = .125
    assert shares(credit_shares(repos, contrib, cfg)) == {
        ("bo/z", "bo"): 0.5,
        ("bo/z", "cy"): 0.375,
        ("bo/z", "dd"): 0.125,
    }


def test_organization_repos_have_no_owner_boost_and_lone_owner_gets_all(cfg):
    repos = repo_rows(("org/y", "Organization", 100, 1), ("zz/solo", "User", 50, 0))
    contrib = contrib_rows(
        ("org/y", "cy", "User", 5), ("org/y", "dd", "User", 15), ("zz/solo", "zz", "User", 3)
    )
    out = credit_shares(repos, contrib, cfg)
    assert shares(out) == {("org/y", "cy"): 0.25, ("org/y", "dd"): 0.75, ("zz/solo", "zz"): 1.0}
    assert out.groupby("full_name")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_a_repo_without_contributor_list_credits_nobody_not_its_owner(cfg):
    # Old rule: zz/gone (no list, e.g. deleted) credited its owner zz 100 %.
    repos = repo_rows(("zz/gone", "User", 5000, 9), ("zz/botty", "User", 70, 1))
    contrib = contrib_rows(("zz/botty", "dependabot[bot]", "Bot", 40))
    out = credit_shares(repos, contrib, cfg)
    assert out.empty
    assert uncredited_repos(repos, contrib, cfg) == ["zz/botty", "zz/gone"]


@pytest.mark.parametrize(
    "login", ["facebook-github-bot", "pytorchbot", "k8s-ci-robot", "tensorflower-gardener"]
)
def test_service_accounts_typed_user_are_bots(cfg, login):
    assert is_bot(login, "User", cfg)


def test_people_with_bot_like_names_are_people(cfg):
    assert not is_bot("talbot", "User", cfg) and not is_bot("abbott", "User", cfg)


def test_a_column_of_logins_is_judged_as_each_login_alone(cfg):
    logins = pd.Series(
        ["Dependabot[BOT]", "PyTorchBot", "talbot", None, float("nan"), 42, "", "talbot"],
        dtype=object,
    )
    assert bot_logins(logins, cfg).tolist() == [
        True,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]
    assert bot_logins(logins, cfg).tolist() == [is_bot(v, None, cfg) for v in logins]
    assert bot_logins(pd.Series([], dtype=object), cfg).tolist() == []


def test_contributors_listed_under_two_keywords_count_once(cfg):
    repos = repo_rows(("org/y", "Organization", 100, 1))
    contrib = contrib_rows(
        ("org/y", "cy", "User", 5), ("org/y", "cy", "User", 5), ("org/y", "dd", "User", 15)
    )
    assert shares(credit_shares(repos, contrib, cfg)) == {
        ("org/y", "cy"): 0.25,
        ("org/y", "dd"): 0.75,
    }


def test_no_input_gives_an_empty_frame(cfg):
    out = credit_shares(None, None, cfg)
    assert out.empty and list(out.columns)[:3] == ["full_name", "login", "share"]
