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


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        (
            "GHTALENT_OPENALEX_URL",
            "api.openalex.org",
            "GHTALENT_OPENALEX_URL='api.openalex.org' is not an http(s) URL; give a base URL "
            "such as https://api.openalex.org, or unset it",
        ),
        ("GHTALENT_OPENALEX_URL", "ftp://oa.local", "GHTALENT_OPENALEX_URL='ftp://oa.local' is"),
        ("GHTALENT_OPENALEX_URL", "https://", "GHTALENT_OPENALEX_URL='https://' is not an http"),
        (
            "GHTALENT_OPENALEX_MAILTO",
            "me at example.org",
            "GHTALENT_OPENALEX_MAILTO='me at example.org' is not an e-mail address",
        ),
        ("GHTALENT_X_API_URL", "api.x.com", "GHTALENT_X_API_URL='api.x.com' is not an http(s)"),
    ],
)
def test_a_malformed_url_or_address_is_one_line_naming_the_variable(variable, value, expected):
    with pytest.raises(SettingsError) as caught:
        load_settings({variable: value})
    assert expected in one_line(caught.value)


@pytest.mark.parametrize(
    "variable",
    ["GHTALENT_DATA_DIR", "GHTALENT_CONFIG_DIR", "GHTALENT_SNAPSHOT_DIR", "GHTALENT_REALDATA"],
)
def test_a_folder_variable_naming_a_file_is_one_line_naming_it(tmp_path, monkeypatch, variable):
    from ghtalent import paths

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    expected = f"{variable}='{blocker}' is a file, not a folder; point it at a folder or unset it"
    with pytest.raises(SettingsError) as caught:
        load_settings({variable: str(blocker)})
    assert one_line(caught.value) == expected
    # The folder functions read it through the same model, when they are called.
    monkeypatch.setenv(variable, str(blocker))
    readers = {
        "GHTALENT_DATA_DIR": paths.data_dir,
        "GHTALENT_CONFIG_DIR": paths.config_dir,
        "GHTALENT_SNAPSHOT_DIR": paths.snapshot_dir,
        "GHTALENT_REALDATA": paths.realdata_dir,
    }
    with pytest.raises(SettingsError, match="is a file, not a folder"):
        readers[variable]()


def test_folder_variables_move_the_folders_and_unset_means_the_checkout(tmp_path, monkeypatch):
    from ghtalent import paths

    for variable in ("GHTALENT_DATA_DIR", "GHTALENT_CONFIG_DIR", "GHTALENT_REALDATA"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("GHTALENT_SNAPSHOT_DIR", "")  # empty is unset
    assert paths.data_dir() == paths.REPO_ROOT / "data"
    assert paths.config_dir() == paths.REPO_ROOT / "config"
    assert paths.snapshot_dir() == paths.REPO_ROOT / "data" / "snapshot"
    assert paths.realdata_dir() == (paths.REPO_ROOT.parent / "shared" / "realdata").resolve()
    monkeypatch.setenv("GHTALENT_DATA_DIR", str(tmp_path / "not-yet"))  # created when written
    monkeypatch.setenv("GHTALENT_CONFIG_DIR", str(tmp_path))
    assert paths.data_dir() == tmp_path / "not-yet"
    assert paths.warehouse_path("live") == tmp_path / "not-yet" / "live" / "warehouse.duckdb"
    (tmp_path / "checks.toml").write_text("[scores]\nmin_followers_known = 0.25\n")
    assert load_thresholds().min_followers_known == 0.25


def test_the_openalex_settings_reach_the_resource_and_the_url_choice(monkeypatch):
    from ghtalent.defs.academic_assets import openalex_from_env
    from ghtalent.scholar.config import openalex_url

    monkeypatch.setenv("GHTALENT_OPENALEX_URL", " https://oa.example.org/ ")
    monkeypatch.setenv("GHTALENT_OPENALEX_MAILTO", "scout@example.org")
    resource = openalex_from_env()
    assert (resource.api_url, resource.mailto) == ("https://oa.example.org/", "scout@example.org")
    assert openalex_url("mirror", "http://127.0.0.1:8777", False) == "https://oa.example.org"
    monkeypatch.setenv("GHTALENT_OPENALEX_URL", "oa.example.org")
    with pytest.raises(SettingsError, match="GHTALENT_OPENALEX_URL='oa.example.org'"):
        openalex_from_env()
    with pytest.raises(SettingsError, match="GHTALENT_OPENALEX_URL='oa.example.org'"):
        openalex_url("mirror", "http://127.0.0.1:8777", False)


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
