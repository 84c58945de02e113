"""What the GitHub resource's settings change in a run (each one set in the UI must matter)."""

from __future__ import annotations

from urllib.parse import urlsplit

import dagster as dg
from dagster_duckdb_pandas import DuckDBPandasIOManager

from ghtalent.definitions import ASSETS
from ghtalent.defs.resources import GitHubResource

DATES = ["2026-03-01", "2026-03-02", "2026-03-03"]
UPSTREAM = ["keyword_repos", "contributors", "enriched_profiles"]


def profiles_run(instance, tmp_path, port: int, date: str, **github) -> dict:
    result = dg.materialize(
        ASSETS,
        selection=UPSTREAM,
        partition_key=f"{date}|llm",
        instance=instance,
        resources={
            "github": GitHubResource(
                source="mirror", mirror_port=port, cache_dir=str(tmp_path / "cache"), **github
            ),
            "io_manager": DuckDBPandasIOManager(
                database=str(tmp_path / "warehouse.duckdb"), schema="ghtalent"
            ),
        },
    )
    assert result.success
    [event] = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key == dg.AssetKey("enriched_profiles")
    ]
    meta = event.materialization.metadata
    return {k: meta[k].value for k in ("profiles_fetched", "profiles_reused")}


def test_profile_max_age_days_set_on_the_resource_decides_what_is_refetched(
    tmp_path, mirror, monkeypatch
):
    monkeypatch.setenv("GHTALENT_DATA_DIR", str(tmp_path / "data"))
    port = urlsplit(mirror.url).port
    with dg.instance_for_test() as instance:
        first = profiles_run(instance, tmp_path, port, DATES[0])
        assert first["profiles_fetched"] > 0
        # unset: config/enrich.toml's 7 days, so yesterday's profiles are reused
        again = profiles_run(instance, tmp_path, port, DATES[1])
        assert again == {"profiles_fetched": 0, "profiles_reused": first["profiles_fetched"]}
        # 0 days on the resource (as set in the launchpad): every profile is fetched anew
        fresh = profiles_run(instance, tmp_path, port, DATES[2], profile_max_age_days=0.0)
        assert fresh == {"profiles_fetched": first["profiles_fetched"], "profiles_reused": 0}


def test_unset_profile_max_age_days_follows_enrich_toml():
    from ghtalent.config.enrich import EnrichConfig

    assert GitHubResource().max_age_days(EnrichConfig(profile_max_age_days=3)) == 3
    assert GitHubResource(profile_max_age_days=0.5).max_age_days(EnrichConfig()) == 0.5
