"""The Definitions load, with the lineage and partitions the UI shows."""

from __future__ import annotations

import pytest

from ghtalent.config import ConfigError, UnknownKeywordError, load_keyword_config


def test_definitions_load_with_lineage_from_keyword_repos_to_boards():
    import dagster as dg

    from ghtalent.definitions import defs

    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {
        "keyword_repos",
        "contributors",
        "star_history",
        "enriched_profiles",
        "scores",
        "boards",
    } <= keys
    boards = graph.get(dg.AssetKey("boards"))
    assert {p.to_user_string() for p in boards.parent_keys} >= {
        "scores",
        "enriched_profiles",
        "star_history",
    }
    scores = graph.get(dg.AssetKey("scores"))
    assert {p.to_user_string() for p in scores.parent_keys} == {
        "keyword_repos",
        "contributors",
        "enriched_profiles",
    }
    parts = graph.get(dg.AssetKey("keyword_repos")).partitions_def
    keywords = parts.get_partitions_def_for_dimension("keyword").get_partition_keys()
    assert keywords == ["llm", "glm", "lm", "llama", "diffusion", "gpt"]
    # steps take turns on the warehouse pool: one process per run, not one per step
    for job in ("refresh_job", "rescore_job", "boards_job"):
        assert defs.resolve_job_def(job).executor_def.name == "in_process"


def write(tmp_path, text):
    path = tmp_path / "keywords.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_group_naming_an_unknown_keyword_lists_the_known_ones(tmp_path):
    path = write(
        tmp_path,
        '[[keyword]]\nslug = "llm"\nquery = "LLM"\n[[group]]\nslug = "g"\nkeywords = ["llm", "gtp"]\n',
    )
    with pytest.raises(UnknownKeywordError, match=r"'gtp'.*known: llm"):
        load_keyword_config(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[keyword]]\nslug = "a|b"\nquery = "x"\n', "partition key"),
        ('[[keyword]]\nslug = "llm"\n', r"keyword #1 \('llm'\) needs `query`"),
        ("repos_per_keyword = 5000\n[[keyword]]\nslug = 'x'\nquery = 'X'\n", "1 to 1000"),
        ("[[keyword]\n", "not valid TOML"),
        ("keywrds = 1\n", "unknown setting"),
    ],
)
def test_malformed_keyword_config_says_what_to_fix(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_keyword_config(write(tmp_path, text))


def test_select_by_keyword_or_group_and_reject_unknown():
    config = load_keyword_config()
    assert [k.slug for k in config.select(["diffusion", "GPT"])] == ["diffusion", "gpt"]
    assert {k.slug for k in config.select(["language_models"])} == {"llm", "glm", "llama", "lm"}
    with pytest.raises(UnknownKeywordError, match="known: llm, glm"):
        config.select(["gtp"])


def test_contracted_assets_show_their_columns_in_the_ui():
    from ghtalent.definitions import ASSETS
    from ghtalent.tables import CONTRACTS

    specs = {spec.key.path[-1]: spec for asset in ASSETS for spec in asset.specs}
    for table, columns in CONTRACTS.items():
        schema = specs[table].metadata["dagster/column_schema"]
        assert [c.name for c in schema.columns] == list(columns)


def test_the_shipped_scopes_match_the_notes_and_a_bad_scope_names_the_groups(tmp_path):
    scopes = {s.slug: s.groups for s in load_keyword_config().scopes}
    assert scopes == {"big_models": ("language_models", "gpt")}  # 大模型整体榜单
    path = write(
        tmp_path,
        '[[keyword]]\nslug = "llm"\nquery = "LLM"\n[[group]]\nslug = "g"\nkeywords = ["llm"]\n'
        '[[scope]]\nslug = "big"\ngroups = ["g", "gtp"]\n',
    )
    with pytest.raises(ConfigError, match=r"scope 'big'.*'gtp'.*known: g"):
        load_keyword_config(path)


def run_with_config(tmp_path, keywords: str, *args: str):
    """A fresh process with a config dir whose keywords.toml is `keywords`."""
    import os
    import shutil
    import subprocess
    import sys

    from ghtalent.paths import CONFIG_DIR, REPO_ROOT

    config = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, config)
    (config / "keywords.toml").write_text(keywords, encoding="utf-8")
    (tmp_path / "home").mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GHTALENT_", "DAGSTER_"))}
    env.update(GHTALENT_CONFIG_DIR=str(config), DAGSTER_HOME=str(tmp_path / "home"))
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )


BAD_SLUG = '[[keyword]]\nslug = "a|b"\nquery = "x"\n'
BAD_SLUG_LINE = (
    "keywords.toml: keyword #1 ('a|b').slug must be lowercase letters, digits, '-' or '_'"
)


def test_dagster_validate_with_a_bad_keywords_toml_names_the_file_key_and_fix(tmp_path):
    done = run_with_config(
        tmp_path, BAD_SLUG, "-m", "dagster", "definitions", "validate", "-m", "ghtalent.definitions"
    )
    out = done.stdout + done.stderr
    assert done.returncode != 0
    [line] = [line for line in out.splitlines() if BAD_SLUG_LINE in line]
    assert "got 'a|b'" in line and "partition key" in line
    # the message alone: not the import chain through the asset modules, nor pydantic's dump
    assert "partitions.py" not in out and "pydantic" not in out and "validation error" not in out


def test_importing_the_definitions_reads_no_config_and_using_them_fails_in_one_line(tmp_path):
    done = run_with_config(
        tmp_path,
        BAD_SLUG,
        "-c",
        "import ghtalent.definitions as d; print('imported'); d.defs",
    )
    assert done.stdout.strip() == "imported"
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ghtalent.config.base.ConfigError: ") and BAD_SLUG_LINE in last
    assert "partitions.py" not in done.stderr
