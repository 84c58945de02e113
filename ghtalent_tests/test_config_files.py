"""Every configuration file, the environment and the inbox format: a malformed value is one
line naming the file, the key, the bad value and what it must be (`ghtalent.config`)."""

from __future__ import annotations

import json

import pytest

from ghtalent.config import ConfigError, default_keyword_config, load_keyword_config
from ghtalent.config.academic import load_academic_config
from ghtalent.config.checks import load_thresholds
from ghtalent.config.enrich import load_enrich_config
from ghtalent.config.schedule import load_schedule_config
from ghtalent.config.scoring import ScoringConfigError, load_scoring_config
from ghtalent.inbox import InboxError, parse_curation
from ghtalent.settings import SettingsError, load_settings

KEYWORD = '[[keyword]]\nslug = "llm"\nquery = "LLM"\n'


def one_line(error: Exception) -> str:
    message = str(error)
    assert "\n" not in message, message
    assert "pydantic" not in message and "Input should" not in message, message
    return message


@pytest.mark.parametrize(
    ("name", "text", "load", "expected"),
    [
        (
            "keywords.toml",
            "repos_per_keyword = 5000\n" + KEYWORD,
            load_keyword_config,
            "keywords.toml: repos_per_keyword must be a whole number from 1 to 1000 "
            "(GitHub's search cap), got 5000",
        ),
        (
            "keywords.toml",
            KEYWORD + '[[group]]\nslug = "Big Models"\nkeywords = ["llm"]\n',
            load_keyword_config,
            "keywords.toml: group #1 ('Big Models').slug must be lowercase letters, digits, "
            "'-' or '_'",
        ),
        (
            "scoring.toml",
            "[hidden_gem]\nmin_stars = -5\n",
            load_scoring_config,
            "scoring.toml: hidden_gem.min_stars must be a non-negative number, got -5",
        ),
        (
            "scoring.toml",
            '[boards]\ntop_n = "100"\n',
            load_scoring_config,
            "scoring.toml: boards.top_n must be a positive whole number, got '100'",
        ),
        (
            "enrich.toml",
            "page_timeout = -1\n",
            load_enrich_config,
            "enrich.toml: page_timeout must be a non-negative number, got -1",
        ),
        (
            "enrich.toml",
            "scrape_top_n = 80\nscrape_top = 10\n",
            load_enrich_config,
            "enrich.toml: unknown setting scrape_top; known: scrape_top_n, gem_min_stars",
        ),
        (
            "academic.toml",
            'max_requests = "many"\n',
            load_academic_config,
            "academic.toml: max_requests must be a non-negative whole number, got 'many'",
        ),
        (
            "checks.toml",
            "[contributors]\nmin_list_coverage = 90\n",
            load_thresholds,
            "checks.toml: contributors.min_list_coverage must be a share between 0 and 1, got 90",
        ),
        (
            "checks.toml",
            "[contributor]\nmin_list_coverage = 0.9\n",
            load_thresholds,
            "checks.toml: unknown section [contributor]; known: contributors, enriched_profiles",
        ),
        (
            "schedule.toml",
            "[daily_refresh]\nminute = 75\n",
            lambda path: load_schedule_config(path, env={}),
            "schedule.toml: daily_refresh.minute must be a whole number from 0 to 59, got 75",
        ),
        (
            "schedule.toml",
            '[daily_refresh]\ntimezone = "Europe/Paname"\n',
            lambda path: load_schedule_config(path, env={}),
            "schedule.toml: daily_refresh.timezone: 'Europe/Paname' is not an IANA zone name",
        ),
    ],
)
def test_a_malformed_value_is_one_line_naming_file_key_value_and_fix(
    tmp_path, name, text, load, expected
):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path)
    message = one_line(caught.value)
    assert message.startswith(str(tmp_path)) and expected in message


def test_scoring_errors_keep_their_own_type():
    from ghtalent.config.scoring import scoring_config_from_dict

    with pytest.raises(ScoringConfigError):
        scoring_config_from_dict({"bursts": {"factor": "big"}})


def test_bot_names_are_a_set_and_suffixes_an_ordered_tuple_whatever_the_path(tmp_path):
    # The list type used to be chosen by looking for "names" in a string holding the file's
    # path: a folder called "names" turned the suffixes into a frozenset.
    folder = tmp_path / "names"
    folder.mkdir()
    path = folder / "scoring.toml"
    path.write_text('[bots]\nlogin_suffixes = ["[Bot]", "-bot"]\nnames = ["Ghost"]\n')
    cfg = load_scoring_config(path)
    assert cfg.bot_login_suffixes == ("[bot]", "-bot")
    assert cfg.bot_names == frozenset({"ghost"})


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"GHTALENT_MIRROR_PORT": "80800"}, "GHTALENT_MIRROR_PORT='80800' must be a port number"),
        (
            {"GHTALENT_API_URL": "api.github.com"},
            "GHTALENT_API_URL='api.github.com' is not an http(s) URL; give a base URL such as",
        ),
        ({"GHTALENT_SOURCE": "githb"}, "GHTALENT_SOURCE='githb' is not known; use one of"),
    ],
)
def test_a_malformed_environment_variable_is_one_line_naming_it(env, expected):
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert expected in one_line(caught.value)


def test_a_malformed_token_is_named_but_never_echoed():
    secret = "ghp_secret value"
    with pytest.raises(SettingsError) as caught:
        load_settings({"GHTALENT_SOURCE": "live", "GITHUB_TOKEN": secret})
    message = one_line(caught.value)
    assert "GITHUB_TOKEN is set but contains spaces" in message
    assert "secret" not in message and "ghp_" not in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"merge_identities": [{"into": "alice", "from": ["not a login"]}]},
            "fixes.json: merge_identities #1.from #1 must be a GitHub login, got 'not a login'",
        ),
        (
            {"exclude_repos": ["a/b"], "kind": "curation"},
            "fixes.json: kind is 'curation'; known: ghtalent.curation",
        ),
    ],
)
def test_a_malformed_inbox_file_is_one_line_naming_file_key_value_and_fix(body, expected):
    with pytest.raises(InboxError) as caught:
        parse_curation("fixes.json", json.dumps(body).encode(), default_keyword_config())
    assert expected in one_line(caught.value)
