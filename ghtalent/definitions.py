"""The Definitions that workspace.yaml loads, built on first use (`dg.definitions`): importing
this module reads no configuration, and a malformed config file (keywords.toml above all, whose
keywords are the partitions) reaches the user as one line naming the file, the key and the fix
instead of an import traceback through every asset module.

`defs` and `ASSETS` are still importable from here; they are built when first asked for.
"""

from __future__ import annotations

from functools import cache

import dagster as dg

from ghtalent.config import ConfigError


@cache
def _built() -> tuple[list[dg.AssetsDefinition], dg.Definitions]:
    # The asset modules read config/*.toml when imported (keyword partitions, checks).
    from ghtalent.defs.academic_assets import academic_profiles
    from ghtalent.defs.board_assets import boards, scores
    from ghtalent.defs.contracts import with_column_schemas
    from ghtalent.defs.github_assets import contributors, keyword_repos, star_history
    from ghtalent.defs.jobs import JOBS
    from ghtalent.defs.people_assets import enriched_profiles
    from ghtalent.defs.resources import github_from_env, warehouse
    from ghtalent.defs.schedules import SCHEDULES
    from ghtalent.defs.sensors import SENSORS

    assets = with_column_schemas(
        [
            keyword_repos,
            contributors,
            star_history,
            enriched_profiles,
            academic_profiles,
            scores,
            boards,
        ]
    )
    definitions = dg.Definitions(
        assets=assets,
        jobs=JOBS,
        schedules=SCHEDULES,
        sensors=SENSORS,
        resources={"github": github_from_env(), "io_manager": warehouse()},
        # Every step of a run in the run's own process. Each step that writes the warehouse is
        # in the one-slot pool anyway (docs/team.md), so a process per step (Dagster's
        # default) bought no parallelism and cost each step a fresh import of Dagster and
        # ghtalent: 4-5 s, most of a daemon-launched keyword run on a small world.
        executor=dg.in_process_executor,
    )
    return assets, definitions


def load_definitions() -> dg.Definitions:
    """The Definitions; a configuration error is re-raised alone, without the import chain."""
    try:
        return _built()[1]
    except ConfigError as exc:
        raise type(exc)(str(exc)) from None


@dg.definitions
def ghtalent_definitions() -> dg.Definitions:
    """What `dagster dev`, `dagster definitions validate` and the daemon load."""
    return load_definitions()


def __getattr__(name: str):
    if name == "defs":
        return load_definitions()
    if name == "ASSETS":
        load_definitions()
        return _built()[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
